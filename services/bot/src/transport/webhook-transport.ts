import { timingSafeEqual } from 'node:crypto';
import type { Logger } from '@health-agent/core';
import type { RequestHandler } from 'express';
import { type Bot, webhookCallback } from 'grammy';
import type { BotContext } from '../bot-context.js';
import { allowedUpdates, type BotTransport } from './bot-transport.js';

const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

function secretMatches(presented: string | undefined, secret: string): boolean {
  if (presented === undefined) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface WebhookTransport extends BotTransport {
  /** The Express handler for POST /telegram/webhook. */
  readonly handler: RequestHandler;
}

/**
 * Updates posted by Telegram to the bot's HTTP server. A request without the secret token
 * Telegram was given is refused with 403 before it reaches the bot. Telegram gets its answer
 * within a few seconds even when handling takes longer, so it does not send the update again.
 */
export function createWebhookTransport(
  bot: Bot<BotContext>,
  options: { url: string; secret: string; logger: Logger },
): WebhookTransport {
  const callback = webhookCallback(bot, 'express', {
    secretToken: options.secret,
    onTimeout: 'return',
    timeoutMilliseconds: 8_000,
  });
  const handler: RequestHandler = (req, res, next) => {
    if (!secretMatches(req.header(SECRET_HEADER), options.secret)) {
      options.logger.warn({ ip: req.ip }, 'webhook call without the right secret token refused');
      res
        .status(403)
        .json({ error: { code: 'forbidden', message: 'Missing or wrong secret token', details: null } });
      return;
    }
    callback(req, res).catch(next);
  };
  return {
    mode: 'webhook',
    handler,
    async start() {
      await bot.init();
      await bot.api.setWebhook(options.url, {
        secret_token: options.secret,
        allowed_updates: [...allowedUpdates],
      });
      options.logger.info({ url: options.url }, 'telegram webhook registered');
    },
    // The webhook stays registered: other replicas, or this one after a restart, keep receiving updates.
    async stop() {},
  };
}
