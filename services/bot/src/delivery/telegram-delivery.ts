import {
  type BreakerFactory,
  type Logger,
  type OutboxService,
  systemTimerClock,
  type TimerClock,
} from '@health-agent/core';
import type { Api } from 'grammy';
import type { BotMetrics } from '../metrics/bot-metrics.js';
import { installStages } from './api-stage.js';
import { blockedRecipientStage } from './blocked-recipient-stage.js';
import { markdownFallbackStage } from './markdown-fallback-stage.js';
import { outboxStage } from './outbox-stage.js';
import { splitStage } from './split-stage.js';
import { createTelegramBreaker, transportStage } from './transport-stage.js';

export interface TelegramDeliverySettings {
  /** Extra attempts after a 5xx or a network error. */
  retries: number;
  retryBaseDelayMs: number;
  maxRetryAfterSeconds: number;
}

export interface TelegramDeliveryDependencies {
  breakers: BreakerFactory;
  outbox: OutboxService;
  logger: Logger;
  metrics: BotMetrics;
  settings: TelegramDeliverySettings;
  timers?: TimerClock;
}

/** The sending policy, installed on a grammY Api so every call made through it follows it. */
export interface TelegramDelivery {
  /** The bot's own API: split long texts, queue what cannot be sent, pause blocked users, retry. */
  install(api: Api): void;
  /** The outbox worker's API: the same minus queueing, since what it sends is already queued. */
  installWithoutQueueing(api: Api): void;
}

/** Builds the policy once per process, so the bot and the outbox worker share one breaker. */
export function createTelegramDelivery(deps: TelegramDeliveryDependencies): TelegramDelivery {
  const logger = deps.logger.child({ component: 'telegram-delivery' });
  const breaker = createTelegramBreaker(deps.breakers, deps.settings);
  const transport = transportStage({
    breaker,
    timers: deps.timers ?? systemTimerClock,
    maxRetryAfterSeconds: deps.settings.maxRetryAfterSeconds,
    metrics: deps.metrics,
    logger,
  });
  const markdown = markdownFallbackStage(logger);
  const blocked = blockedRecipientStage({ outbox: deps.outbox, logger });
  const queue = outboxStage({ outbox: deps.outbox, logger, metrics: deps.metrics });
  return {
    install: (api) => installStages(api, [splitStage(), queue, blocked, markdown, transport]),
    installWithoutQueueing: (api) => installStages(api, [blocked, markdown, transport]),
  };
}
