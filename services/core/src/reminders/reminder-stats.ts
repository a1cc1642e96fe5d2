import type { Reminder, ReminderEvent, ReminderStatsFigures } from './reminder-types.js';

const occurrenceKey = (event: ReminderEvent): string =>
  `${event.reminderId}|${event.scheduledFor.toISOString()}`;

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/**
 * Completion figures over a set of reminder events (the sent occurrences of a
 * period and every answer to them, plus condition skips).
 *
 * An occurrence is one sent message. Its outcome is done or skipped when
 * answered so; a snoozed occurrence without a final answer is left out of the
 * completion rate, because its snoozed re-fire is a sent occurrence of its own
 * and carries the outcome (snoozing twice then doing it counts as one done).
 */
export function computeReminderStats(events: ReminderEvent[]): ReminderStatsFigures {
  const count = (action: ReminderEvent['action']): number => events.filter((e) => e.action === action).length;
  const sentAt = new Map<string, Date>();
  for (const event of events) if (event.action === 'sent') sentAt.set(occurrenceKey(event), event.createdAt);

  const outcomes = new Map<string, 'done' | 'skipped' | 'snoozed' | 'open'>();
  for (const key of sentAt.keys()) outcomes.set(key, 'open');
  const responseMinutes: number[] = [];
  for (const event of events) {
    const key = occurrenceKey(event);
    const sent = sentAt.get(key);
    if (!sent) continue;
    if (event.action === 'done' || event.action === 'skipped') {
      outcomes.set(key, event.action);
      responseMinutes.push((event.createdAt.getTime() - sent.getTime()) / 60_000);
    } else if (event.action === 'snoozed' && outcomes.get(key) === 'open') {
      outcomes.set(key, 'snoozed');
    }
  }
  const answerable = [...outcomes.values()].filter((outcome) => outcome !== 'snoozed');
  const doneOccurrences = answerable.filter((outcome) => outcome === 'done').length;
  const totalResponse = responseMinutes.reduce((sum, minutes) => sum + minutes, 0);
  return {
    sent: count('sent'),
    done: count('done'),
    skipped: count('skipped'),
    snoozed: count('snoozed'),
    conditionMet: count('condition_met'),
    completionRate: answerable.length === 0 ? null : round(doneOccurrences / answerable.length, 4),
    averageResponseMinutes:
      responseMinutes.length === 0 ? null : round(totalResponse / responseMinutes.length, 1),
  };
}

/** Figures per reminder (every reminder listed, idle ones with zeros) and over all of them. */
export function summarizeReminderStats(
  reminders: Array<Pick<Reminder, 'id' | 'message'>>,
  events: ReminderEvent[],
): {
  overall: ReminderStatsFigures;
  reminders: Array<{ reminderId: string; message: string } & ReminderStatsFigures>;
} {
  return {
    overall: computeReminderStats(events),
    reminders: reminders.map((reminder) => ({
      reminderId: reminder.id,
      message: reminder.message,
      ...computeReminderStats(events.filter((event) => event.reminderId === reminder.id)),
    })),
  };
}
