import { createServer } from 'node:http';
import { hostname } from 'node:os';
import {
  ConfigError,
  createLogger,
  createMetricsRegistry,
  createServices,
  createShutdown,
  loadConfig,
  openInfrastructure,
  systemClock,
} from '@health-agent/core';
import type { RequestHandler } from 'express';
import { Api } from 'grammy';
import { createBot } from './bot.js';
import { createBotHttpApp } from './bot-http-app.js';
import { telegramSettingsFrom, WEBHOOK_PATH } from './bot-settings.js';
import { publishCommands } from './commands/command-table.js';
import { OutboxWorker } from './delivery/outbox-worker.js';
import { createTelegramDelivery } from './delivery/telegram-delivery.js';
import { createBotMetrics } from './metrics/bot-metrics.js';
import { ReminderDispatcher } from './reminders/reminder-dispatcher.js';
import { createReminderMetrics } from './reminders/reminder-metrics.js';
import { type BotTransport, createPollingTransport } from './transport/bot-transport.js';
import { createWebhookTransport } from './transport/webhook-transport.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: config.LOG_LEVEL, service: 'bot' });
  const telegram = telegramSettingsFrom(config);
  const registry = createMetricsRegistry({ service: 'bot' });
  const infrastructure = await openInfrastructure(config, logger);
  const services = createServices({ ...infrastructure, clock: systemClock, logger, registry, config });

  let onFatalError: (error: unknown) => void = () => {};
  let telegramParts:
    | {
        bot: ReturnType<typeof createBot>;
        transport: BotTransport;
        worker: OutboxWorker;
        dispatcher: ReminderDispatcher;
      }
    | undefined;
  let webhook: { path: string; handler: RequestHandler } | undefined;
  if (!telegram.enabled) {
    logger.info('TELEGRAM_BOT_TOKEN is not set: Telegram is off; serving health and metrics only');
  } else {
    const metrics = createBotMetrics(registry);
    const delivery = createTelegramDelivery({
      breakers: services.breakers,
      outbox: services.outbox,
      logger,
      metrics,
      settings: {
        retries: config.TELEGRAM_SEND_RETRIES,
        retryBaseDelayMs: config.TELEGRAM_RETRY_BASE_DELAY_MS,
        maxRetryAfterSeconds: config.TELEGRAM_MAX_RETRY_AFTER_SECONDS,
      },
    });
    const bot = createBot(telegram.token, {
      services,
      logger,
      metrics,
      cache: infrastructure.cache,
      delivery,
      apiRoot: telegram.apiRoot,
    });
    const workerApi = new Api(telegram.token, { apiRoot: telegram.apiRoot });
    delivery.installWithoutQueueing(workerApi);
    const worker = new OutboxWorker({
      outbox: services.outbox,
      api: workerApi,
      logger,
      metrics,
      workerId: `${hostname()}:${process.pid}`,
      intervalMs: config.OUTBOX_POLL_INTERVAL_MS,
    });
    let transport: BotTransport;
    if (telegram.mode === 'webhook' && telegram.webhook) {
      const webhookTransport = createWebhookTransport(bot, { ...telegram.webhook, logger });
      webhook = { path: WEBHOOK_PATH, handler: webhookTransport.handler };
      transport = webhookTransport;
    } else {
      transport = createPollingTransport(bot, { logger, onFatalError: (error) => onFatalError(error) });
    }
    // Safe with several replicas: each due reminder is claimed by exactly one dispatcher.
    const dispatcher = new ReminderDispatcher({
      reminders: services.reminders,
      profiles: services.profiles,
      api: bot.api,
      clock: systemClock,
      logger,
      metrics: createReminderMetrics(registry),
      claimerId: `${hostname()}:${process.pid}`,
      intervalMs: config.REMINDER_POLL_INTERVAL_MS,
    });
    telegramParts = { bot, transport, worker, dispatcher };
  }

  const server = createServer(
    createBotHttpApp({ services, logger, registry, ...(webhook ? { webhook } : {}) }),
  );
  const shutdown = createShutdown({
    server,
    stoppers: telegramParts
      ? [
          { name: 'telegram transport', stop: () => telegramParts.transport.stop() },
          { name: 'outbox worker', stop: () => telegramParts.worker.stop() },
          { name: 'reminder dispatcher', stop: () => telegramParts.dispatcher.stop() },
        ]
      : [],
    closers: [
      { name: 'breakers', close: async () => services.breakers.shutdown() },
      { name: 'infrastructure', close: () => infrastructure.close() },
    ],
    logger,
    timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    exit: (code) => process.exit(code),
  });
  onFatalError = () => void shutdown('telegram transport failed', 1);
  process.on('SIGINT', (signal) => void shutdown(signal));
  process.on('SIGTERM', (signal) => void shutdown(signal));

  await new Promise<void>((resolve) => server.listen(config.BOT_PORT, config.HOST, resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.BOT_PORT;
  logger.info(
    { port, host: config.HOST, telegram: telegram.enabled ? telegram.mode : 'off' },
    'bot listening',
  );

  if (!telegramParts) return;
  try {
    await telegramParts.transport.start();
  } catch (error) {
    logger.error({ err: error }, 'telegram transport could not start');
    await shutdown('telegram transport could not start', 1);
    return;
  }
  await publishCommands(telegramParts.bot.api, config.ADMIN_TELEGRAM_IDS ?? []).catch((error: unknown) =>
    logger.warn({ err: error }, 'could not publish the command menu'),
  );
  telegramParts.worker.start();
  telegramParts.dispatcher.start();
}

main().catch((error: unknown) => {
  // A bad configuration names the variable; anything else is a programmer or start-up error.
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
