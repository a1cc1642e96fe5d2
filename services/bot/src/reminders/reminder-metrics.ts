import { Counter, type Registry } from 'prom-client';

/** Why a due reminder was not sent when it came up. */
export type ReminderNotSentReason =
  | 'condition_met'
  | 'quiet_hours'
  | 'stale'
  | 'no_chat'
  | 'blocked'
  | 'failed';

export interface ReminderMetrics {
  /** Reminders delivered: at once (telegram) or handed to the outbox to follow (outbox). */
  sent: Counter<'via'>;
  notSent: Counter<'reason'>;
}

/**
 * The dispatcher's counters on the bot's registry (served at /metrics). Reused when already
 * registered, as the bot's other metrics are, so two dispatchers in one process share them.
 */
export function createReminderMetrics(registry: Registry): ReminderMetrics {
  const counter = <L extends string>(name: string, help: string, labelNames: L[]): Counter<L> =>
    (registry.getSingleMetric(name) as Counter<L> | undefined) ??
    new Counter({ name, help, labelNames, registers: [registry] });
  return {
    sent: counter('bot_reminders_sent_total', 'Reminders sent, by how (telegram at once, or outbox)', [
      'via',
    ]),
    notSent: counter(
      'bot_reminders_not_sent_total',
      'Due reminders not sent when they came up, by reason (condition_met, quiet_hours, stale, no_chat, blocked, failed)',
      ['reason'],
    ),
  };
}
