import { run } from '@grammyjs/runner';
import type { Logger } from '@health-agent/core';
import type { Bot } from 'grammy';
import type { BotContext } from '../bot-context.js';

/** The update kinds the bot asks Telegram for; anything else is never sent to us. */
export const allowedUpdates = ['message', 'edited_message', 'callback_query', 'my_chat_member'] as const;

/** How updates reach the bot: long polling or a webhook. main.ts starts and stops one of them. */
export interface BotTransport {
  readonly mode: 'polling' | 'webhook';
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Long polling with @grammyjs/runner: updates of different chats are handled concurrently,
 * while the sequentialize() middleware in createBot keeps each chat's updates in order.
 */
export function createPollingTransport(
  bot: Bot<BotContext>,
  options: { logger: Logger; onFatalError: (error: unknown) => void; drainTimeoutMs?: number },
): BotTransport {
  let runner: ReturnType<typeof run> | undefined;
  return {
    mode: 'polling',
    async start() {
      // Failing here (a bad token, Telegram unreachable) fails the start, not some later moment.
      await bot.init();
      // A webhook left from an earlier deployment would make every getUpdates a conflict.
      await bot.api.deleteWebhook();
      runner = run(bot, { runner: { fetch: { allowed_updates: [...allowedUpdates] }, silent: true } });
      runner.task()?.catch((error: unknown) => {
        options.logger.error({ err: error }, 'telegram long polling stopped');
        options.onFatalError(error);
      });
      options.logger.info({ username: bot.botInfo.username }, 'telegram long polling started');
    },
    async stop() {
      if (!runner) return;
      const stopping = runner;
      runner = undefined;
      if (stopping.isRunning()) await stopping.stop();
      // Let the updates already fetched finish, so a reply is not cut off by the shutdown.
      const deadline = Date.now() + (options.drainTimeoutMs ?? 10_000);
      while (stopping.size() > 0 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 20));
    },
  };
}
