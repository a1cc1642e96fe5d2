import { randomBytes } from 'node:crypto';
import { sequentialize } from '@grammyjs/runner';
import { type Cache, type Clock, type Logger, systemClock } from '@health-agent/core';
import { Bot, session } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { BotContext, SessionData } from './bot-context.js';
import type { FlowIds } from './conversation/flow.js';
import type { TelegramDelivery } from './delivery/telegram-delivery.js';
import { type BotServices, registerFeatures } from './features/index.js';
import type { BotMetrics } from './metrics/bot-metrics.js';
import { accessGate } from './middleware/access-gate.js';
import { CacheSessionStorage } from './middleware/cache-session-storage.js';
import { chatScope } from './middleware/chat-scope.js';
import { membershipChanges } from './middleware/membership-changes.js';
import { updateContext } from './middleware/update-context.js';
import { createUpdateErrorHandler } from './middleware/update-error-handler.js';

/** An unfinished conversation (onboarding, a settings question) is forgotten after a day. */
const SESSION_TTL_SECONDS = 86_400;

export interface BotDependencies {
  services: BotServices;
  logger: Logger;
  metrics: BotMetrics;
  /** Where conversation state lives (Redis or in-process), shared by replicas. */
  cache: Cache;
  /** The sending policy; the outbox worker of the same process shares it. */
  delivery: TelegramDelivery;
  /** Root of the Bot API, e.g. a local Bot API server or the fake in tests. */
  apiRoot?: string;
  /** Skips the getMe call at start when the bot's identity is known (tests, local chat). */
  botInfo?: UserFromGetMe;
  clock?: Clock;
  newFlowId?: FlowIds;
}

/**
 * The Telegram bot: context (logger, metrics, language), then behind one error boundary the
 * chat scope, per-chat ordering, the session, the access gate and the features.
 */
export function createBot(token: string, deps: BotDependencies): Bot<BotContext> {
  const bot = new Bot<BotContext>(token, {
    client: deps.apiRoot ? { apiRoot: deps.apiRoot } : {},
    ...(deps.botInfo ? { botInfo: deps.botInfo } : {}),
  });
  deps.delivery.install(bot.api);

  bot.use(updateContext({ logger: deps.logger, metrics: deps.metrics }));
  const guarded = bot.errorBoundary(createUpdateErrorHandler(deps.metrics));
  guarded.use(membershipChanges(deps.services.outbox));
  guarded.use(chatScope());
  // One update per chat at a time (in this process), so quick messages cannot race on the session.
  guarded.use(sequentialize((ctx: BotContext) => ctx.chat?.id.toString()));
  guarded.use(
    session<SessionData, BotContext>({
      initial: () => ({}),
      storage: new CacheSessionStorage<SessionData>(deps.cache, {
        keyPrefix: 'bot:session:',
        ttlSeconds: SESSION_TTL_SECONDS,
      }),
    }),
  );
  guarded.use(accessGate(deps.services));
  registerFeatures(guarded, {
    services: deps.services,
    clock: deps.clock ?? systemClock,
    newFlowId: deps.newFlowId ?? (() => randomBytes(4).toString('hex')),
  });

  // Only errors outside the boundary reach this (the context middleware itself); keep polling alive.
  bot.catch((error) => {
    deps.logger.error(
      { err: error.error, update_id: error.ctx.update.update_id },
      'update failed outside the boundary',
    );
  });
  return bot;
}
