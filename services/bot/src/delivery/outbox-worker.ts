import {
  type Logger,
  type OutboxMessage,
  type OutboxService,
  systemTimerClock,
  type TimerClock,
} from '@health-agent/core';
import { type Api, GrammyError } from 'grammy';
import type { BotMetrics } from '../metrics/bot-metrics.js';
import type { ApiPayload } from './api-stage.js';
import { fromQueuedCall, type QueuedCall } from './queued-call.js';
import { isTransientError } from './telegram-failures.js';

export interface OutboxWorkerDependencies {
  outbox: OutboxService;
  /** An API with the delivery policy installed without queueing (installWithoutQueueing). */
  api: Api;
  logger: Logger;
  metrics: BotMetrics;
  /** Names this worker's claims; unique per process. */
  workerId: string;
  intervalMs: number;
  batchSize?: number;
  /** How long a claimed message is hidden from other workers: longer than any send with retries. */
  leaseMs?: number;
  timers?: TimerClock;
}

export interface OutboxRunSummary {
  delivered: number;
  retryScheduled: number;
  abandoned: number;
}

type Outcome = keyof OutboxRunSummary;

/**
 * Sends what the outbox holds, oldest first and one message per chat at a time, every
 * intervalMs. Runs in every bot replica; claims keep them from sending a message twice.
 */
export class OutboxWorker {
  private timer: unknown;
  private running: Promise<unknown> | undefined;
  private stopped = true;
  private readonly timers: TimerClock;
  private readonly logger: Logger;

  constructor(private readonly deps: OutboxWorkerDependencies) {
    this.timers = deps.timers ?? systemTimerClock;
    this.logger = deps.logger.child({ component: 'outbox-worker', workerId: deps.workerId });
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops scheduling and waits for the run in progress, so shutdown never cuts a send in half. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One pass over the due messages. */
  async runOnce(): Promise<OutboxRunSummary> {
    const summary: OutboxRunSummary = { delivered: 0, retryScheduled: 0, abandoned: 0 };
    const claimed = await this.deps.outbox.claimDue({
      limit: this.deps.batchSize ?? 50,
      leaseMs: this.deps.leaseMs ?? 300_000,
      claimerId: this.deps.workerId,
    });
    for (const message of claimed) {
      const outcome = await this.deliver(message);
      summary[outcome] += 1;
      this.deps.metrics.outbox.inc({ event: outcome === 'retryScheduled' ? 'retry_scheduled' : outcome });
    }
    if (claimed.length > 0) this.logger.info({ ...summary }, 'outbox pass done');
    return summary;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = this.timers.setTimeout(() => {
      this.running = this.runOnce()
        .catch((error: unknown) => this.logger.error({ err: error }, 'outbox pass failed'))
        .finally(() => this.schedule(this.deps.intervalMs));
    }, delayMs);
  }

  private async deliver(message: OutboxMessage): Promise<Outcome> {
    const { outbox, workerId } = this.deps;
    let call: { method: QueuedCall['method']; payload: ApiPayload };
    try {
      call = fromQueuedCall(message.payload);
    } catch (error) {
      this.logger.error({ err: error, outboxId: message.id }, 'queued message is unreadable');
      await outbox.abandon(message.id, workerId, 'unreadable payload');
      return 'abandoned';
    }
    try {
      await this.send(call.method, call.payload);
      await outbox.markSent(message.id, workerId);
      return 'delivered';
    } catch (error) {
      const description = error instanceof Error ? error.message : String(error);
      const retryable =
        isTransientError(error) ||
        (error instanceof GrammyError && (error.error_code === 429 || error.error_code >= 500));
      if (!retryable) {
        // Telegram refused the message itself (blocked, bad request): sending it again cannot help.
        await outbox.abandon(message.id, workerId, description);
        return 'abandoned';
      }
      const failed = await outbox.markFailed(message.id, workerId, description);
      return failed.abandoned ? 'abandoned' : 'retryScheduled';
    }
  }

  private send(method: QueuedCall['method'], payload: ApiPayload): Promise<unknown> {
    // The stored parameters were valid for this very method when they were queued.
    const raw = this.deps.api.raw as unknown as Record<
      QueuedCall['method'],
      (p: ApiPayload) => Promise<unknown>
    >;
    return raw[method](payload);
  }
}
