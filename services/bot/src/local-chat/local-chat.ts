import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import {
  createLogger,
  createMetricsRegistry,
  createServices,
  loadConfig,
  openInfrastructure,
  systemClock,
} from '@health-agent/core';
import { Api } from 'grammy';
import type { DestinationStream } from 'pino';
import { createBot } from '../bot.js';
import { OutboxWorker } from '../delivery/outbox-worker.js';
import { createTelegramDelivery } from '../delivery/telegram-delivery.js';
import { createBotMetrics } from '../metrics/bot-metrics.js';
import { ReminderDispatcher } from '../reminders/reminder-dispatcher.js';
import { createReminderMetrics } from '../reminders/reminder-metrics.js';
import { FakeTelegramServer } from '../testing/fake-telegram-server.js';
import type { TelegramPerson } from '../testing/telegram-updates.js';
import { createPollingTransport } from '../transport/bot-transport.js';
import { TerminalChat } from './terminal-chat.js';

/** The local person's Telegram id: allow-listed at start, so no invite is needed. */
export const LOCAL_TELEGRAM_ID = 100_000_001;
/** How often replies the bot sends on its own (reminders, the outbox) are looked for. */
const PRINT_INTERVAL_MS = 250;
const REMINDER_INTERVAL_MS = 5_000;

export interface LocalChatOptions {
  env: Record<string, string | undefined>;
  input: Readable;
  output: Writable;
  /** Where photos and files the bot sends are saved (under chat/), and the log unless given. */
  dataDir: string;
  person?: TelegramPerson;
  /** Where the bot's JSON log goes; by default dataDir/chat/chat.log, so the terminal stays readable. */
  logDestination?: DestinationStream;
  /** Aborting ends the chat as the end of input does (Ctrl-C). */
  signal?: AbortSignal;
}

function banner(database: string, person: TelegramPerson): string {
  return [
    'Health Agent local chat: the real bot, no Telegram needed.',
    `Database: ${database}. You are ${person.first_name} (Telegram id ${person.id}).`,
    'Type a message and press Enter. #2 presses button 2; "!location 59.33 18.07" shares a location;',
    '/quit or Ctrl-D leaves. Try /start, then /help.',
    '',
  ].join('\n');
}

/**
 * `make chat`: the same bot as in production (features, delivery policy, outbox, reminder
 * dispatcher) on the configured database (the embedded PGlite in ./data by default, migrated
 * at start), talking to an in-process fake of the Telegram Bot API. Lines read from `input`
 * are one person's messages; the bot's side of the chat is printed to `output`.
 */
export async function runLocalChat(options: LocalChatOptions): Promise<void> {
  const config = loadConfig({ ...options.env, MIGRATE_ON_START: 'true' });
  const chatDir = path.join(options.dataDir, 'chat');
  await mkdir(chatDir, { recursive: true });
  const logFile = options.logDestination
    ? undefined
    : createWriteStream(path.join(chatDir, 'chat.log'), { flags: 'a' });
  const logger = createLogger({
    level: config.LOG_LEVEL,
    service: 'local-chat',
    destination: options.logDestination ?? (logFile as DestinationStream),
  });
  const person: TelegramPerson = options.person ?? { id: LOCAL_TELEGRAM_ID, first_name: 'Friend' };

  const infrastructure = await openInfrastructure(config, logger);
  const registry = createMetricsRegistry({ service: 'bot', defaultMetrics: false });
  const services = createServices({ ...infrastructure, clock: systemClock, logger, registry, config });
  const fake = await FakeTelegramServer.start();
  await services.access.allowTelegramId(person.id, 'local chat', null);

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
  const bot = createBot(fake.token, {
    services,
    logger,
    metrics,
    cache: infrastructure.cache,
    delivery,
    apiRoot: fake.apiRoot,
    botInfo: fake.bot,
  });
  const workerApi = new Api(fake.token, { apiRoot: fake.apiRoot });
  delivery.installWithoutQueueing(workerApi);
  const worker = new OutboxWorker({
    outbox: services.outbox,
    api: workerApi,
    logger,
    metrics,
    workerId: `local-chat:${process.pid}`,
    intervalMs: config.OUTBOX_POLL_INTERVAL_MS,
  });
  const dispatcher = new ReminderDispatcher({
    reminders: services.reminders,
    profiles: services.profiles,
    api: bot.api,
    clock: systemClock,
    logger,
    metrics: createReminderMetrics(registry),
    claimerId: `local-chat:${process.pid}`,
    intervalMs: REMINDER_INTERVAL_MS,
  });
  const transport = createPollingTransport(bot, {
    logger,
    onFatalError: () => options.output.write('The bot stopped; see the log in data/chat/chat.log.\n'),
  });

  const chat = new TerminalChat({
    fake,
    person,
    output: options.output,
    saveFile: async (filename, bytes) => {
      const target = path.join(chatDir, `${Date.now()}-${path.basename(filename)}`);
      await writeFile(target, bytes);
      return path.relative(process.cwd(), target) || target;
    },
    handledUpdates: async () =>
      (await metrics.updates.get()).values.reduce((sum, sample) => sum + sample.value, 0),
  });
  let lines: ReturnType<typeof createInterface> | undefined;
  const abort = () => lines?.close();
  options.signal?.addEventListener('abort', abort, { once: true });
  let printer: NodeJS.Timeout | undefined;
  try {
    await transport.start();
    const database = config.DATABASE_URL.startsWith('pglite')
      ? config.DATABASE_URL
      : 'PostgreSQL (DATABASE_URL)';
    options.output.write(banner(database, person));
    printer = setInterval(() => void chat.printNew(), PRINT_INTERVAL_MS);
    let chatting = false;
    // Read only now, and iterate at once: lines arriving before the loop would be lost.
    lines = createInterface({ input: options.input, crlfDelay: Number.POSITIVE_INFINITY });
    if (options.signal?.aborted) lines.close();
    for await (const line of lines) {
      if (line.trim() === '/quit') break;
      try {
        await chat.handleLine(line);
      } catch (error) {
        options.output.write(
          `(that message got no answer: ${error instanceof Error ? error.message : String(error)})\n`,
        );
      }
      // Reminders start once the chat exists, as they would for a real person.
      if (!chatting) {
        chatting = true;
        dispatcher.start();
        worker.start();
      }
    }
  } finally {
    options.signal?.removeEventListener('abort', abort);
    lines?.close();
    if (printer) clearInterval(printer);
    await dispatcher.stop();
    await worker.stop();
    await transport.stop();
    await chat.printNew();
    await fake.stop();
    services.breakers.shutdown();
    await infrastructure.close();
    if (logFile) await new Promise((resolve) => logFile.end(resolve));
  }
}
