import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type Clock,
  type Config,
  createLogger,
  createMetricsRegistry,
  createServices,
  type Logger,
  loadConfig,
  MemoryCache,
  type Services,
  systemClock,
} from '@health-agent/core';
import { Api, type Bot } from 'grammy';
import type { InlineKeyboardButton, KeyboardButton, Message } from 'grammy/types';
import type { Knex } from 'knex';
import type { Counter, Registry } from 'prom-client';
import { createTestDatabase, type TestDatabase } from '../../../core/src/testing/test-backends.js';
import { createBot } from '../bot.js';
import type { BotContext } from '../bot-context.js';
import { createBotHttpApp } from '../bot-http-app.js';
import { WEBHOOK_PATH } from '../bot-settings.js';
import { OutboxWorker } from '../delivery/outbox-worker.js';
import { createTelegramDelivery } from '../delivery/telegram-delivery.js';
import { createBotMetrics } from '../metrics/bot-metrics.js';
import { type BotTransport, createPollingTransport } from '../transport/bot-transport.js';
import { createWebhookTransport } from '../transport/webhook-transport.js';
import { FakeTelegramServer, type NewUpdate, type RecordedCall } from './fake-telegram-server.js';
import {
  callbackUpdate,
  editedTextUpdate,
  locationUpdate,
  photoUpdate,
  stickerUpdate,
  type TelegramPerson,
  textUpdate,
} from './telegram-updates.js';

/** What the bot did in answer to one update, for one chat. */
export interface BotReply {
  method: string;
  text: string | undefined;
  params: Record<string, unknown>;
  /** Inline buttons, row by row flattened. */
  buttons: Array<{ text: string; data: string | undefined }>;
  /** Whether a reply keyboard asks for the user's location. */
  asksForLocation: boolean;
  removesKeyboard: boolean;
}

function toReply(call: RecordedCall): BotReply {
  const params = call.params;
  const markup = params.reply_markup as
    | { inline_keyboard?: InlineKeyboardButton[][]; keyboard?: KeyboardButton[][]; remove_keyboard?: boolean }
    | undefined;
  const buttons = (markup?.inline_keyboard ?? []).flat().map((button) => ({
    text: button.text,
    data: 'callback_data' in button ? button.callback_data : undefined,
  }));
  const asksForLocation = (markup?.keyboard ?? [])
    .flat()
    .some(
      (button) =>
        typeof button === 'object' && 'request_location' in button && button.request_location === true,
    );
  return {
    method: call.method,
    text:
      typeof params.text === 'string'
        ? params.text
        : typeof params.caption === 'string'
          ? params.caption
          : undefined,
    params,
    buttons,
    asksForLocation,
    removesKeyboard: markup?.remove_keyboard === true,
  };
}

const infrastructureMethods = new Set([
  'getUpdates',
  'getMe',
  'deleteWebhook',
  'setWebhook',
  'setMyCommands',
  'close',
]);

export interface HarnessOptions {
  /** Extra configuration, as environment variables. */
  env?: Record<string, string>;
  mode?: 'polling' | 'webhook';
  clock?: Clock;
  newFlowId?: () => string;
}

interface BotInstance {
  services: Services;
  registry: Registry;
  bot: Bot<BotContext>;
  transport: BotTransport;
  worker: OutboxWorker;
  http?: { server: Server; base: string };
}

/**
 * The real bot over its own database, talking to the fake Bot API over HTTP, by long polling or
 * through its webhook endpoint. Tests talk to it as Telegram users would.
 */
export class BotHarness {
  readonly logs: Array<Record<string, unknown>> = [];
  /** Conversation state outlives a restart, as it does in Redis. */
  private readonly sessionCache = new MemoryCache();
  private instance!: BotInstance;
  private readonly logger: Logger;

  private constructor(
    readonly fake: FakeTelegramServer,
    private readonly database: TestDatabase,
    readonly config: Config,
    private readonly options: HarnessOptions,
  ) {
    this.logger = createLogger({
      level: 'debug',
      service: 'bot',
      destination: { write: (line: string) => void this.logs.push(JSON.parse(line)) },
    });
  }

  static async start(options: HarnessOptions = {}): Promise<BotHarness> {
    const fake = await FakeTelegramServer.start();
    const database = await createTestDatabase();
    const config = loadConfig({
      TELEGRAM_API_ROOT: fake.apiRoot,
      TELEGRAM_RETRY_BASE_DELAY_MS: '5',
      TELEGRAM_MAX_RETRY_AFTER_SECONDS: '3',
      BREAKER_FAILURE_THRESHOLD: '50',
      ...options.env,
    });
    const harness = new BotHarness(fake, database, config, options);
    harness.instance = await harness.launch();
    return harness;
  }

  get db(): Knex {
    return this.database.db;
  }

  get services(): Services {
    return this.instance.services;
  }

  get registry(): Registry {
    return this.instance.registry;
  }

  get bot(): Bot<BotContext> {
    return this.instance.bot;
  }

  get outboxWorker(): OutboxWorker {
    return this.instance.worker;
  }

  /** The bot's own HTTP server (health, metrics, webhook), in webhook mode. */
  get httpBase(): string {
    if (!this.instance.http) throw new Error('the harness runs without an HTTP server in polling mode');
    return this.instance.http.base;
  }

  /** A private chat with a Telegram user. */
  chat(person: TelegramPerson): TestChat {
    return new TestChat(this, person);
  }

  /** Pushes an update and returns what the bot sent to `chatId` while handling it. */
  async exchange(update: NewUpdate, chatId: number, callbackQueryId?: string): Promise<BotReply[]> {
    const from = this.fake.calls.length;
    const handledBefore = await this.handledUpdates();
    await this.fake.pushUpdate(update);
    // The runner fetches ahead, so "fetched" is not "handled": the bot's own update counter tells.
    const deadline = Date.now() + 15_000;
    while ((await this.handledUpdates()) <= handledBefore) {
      if (Date.now() > deadline) throw new Error('the bot did not handle the update within 15 s');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return this.fake.calls
      .slice(from)
      .filter((call) => !infrastructureMethods.has(call.method))
      .filter((call) =>
        call.method === 'answerCallbackQuery'
          ? call.params.callback_query_id === callbackQueryId
          : call.params.chat_id === chatId,
      )
      .map(toReply);
  }

  /** Updates the bot finished handling, from its bot_updates_total counter. */
  async handledUpdates(): Promise<number> {
    const counter = this.instance.registry.getSingleMetric('bot_updates_total') as Counter | undefined;
    if (!counter) return 0;
    return (await counter.get()).values.reduce((sum, sample) => sum + sample.value, 0);
  }

  /**
   * Stops this bot and starts a new one on the same database and fake, with fresh services,
   * breakers and registry: a process restart.
   */
  async restart(): Promise<void> {
    await this.shutdownInstance();
    this.instance = await this.launch();
  }

  async close(): Promise<void> {
    await this.shutdownInstance();
    await this.fake.stop();
    await this.database.cleanup();
  }

  private async shutdownInstance(): Promise<void> {
    await this.instance.transport.stop();
    await this.instance.worker.stop();
    this.instance.services.breakers.shutdown();
    const http = this.instance.http;
    if (http) await new Promise((resolve) => http.server.close(resolve));
  }

  private async launch(): Promise<BotInstance> {
    const registry = createMetricsRegistry({ service: 'bot', defaultMetrics: false });
    const services = createServices({
      db: this.database.db,
      cache: new MemoryCache(),
      clock: this.options.clock ?? systemClock,
      logger: this.logger,
      registry,
      config: this.config,
    });
    const metrics = createBotMetrics(registry);
    const delivery = createTelegramDelivery({
      breakers: services.breakers,
      outbox: services.outbox,
      logger: this.logger,
      metrics,
      settings: {
        retries: this.config.TELEGRAM_SEND_RETRIES,
        retryBaseDelayMs: this.config.TELEGRAM_RETRY_BASE_DELAY_MS,
        maxRetryAfterSeconds: this.config.TELEGRAM_MAX_RETRY_AFTER_SECONDS,
      },
    });
    const bot = createBot(this.fake.token, {
      services,
      logger: this.logger,
      metrics,
      cache: this.sessionCache,
      delivery,
      apiRoot: this.fake.apiRoot,
      ...(this.options.clock ? { clock: this.options.clock } : {}),
      ...(this.options.newFlowId ? { newFlowId: this.options.newFlowId } : {}),
    });
    const workerApi = new Api(this.fake.token, { apiRoot: this.fake.apiRoot });
    delivery.installWithoutQueueing(workerApi);
    const worker = new OutboxWorker({
      outbox: services.outbox,
      api: workerApi,
      logger: this.logger,
      metrics,
      workerId: `harness-${Math.random().toString(36).slice(2)}`,
      intervalMs: 60_000,
    });
    if (this.options.mode !== 'webhook') {
      const transport = createPollingTransport(bot, { logger: this.logger, onFatalError: () => {} });
      await transport.start();
      return { services, registry, bot, transport, worker };
    }
    const secret = 'harness-webhook-secret-0123456789';
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const transport = createWebhookTransport(bot, {
      url: `${base}${WEBHOOK_PATH}`,
      secret,
      logger: this.logger,
    });
    server.on(
      'request',
      createBotHttpApp({
        services,
        logger: this.logger,
        registry,
        webhook: { path: WEBHOOK_PATH, handler: transport.handler },
      }),
    );
    await transport.start();
    return { services, registry, bot, transport, worker, http: { server, base } };
  }
}

/** A Telegram user's private chat with the bot. */
export class TestChat {
  constructor(
    private readonly harness: BotHarness,
    readonly person: TelegramPerson,
  ) {}

  send(text: string): Promise<BotReply[]> {
    return this.harness.exchange(textUpdate(this.person, text), this.person.id);
  }

  /** Presses the button with this callback data on the bot's latest message that has it. */
  press(data: string, message?: Message): Promise<BotReply[]> {
    const target = message ?? this.messageWithButton(data);
    const update = callbackUpdate(this.person, target, data);
    return this.harness.exchange(update, this.person.id, update.callback_query?.id);
  }

  /** Sends a button press with any data, on the bot's latest message, as a forged client could. */
  pressRaw(data: string): Promise<BotReply[]> {
    const target = this.harness.fake.lastMessageTo(this.person.id);
    if (!target) throw new Error('the bot has sent no message to this chat');
    return this.press(data, target);
  }

  shareLocation(latitude: number, longitude: number): Promise<BotReply[]> {
    return this.harness.exchange(locationUpdate(this.person, latitude, longitude), this.person.id);
  }

  sendSticker(): Promise<BotReply[]> {
    return this.harness.exchange(stickerUpdate(this.person), this.person.id);
  }

  sendPhoto(fileId: string): Promise<BotReply[]> {
    return this.harness.exchange(photoUpdate(this.person, fileId), this.person.id);
  }

  edit(messageId: number, text: string): Promise<BotReply[]> {
    return this.harness.exchange(editedTextUpdate(this.person, messageId, text), this.person.id);
  }

  push(update: NewUpdate): Promise<BotReply[]> {
    return this.harness.exchange(update, this.person.id);
  }

  /** The newest message from the bot in this chat carrying a button with this callback data. */
  messageWithButton(data: string): Message {
    const messages = this.harness.fake
      .callsOf('sendMessage')
      .concat(this.harness.fake.callsOf('editMessageText'))
      .filter((call) => call.params.chat_id === this.person.id && call.response.ok)
      .map((call) => (call.response as { result: Message }).result)
      .filter((message) =>
        (message.reply_markup?.inline_keyboard ?? [])
          .flat()
          .some((b) => 'callback_data' in b && b.callback_data === data),
      );
    const newest = messages.sort((a, b) => b.message_id - a.message_id)[0];
    if (!newest) throw new Error(`no message in chat ${this.person.id} has a button ${data}`);
    return newest;
  }
}
