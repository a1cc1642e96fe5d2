import { Counter, Histogram, type Registry } from 'prom-client';

/** Why a Telegram call did not succeed, as a bounded label. */
export type SendFailure =
  | 'rate_limited'
  | 'server_error'
  | 'network'
  | 'blocked'
  | 'bad_request'
  | 'unavailable';

export interface BotMetrics {
  updates: Counter<'type'>;
  handlerDuration: Histogram<'type'>;
  updateErrors: Counter<'type'>;
  /** Telegram calls that succeeded, by method. */
  callsSucceeded: Counter<'method'>;
  /** Telegram calls that finally failed, by method and reason. */
  callsFailed: Counter<'method' | 'reason'>;
  telegramRetries: Counter<'reason'>;
  outbox: Counter<'event'>;
}

/**
 * The bot's metrics on an injected registry. A metric already registered there (a second bot
 * in the same process, as in tests) is reused rather than registered twice.
 */
export function createBotMetrics(registry: Registry): BotMetrics {
  const counter = <L extends string>(name: string, help: string, labelNames: L[]): Counter<L> =>
    (registry.getSingleMetric(name) as Counter<L> | undefined) ??
    new Counter({ name, help, labelNames, registers: [registry] });
  return {
    updates: counter('bot_updates_total', 'Telegram updates handled, by update type', ['type']),
    handlerDuration:
      (registry.getSingleMetric('bot_update_duration_seconds') as Histogram<'type'> | undefined) ??
      new Histogram({
        name: 'bot_update_duration_seconds',
        help: 'Time to handle one Telegram update, by update type',
        labelNames: ['type'],
        buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
        registers: [registry],
      }),
    updateErrors: counter('bot_update_errors_total', 'Updates whose handling failed, by update type', [
      'type',
    ]),
    callsSucceeded: counter('bot_telegram_calls_total', 'Telegram Bot API calls that succeeded, by method', [
      'method',
    ]),
    callsFailed: counter(
      'bot_telegram_call_failures_total',
      'Telegram Bot API calls that failed, by method and reason',
      ['method', 'reason'],
    ),
    telegramRetries: counter('bot_telegram_retries_total', 'Telegram calls repeated after a 429, by reason', [
      'reason',
    ]),
    outbox: counter(
      'bot_outbox_events_total',
      'Outbox events: queued, delivered, retry_scheduled, abandoned',
      ['event'],
    ),
  };
}
