import { computeReminderStats, summarizeReminderStats } from './reminder-stats.js';
import type { ReminderEvent, ReminderEventAction } from './reminder-types.js';

let sequence = 0;
function event(
  reminderId: string,
  action: ReminderEventAction,
  scheduledFor: string,
  createdAt: string,
): ReminderEvent {
  sequence += 1;
  return {
    id: `e${sequence}`,
    reminderId,
    userId: 'u',
    action,
    scheduledFor: new Date(scheduledFor),
    reason: null,
    snoozeMinutes: action === 'snoozed' ? 10 : null,
    createdAt: new Date(createdAt),
  };
}

describe('reminder statistics', () => {
  it('when nothing happened, then counts are zero and rates are null', () => {
    expect(computeReminderStats([])).toEqual({
      sent: 0,
      done: 0,
      skipped: 0,
      snoozed: 0,
      conditionMet: 0,
      completionRate: null,
      averageResponseMinutes: null,
    });
  });

  it('when two of four sent reminders are done, one skipped and one open, then completion is 0.5', () => {
    const events = [
      event('a', 'sent', '2026-01-01T08:00:00Z', '2026-01-01T08:00:00Z'),
      event('a', 'done', '2026-01-01T08:00:00Z', '2026-01-01T08:10:00Z'),
      event('a', 'sent', '2026-01-02T08:00:00Z', '2026-01-02T08:00:00Z'),
      event('a', 'done', '2026-01-02T08:00:00Z', '2026-01-02T08:30:00Z'),
      event('a', 'sent', '2026-01-03T08:00:00Z', '2026-01-03T08:00:00Z'),
      event('a', 'skipped', '2026-01-03T08:00:00Z', '2026-01-03T08:05:00Z'),
      event('a', 'sent', '2026-01-04T08:00:00Z', '2026-01-04T08:00:00Z'),
      event('a', 'condition_met', '2026-01-05T08:00:00Z', '2026-01-05T08:00:00Z'),
    ];
    expect(computeReminderStats(events)).toEqual({
      sent: 4,
      done: 2,
      skipped: 1,
      snoozed: 0,
      conditionMet: 1,
      completionRate: 0.5,
      averageResponseMinutes: 15,
    });
  });

  it('when an occurrence is snoozed and its re-fire is done, then it counts as one completed occurrence', () => {
    const events = [
      event('a', 'sent', '2026-01-01T08:00:00Z', '2026-01-01T08:00:00Z'),
      event('a', 'snoozed', '2026-01-01T08:00:00Z', '2026-01-01T08:01:00Z'),
      event('a', 'sent', '2026-01-01T08:11:00Z', '2026-01-01T08:11:00Z'),
      event('a', 'done', '2026-01-01T08:11:00Z', '2026-01-01T08:12:00Z'),
    ];
    const stats = computeReminderStats(events);
    expect(stats).toMatchObject({
      sent: 2,
      done: 1,
      snoozed: 1,
      completionRate: 1,
      averageResponseMinutes: 1,
    });
  });

  it('when a snoozed occurrence is later marked done itself, then it counts as done, not as snoozed', () => {
    const events = [
      event('a', 'done', '2026-01-01T08:00:00Z', '2026-01-01T08:03:00Z'),
      event('a', 'sent', '2026-01-01T08:00:00Z', '2026-01-01T08:00:00Z'),
      event('a', 'snoozed', '2026-01-01T08:00:00Z', '2026-01-01T08:01:00Z'),
    ];
    expect(computeReminderStats(events)).toMatchObject({ completionRate: 1, averageResponseMinutes: 3 });
  });

  it('when a response has no sent occurrence among the events, then it does not distort the response time', () => {
    const events = [event('a', 'done', '2026-01-01T08:00:00Z', '2026-01-01T09:00:00Z')];
    expect(computeReminderStats(events)).toMatchObject({
      done: 1,
      completionRate: null,
      averageResponseMinutes: null,
    });
  });

  it('when rates are fractions, then they are rounded (4 decimals for rates, 1 for minutes)', () => {
    const events = [
      event('a', 'sent', '2026-01-01T08:00:00Z', '2026-01-01T08:00:00Z'),
      event('a', 'done', '2026-01-01T08:00:00Z', '2026-01-01T08:00:20Z'),
      event('a', 'sent', '2026-01-02T08:00:00Z', '2026-01-02T08:00:00Z'),
      event('a', 'sent', '2026-01-03T08:00:00Z', '2026-01-03T08:00:00Z'),
    ];
    expect(computeReminderStats(events)).toMatchObject({
      completionRate: 0.3333,
      averageResponseMinutes: 0.3,
    });
  });

  it('when summarised, then every reminder is listed (idle ones with zeros) next to the overall figures', () => {
    const events = [
      event('a', 'sent', '2026-01-01T08:00:00Z', '2026-01-01T08:00:00Z'),
      event('a', 'done', '2026-01-01T08:00:00Z', '2026-01-01T08:02:00Z'),
      event('b', 'sent', '2026-01-01T09:00:00Z', '2026-01-01T09:00:00Z'),
    ];
    const summary = summarizeReminderStats(
      [
        { id: 'a', message: 'Water 💧' },
        { id: 'b', message: 'Walk' },
        { id: 'c', message: 'Idle' },
      ],
      events,
    );
    expect(summary.overall).toMatchObject({ sent: 2, done: 1, completionRate: 0.5 });
    expect(summary.reminders.map((r) => [r.reminderId, r.message, r.sent, r.done, r.completionRate])).toEqual(
      [
        ['a', 'Water 💧', 1, 1, 1],
        ['b', 'Walk', 1, 0, 0],
        ['c', 'Idle', 0, 0, null],
      ],
    );
  });
});
