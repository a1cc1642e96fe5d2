import { RunGuard } from './run-guard.js';

function manualClock(start = 0) {
  let now = start;
  return { clock: () => now, advance: (ms: number) => (now += ms) };
}

describe('RunGuard', () => {
  it('when no budget has started, then it never interrupts', () => {
    const time = manualClock();
    const guard = new RunGuard(time.clock, undefined);
    time.advance(1e9);

    expect(guard.shouldInterrupt()).toBe(false);
    expect(guard.passed()).toBe(false);
  });

  it('when the tool budget runs out, then it interrupts and reports the deadline', () => {
    const time = manualClock();
    const guard = new RunGuard(time.clock, undefined);
    guard.startToolBudget(100);

    time.advance(100);
    expect(guard.shouldInterrupt()).toBe(false);
    expect(guard.stoppedFor()).toBeUndefined();

    time.advance(1);
    expect(guard.shouldInterrupt()).toBe(true);
    expect(guard.passed()).toBe(true);
    expect(guard.stoppedFor()).toBe('deadline');
  });

  it('when the cleanup grace runs out, then it interrupts without blaming the tool', () => {
    const time = manualClock();
    const guard = new RunGuard(time.clock, undefined);
    guard.startToolBudget(100);
    guard.startCleanup(10);

    time.advance(11);

    expect(guard.shouldInterrupt()).toBe(true);
    expect(guard.stoppedFor()).toBeUndefined();
  });

  it('when the module was refused memory, then the tool is reported as stopped for memory', () => {
    const time = manualClock();
    const guard = new RunGuard(time.clock, { growthRefused: () => true });

    expect(guard.stoppedFor()).toBe('memory');
  });

  it('when both happened, then the deadline wins', () => {
    const time = manualClock();
    const guard = new RunGuard(time.clock, { growthRefused: () => true });
    guard.startToolBudget(1);
    time.advance(2);
    guard.shouldInterrupt();

    expect(guard.stoppedFor()).toBe('deadline');
  });
});
