import {
  type ClaimedReminder,
  ConflictError,
  createLogger,
  createMetricsRegistry,
  FakeTimerClock,
  ManualClock,
} from '@health-agent/core';
import type { Api } from 'grammy';
import { ReminderDispatcher, type ReminderDispatcherDependencies } from './reminder-dispatcher.js';
import { createReminderMetrics } from './reminder-metrics.js';

const logger = createLogger({ level: 'silent', service: 'test' });
const now = new Date('2026-03-02T08:00:00Z');

function claimed(overrides: Partial<ClaimedReminder> = {}): ClaimedReminder {
  return {
    id: '0f8c2a4e-1b2c-4d5e-8f90-123456789abc',
    userId: '11111111-1111-4111-8111-111111111111',
    kind: 'daily',
    message: 'take vitamins',
    timeOfDay: '08:00',
    weekdays: [1, 2, 3, 4, 5, 6, 7],
    runAt: null,
    condition: null,
    conditionWindowMinutes: null,
    enabled: true,
    pausedReason: null,
    nextRunAt: now,
    lastSentAt: null,
    createdAt: now,
    updatedAt: now,
    scheduledFor: now,
    claimedBy: 'unit',
    claimedUntil: new Date(now.getTime() + 300_000),
    delivery: { timezone: 'UTC', quietHoursStart: null, quietHoursEnd: null, telegramId: '4242' },
    ...overrides,
  };
}

/** A reminders service that hands out the given batches and records what the dispatcher did. */
type RemindersPort = ReminderDispatcherDependencies['reminders'];

function fakeReminders(
  batches: ClaimedReminder[][],
  overrides: (base: RemindersPort) => Partial<RemindersPort>,
) {
  const calls: string[] = [];
  const service: RemindersPort = {
    claimDueReminders: async () => batches.shift() ?? [],
    markSent: async (id) => {
      calls.push(`sent:${id}`);
      return claimed();
    },
    markFailed: async (id, _at, _by, options) => {
      calls.push(`failed:${id}:${options?.retryAfterMs}`);
      return claimed();
    },
    skipForCondition: async (id) => {
      calls.push(`condition:${id}`);
      return claimed();
    },
    deferClaimed: async (id, _at, _by, until) => {
      calls.push(`deferred:${id}:${until.toISOString()}`);
      return claimed();
    },
    isConditionMet: async () => false,
  };
  return { service: { ...service, ...overrides(service) }, calls };
}

function fakeApi(sends: Array<{ chatId: unknown; text: unknown }>): Api {
  return {
    sendMessage: async (chatId: unknown, text: unknown) => {
      sends.push({ chatId, text });
      return {};
    },
  } as unknown as Api;
}

function setUp(
  batches: ClaimedReminder[][],
  overrides: Partial<ReminderDispatcherDependencies> = {},
  reminderOverrides: (base: RemindersPort) => Partial<RemindersPort> = () => ({}),
) {
  const reminders = fakeReminders(batches, reminderOverrides);
  const sends: Array<{ chatId: unknown; text: unknown }> = [];
  const timers = new FakeTimerClock();
  const dispatcher = new ReminderDispatcher({
    reminders: reminders.service,
    profiles: { getProfile: async () => ({ language: 'es' }) as never },
    api: fakeApi(sends),
    clock: new ManualClock(now),
    logger,
    metrics: createReminderMetrics(createMetricsRegistry({ service: 'bot', defaultMetrics: false })),
    claimerId: 'unit',
    intervalMs: 1000,
    timers,
    ...overrides,
  });
  return { dispatcher, calls: reminders.calls, sends, timers };
}

describe('reminder dispatcher', () => {
  it('when the lease is not longer than the send budget, then the dispatcher refuses to start', () => {
    expect(() => setUp([], { leaseMs: 60_000, sendBudgetMs: 60_000 })).toThrow(RangeError);
  });

  it('when a due reminder is claimed, then it is sent in its owner language to the Telegram chat and recorded', async () => {
    const { dispatcher, calls, sends } = setUp([[claimed()]]);
    expect(await dispatcher.runOnce()).toMatchObject({ sent: 1 });
    expect(sends).toEqual([{ chatId: 4242, text: '⏰ Recordatorio: take vitamins' }]);
    expect(calls).toEqual(['sent:0f8c2a4e-1b2c-4d5e-8f90-123456789abc']);
  });

  it('when full batches keep coming, then one pass keeps claiming until a short batch', async () => {
    const batch = (n: number) => Array.from({ length: n }, (_, i) => claimed({ id: `id-${n}-${i}` }));
    const { dispatcher, sends } = setUp([batch(2), batch(2), batch(1), batch(2)], { batchSize: 2 });
    expect((await dispatcher.runOnce()).sent).toBe(5);
    expect(sends).toHaveLength(5);
  });

  it('when too little of the lease is left, then the reminder is left alone for a later pass', async () => {
    const { dispatcher, calls, sends } = setUp([
      [claimed({ claimedUntil: new Date(now.getTime() + 10_000) })],
    ]);
    expect(await dispatcher.runOnce()).toMatchObject({ leaseShort: 1, sent: 0 });
    expect(sends).toEqual([]);
    expect(calls).toEqual([]);
  });

  it('when the profile cannot be read, then the reminder still goes out, in English', async () => {
    const { dispatcher, sends } = setUp([[claimed()]], {
      profiles: { getProfile: () => Promise.reject(new Error('database gone')) },
    });
    await dispatcher.runOnce();
    expect(sends[0]?.text).toBe('⏰ Reminder: take vitamins');
  });

  it('when recording the send fails once, then it is retried so the reminder is not sent twice', async () => {
    let failures = 1;
    const { dispatcher, calls, sends, timers } = setUp([[claimed()]], {}, (base) => ({
      markSent: async (...args) => {
        if (failures-- > 0) throw new Error('connection reset');
        return base.markSent(...args);
      },
    }));
    const pass = dispatcher.runOnce();
    await timers.advance(1000);
    expect(await pass).toMatchObject({ sent: 1 });
    expect(sends).toHaveLength(1);
    expect(calls).toEqual(['sent:0f8c2a4e-1b2c-4d5e-8f90-123456789abc']);
  });

  it('when the claim was lost before recording, then the conflict is not retried and the outcome is a failure', async () => {
    let attempts = 0;
    const { dispatcher } = setUp([[claimed()]], {}, () => ({
      markSent: () => {
        attempts += 1;
        return Promise.reject(new ConflictError('not claimed by this dispatcher'));
      },
    }));
    expect(await dispatcher.runOnce()).toMatchObject({ failed: 1, sent: 0 });
    expect(attempts).toBe(1);
  });

  it('when a one-time reminder has no chat, then it is looked at again a day later', async () => {
    const { dispatcher, calls } = setUp([
      [
        claimed({
          kind: 'once',
          timeOfDay: null,
          weekdays: [],
          runAt: now,
          delivery: { ...claimed().delivery, telegramId: null },
        }),
      ],
    ]);
    expect(await dispatcher.runOnce()).toMatchObject({ passedOver: 1 });
    expect(calls).toEqual([`failed:0f8c2a4e-1b2c-4d5e-8f90-123456789abc:${24 * 3_600_000}`]);
  });

  it('when the profile zone is not a real zone, then UTC is used to pass a stale reminder over', async () => {
    const stale = claimed({
      scheduledFor: new Date(now.getTime() - 3 * 3_600_000),
      delivery: { ...claimed().delivery, timezone: 'Mars/Olympus' },
    });
    const { dispatcher, calls } = setUp([[stale]]);
    await dispatcher.runOnce();
    expect(calls).toEqual(['deferred:0f8c2a4e-1b2c-4d5e-8f90-123456789abc:2026-03-03T08:00:00.000Z']);
  });

  it('when started, then it passes every interval until stopped, and a failed pass does not stop the loop', async () => {
    let claims = 0;
    const { dispatcher, timers } = setUp([], {}, () => ({
      claimDueReminders: async () => {
        claims += 1;
        if (claims === 2) throw new Error('database restarting');
        return [];
      },
    }));
    dispatcher.start();
    dispatcher.start(); // a second start is a no-op
    await timers.advance(0);
    expect(claims).toBe(1);
    await timers.advance(1000);
    await timers.advance(1000);
    expect(claims).toBe(3);
    await dispatcher.stop();
    await timers.advance(5000);
    expect(claims).toBe(3);
  });
});
