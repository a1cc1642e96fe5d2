import { ExecutionSlots, type SlotGrant } from './execution-slots.js';

function released(grant: SlotGrant): () => void {
  if (!grant.granted) throw new Error(`expected a slot, got ${grant.reason}`);
  return grant.release;
}

describe('ExecutionSlots', () => {
  it('when fewer than the cap run, then a slot is granted at once', async () => {
    const slots = new ExecutionSlots(2, 10);

    await slots.acquire();
    await slots.acquire();

    expect(slots.runningCount).toBe(2);
    expect(slots.waitingCount).toBe(0);
  });

  it('when the cap is reached, then later callers wait and get slots in arrival order', async () => {
    const slots = new ExecutionSlots(1, 10);
    const first = released(await slots.acquire());
    const order: string[] = [];
    const second = slots.acquire().then((grant) => {
      order.push('second');
      return grant;
    });
    const third = slots.acquire().then((grant) => {
      order.push('third');
      return grant;
    });
    await Promise.resolve();
    expect(order).toEqual([]);

    first();
    released(await second)();
    released(await third)();

    expect(order).toEqual(['second', 'third']);
    expect(slots.runningCount).toBe(0);
  });

  it('when the waiting line is full, then a new caller is refused as busy at once', async () => {
    const slots = new ExecutionSlots(1, 1);
    await slots.acquire();
    void slots.acquire();

    expect(await slots.acquire()).toEqual({ granted: false, reason: 'busy' });
  });

  it('when closed, then waiting and new callers are refused and running ones keep their slot', async () => {
    const slots = new ExecutionSlots(1, 5);
    const running = released(await slots.acquire());
    const waiting = slots.acquire();

    slots.close();

    expect(await waiting).toEqual({ granted: false, reason: 'closed' });
    expect(await slots.acquire()).toEqual({ granted: false, reason: 'closed' });
    expect(slots.runningCount).toBe(1);
    running();
    expect(slots.runningCount).toBe(0);
  });

  it('when a slot is released twice, then it frees only one place', async () => {
    const slots = new ExecutionSlots(1, 5);
    const release = released(await slots.acquire());

    release();
    release();
    await slots.acquire();

    expect(slots.runningCount).toBe(1);
  });
});
