import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Message, Update, UserFromGetMe } from 'grammy/types';
import { formattingError, visibleLength } from './formatting-check.js';
import { parseMultipart } from './multipart-body.js';

/** A file the bot uploaded in a multipart request. */
export interface RecordedFile {
  filename: string;
  bytes: Buffer;
}

/** One Bot API call as the fake received and answered it. */
export interface RecordedCall {
  method: string;
  params: Record<string, unknown>;
  files: Record<string, RecordedFile>;
  status: number;
  response: ApiBody;
  /** When the call arrived, in ms since the epoch. */
  at: number;
  /** When the fake answered it. */
  answeredAt?: number;
}

export type InjectedFailure =
  | { kind: 'rate_limited'; retryAfter: number }
  | { kind: 'server_error'; status?: number }
  | { kind: 'blocked' }
  | { kind: 'bad_request'; description: string }
  /** The connection is dropped without an answer. */
  | { kind: 'network' };

type ApiBody =
  | { ok: true; result: unknown }
  | { ok: false; error_code: number; description: string; parameters?: { retry_after: number } };

interface FailureRule {
  method: string;
  failure: InjectedFailure;
  remaining: number;
  chatId?: number;
}

interface Poller {
  offset: number;
  limit: number;
  respond: (updates: Update[]) => void;
  timer: NodeJS.Timeout;
}

interface StoredFile {
  bytes: Buffer;
  path: string;
  uniqueId: string;
}

/** Update shapes tests push; the fake numbers them. */
export type NewUpdate = Omit<Update, 'update_id'>;

const serverErrorText: Record<number, string> = {
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

function failureBody(failure: Exclude<InjectedFailure, { kind: 'network' }>): {
  status: number;
  body: ApiBody;
} {
  switch (failure.kind) {
    case 'rate_limited':
      return {
        status: 429,
        body: {
          ok: false,
          error_code: 429,
          description: `Too Many Requests: retry after ${failure.retryAfter}`,
          parameters: { retry_after: failure.retryAfter },
        },
      };
    case 'server_error': {
      const status = failure.status ?? 502;
      return {
        status,
        body: { ok: false, error_code: status, description: serverErrorText[status] ?? 'Server Error' },
      };
    }
    case 'blocked':
      return {
        status: 403,
        body: { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' },
      };
    case 'bad_request':
      return { status: 400, body: { ok: false, error_code: 400, description: failure.description } };
  }
}

function badRequest(description: string): { status: number; body: ApiBody } {
  return { status: 400, body: { ok: false, error_code: 400, description: `Bad Request: ${description}` } };
}

function ok(result: unknown): { status: number; body: ApiBody } {
  return { status: 200, body: { ok: true, result } };
}

/** PNG width and height from the IHDR chunk, so a chart upload can be checked for what it is. */
function pngSize(bytes: Buffer): { width: number; height: number } | undefined {
  const signature = '89504e470d0a1a0a';
  if (bytes.length < 24 || bytes.subarray(0, 8).toString('hex') !== signature) return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/**
 * A real HTTP server speaking the Telegram Bot API wire protocol at /bot<token>/<method>, for
 * tests: JSON and multipart bodies, long-polled getUpdates fed by pushUpdate(), webhook delivery
 * once setWebhook is called, sent messages kept per chat for edits, uploaded files served back
 * through getFile and /file/bot<token>/<path>, and failures injected per method (429 with
 * retry_after, 5xx, 403 blocked, 400, dropped connections). Every call is recorded.
 */
export class FakeTelegramServer {
  readonly calls: RecordedCall[] = [];
  readonly webhookDeliveries: Array<{ updateId: number; status: number }> = [];
  readonly bot: UserFromGetMe;
  private readonly server: Server;
  private readonly queue: Update[] = [];
  private pollers: Poller[] = [];
  private nextUpdateId = 1000;
  private confirmedBelow = 0;
  private readonly consumedWaiters: Array<{ updateId: number; resolve: () => void }> = [];
  private failures: FailureRule[] = [];
  private delays: Array<{ method: string; ms: number; chatId?: number }> = [];
  private readonly blocked = new Set<number>();
  private readonly knownChats = new Set<number>();
  private readonly sentMessages = new Map<string, Message>();
  private readonly nextMessageId = new Map<number, number>();
  private readonly files = new Map<string, StoredFile>();
  private webhook: { url: string; secret?: string } | undefined;
  private port = 0;

  private constructor(
    readonly token: string,
    bot: Partial<UserFromGetMe>,
  ) {
    this.bot = {
      id: Number(token.split(':')[0]),
      is_bot: true,
      first_name: 'Health Agent',
      username: 'health_agent_test_bot',
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
      can_connect_to_business: false,
      has_main_web_app: false,
      has_topics_enabled: false,
      allows_users_to_create_topics: false,
      ...bot,
    } as UserFromGetMe;
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        res.statusCode = 500;
        res.end(JSON.stringify({ ok: false, error_code: 500, description: String(error) }));
      });
    });
  }

  static async start(
    options: { token?: string; bot?: Partial<UserFromGetMe> } = {},
  ): Promise<FakeTelegramServer> {
    const fake = new FakeTelegramServer(
      options.token ?? '123456789:TEST-token-for-the-fake-bot-api',
      options.bot ?? {},
    );
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  /** What to give grammY as client.apiRoot. */
  get apiRoot(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get webhookInfo(): { url: string; secret?: string } | undefined {
    return this.webhook;
  }

  /**
   * Adds an update. With long polling it waits for the bot to fetch it; with a webhook it is
   * posted at once and this resolves after the bot answered. Returns its update_id.
   */
  async pushUpdate(update: NewUpdate): Promise<number> {
    const full = { ...update, update_id: this.nextUpdateId++ } as Update;
    const chatId =
      full.message?.chat.id ?? full.callback_query?.message?.chat.id ?? full.edited_message?.chat.id;
    if (chatId !== undefined) this.knownChats.add(chatId);
    if (this.webhook) {
      await this.deliverToWebhook(full);
      return full.update_id;
    }
    this.queue.push(full);
    this.wakePollers();
    return full.update_id;
  }

  /** Resolves when the bot confirmed the update (its next getUpdates asked for a later offset). */
  waitForConsumed(updateId: number, timeoutMs = 15_000): Promise<void> {
    if (this.webhook || updateId < this.confirmedBelow) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`update ${updateId} was not consumed in ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.consumedWaiters.push({
        updateId,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  /** Resolves with the first recorded call (already made or still to come) that matches. */
  async waitForCall(matches: (call: RecordedCall) => boolean, timeoutMs = 15_000): Promise<RecordedCall> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.calls.find((call) => call.status !== 0 && matches(call));
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching call within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** The next `times` calls of `method` (to `chatId`, if given) fail this way. */
  fail(method: string, failure: InjectedFailure, options: { times?: number; chatId?: number } = {}): void {
    this.failures.push({
      method,
      failure,
      remaining: options.times ?? 1,
      ...(options.chatId !== undefined ? { chatId: options.chatId } : {}),
    });
  }

  clearFailures(): void {
    this.failures = [];
    this.delays = [];
  }

  /** Calls of `method` (to `chatId`, if given) are answered only after `ms`, like a slow network. */
  slowDown(method: string, ms: number, options: { chatId?: number } = {}): void {
    this.delays.push({ method, ms, ...(options.chatId !== undefined ? { chatId: options.chatId } : {}) });
  }

  /** Every later send to this chat answers 403, as when the user blocks the bot. */
  blockChat(chatId: number): void {
    this.blocked.add(chatId);
  }

  unblockChat(chatId: number): void {
    this.blocked.delete(chatId);
  }

  /** Adds a file as if a user had sent it; returns its file_id. */
  addFile(bytes: Buffer, path = `documents/file_${this.files.size}`): string {
    const fileId = `file-${randomBytes(6).toString('hex')}`;
    this.files.set(fileId, { bytes, path, uniqueId: randomBytes(4).toString('hex') });
    return fileId;
  }

  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** The last message the bot sent (or edited into) a chat, as the fake stores it. */
  lastMessageTo(chatId: number): Message | undefined {
    let last: Message | undefined;
    for (const message of this.sentMessages.values()) {
      if (message.chat.id === chatId && (!last || message.message_id > last.message_id)) last = message;
    }
    return last;
  }

  messageOf(chatId: number, messageId: number): Message | undefined {
    return this.sentMessages.get(`${chatId}:${messageId}`);
  }

  async stop(): Promise<void> {
    for (const poller of this.pollers) {
      clearTimeout(poller.timer);
      poller.respond([]);
    }
    this.pollers = [];
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.apiRoot);
    const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (file) return this.download(res, file[1] as string, decodeURIComponent(file[2] as string));
    const api = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!api) return this.send(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    if (api[1] !== this.token)
      return this.send(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const method = api[2] as string;
    const { params, files } = await this.readBody(req, url);
    const call: RecordedCall = {
      method,
      params,
      files,
      status: 0,
      response: { ok: true, result: null },
      at: Date.now(),
    };
    this.calls.push(call);

    const delay = this.delays.find(
      (candidate) =>
        candidate.method === method &&
        (candidate.chatId === undefined || candidate.chatId === params.chat_id),
    );
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay.ms));
    const rule = this.takeFailure(method, params);
    if (rule?.kind === 'network') {
      call.status = -1;
      req.socket.destroy();
      return;
    }
    if (method === 'getUpdates' && !rule) {
      const answer = await this.getUpdates(params, req);
      if (answer === undefined) return; // the client went away
      call.status = answer.status;
      call.response = answer.body;
      return this.send(res, answer.status, answer.body);
    }
    const answer = rule ? failureBody(rule) : this.answer(method, params, files);
    call.status = answer.status;
    call.response = answer.body;
    this.send(res, answer.status, answer.body);
  }

  private send(res: ServerResponse, status: number, body: ApiBody): void {
    const call = this.calls.findLast((candidate) => candidate.response === body);
    if (call) call.answeredAt = Date.now();
    if (res.destroyed) return;
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  private download(res: ServerResponse, token: string, path: string): void {
    const stored = token === this.token ? [...this.files.values()].find((f) => f.path === path) : undefined;
    if (!stored) {
      this.send(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
      return;
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    res.end(stored.bytes);
  }

  private async readBody(
    req: IncomingMessage,
    url: URL,
  ): Promise<{ params: Record<string, unknown>; files: Record<string, RecordedFile> }> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const type = req.headers['content-type'] ?? '';
    const params: Record<string, unknown> = Object.fromEntries(url.searchParams);
    const files: Record<string, RecordedFile> = {};
    if (type.startsWith('application/json') && body.length > 0) {
      Object.assign(params, JSON.parse(body.toString('utf8')));
    } else if (type.startsWith('multipart/form-data')) {
      const parts = parseMultipart(body, type);
      const uploads = new Map(parts.filter((p) => p.filename !== undefined).map((p) => [p.name, p]));
      for (const part of parts.filter((p) => p.filename === undefined)) {
        const value = part.data.toString('utf8');
        const attached = /^attach:\/\/(.+)$/.exec(value);
        const upload = attached ? uploads.get(attached[1] as string) : undefined;
        if (upload) {
          files[part.name] = { filename: upload.filename ?? part.name, bytes: upload.data };
          params[part.name] = value;
        } else {
          params[part.name] = decodeFormValue(part.name, value);
        }
      }
    }
    return { params, files };
  }

  private takeFailure(method: string, params: Record<string, unknown>): InjectedFailure | undefined {
    const chatId = typeof params.chat_id === 'number' ? params.chat_id : undefined;
    if (chatId !== undefined && this.blocked.has(chatId) && method.startsWith('send'))
      return { kind: 'blocked' };
    const rule = this.failures.find(
      (candidate) =>
        candidate.remaining > 0 &&
        candidate.method === method &&
        (candidate.chatId === undefined || candidate.chatId === chatId),
    );
    if (!rule) return undefined;
    rule.remaining -= 1;
    return rule.failure;
  }

  private getUpdates(
    params: Record<string, unknown>,
    req: IncomingMessage,
  ): Promise<{ status: number; body: ApiBody } | undefined> {
    if (this.webhook) {
      return Promise.resolve({
        status: 409,
        body: {
          ok: false,
          error_code: 409,
          description:
            "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
        },
      });
    }
    const offset = Number(params.offset ?? 0);
    const limit = Math.min(100, Number(params.limit ?? 100));
    const timeoutSeconds = Number(params.timeout ?? 0);
    this.confirm(offset);
    const ready = this.queue.filter((update) => update.update_id >= offset).slice(0, limit);
    if (ready.length > 0 || timeoutSeconds <= 0) return Promise.resolve(ok(ready));
    // The previous long poll of this bot, if still open, ends empty: Telegram allows one at a time.
    for (const poller of this.pollers.splice(0)) {
      clearTimeout(poller.timer);
      poller.respond([]);
    }
    return new Promise((resolve) => {
      const poller: Poller = {
        offset,
        limit,
        respond: (updates) => resolve(ok(updates)),
        timer: setTimeout(() => {
          this.pollers = this.pollers.filter((p) => p !== poller);
          resolve(ok([]));
        }, timeoutSeconds * 1000),
      };
      this.pollers.push(poller);
      req.on('close', () => {
        if (!this.pollers.includes(poller)) return;
        this.pollers = this.pollers.filter((p) => p !== poller);
        clearTimeout(poller.timer);
        resolve(undefined);
      });
    });
  }

  private confirm(offset: number): void {
    if (offset <= this.confirmedBelow) return;
    this.confirmedBelow = offset;
    for (let i = this.queue.length - 1; i >= 0; i--) {
      if ((this.queue[i] as Update).update_id < offset) this.queue.splice(i, 1);
    }
    for (let i = this.consumedWaiters.length - 1; i >= 0; i--) {
      const waiter = this.consumedWaiters[i] as { updateId: number; resolve: () => void };
      if (waiter.updateId < offset) {
        this.consumedWaiters.splice(i, 1);
        waiter.resolve();
      }
    }
  }

  private wakePollers(): void {
    for (const poller of this.pollers.splice(0)) {
      const ready = this.queue.filter((update) => update.update_id >= poller.offset).slice(0, poller.limit);
      clearTimeout(poller.timer);
      poller.respond(ready);
    }
  }

  private async deliverToWebhook(update: Update): Promise<void> {
    const webhook = this.webhook as { url: string; secret?: string };
    const response = await fetch(webhook.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(webhook.secret ? { 'x-telegram-bot-api-secret-token': webhook.secret } : {}),
      },
      body: JSON.stringify(update),
    });
    await response.arrayBuffer();
    this.webhookDeliveries.push({ updateId: update.update_id, status: response.status });
  }

  private answer(
    method: string,
    params: Record<string, unknown>,
    files: Record<string, RecordedFile>,
  ): { status: number; body: ApiBody } {
    switch (method) {
      case 'getMe':
        return ok(this.bot);
      case 'setWebhook': {
        if (typeof params.url !== 'string' || params.url === '') {
          this.webhook = undefined;
          return ok(true);
        }
        this.webhook = {
          url: params.url,
          ...(typeof params.secret_token === 'string' ? { secret: params.secret_token } : {}),
        };
        return ok(true);
      }
      case 'deleteWebhook':
        this.webhook = undefined;
        if (params.drop_pending_updates === true) this.queue.splice(0);
        return ok(true);
      case 'setMyCommands':
        return ok(true);
      case 'answerCallbackQuery':
        return typeof params.callback_query_id === 'string'
          ? ok(true)
          : badRequest('query is too old and response timeout expired or query ID is invalid');
      case 'sendMessage':
        return this.sendMessage(params);
      case 'sendPhoto':
      case 'sendDocument':
        return this.sendFile(method === 'sendPhoto' ? 'photo' : 'document', params, files);
      case 'editMessageText':
        return this.editMessageText(params);
      case 'editMessageReplyMarkup':
        return this.editReplyMarkup(params);
      case 'getFile':
        return this.getFile(params);
      default:
        return {
          status: 404,
          body: { ok: false, error_code: 404, description: 'Not Found: method not found' },
        };
    }
  }

  private checkChat(params: Record<string, unknown>): number | { status: number; body: ApiBody } {
    const chatId = params.chat_id;
    if (typeof chatId !== 'number') return badRequest('chat_id is empty');
    if (!this.knownChats.has(chatId)) return badRequest('chat not found');
    return chatId;
  }

  private checkMarkup(params: Record<string, unknown>): { status: number; body: ApiBody } | undefined {
    const markup = params.reply_markup as
      | { inline_keyboard?: Array<Array<{ callback_data?: string }>> }
      | undefined;
    for (const row of markup?.inline_keyboard ?? []) {
      for (const button of row) {
        const data = button.callback_data;
        if (data !== undefined && (Buffer.byteLength(data) < 1 || Buffer.byteLength(data) > 64)) {
          return badRequest('BUTTON_DATA_INVALID');
        }
      }
    }
    return undefined;
  }

  private store(chatId: number, fields: Partial<Message>): Message {
    const messageId = (this.nextMessageId.get(chatId) ?? 100) + 1;
    this.nextMessageId.set(chatId, messageId);
    const message = {
      message_id: messageId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chatId, type: chatId > 0 ? 'private' : 'group', first_name: 'Test', title: 'Test group' },
      from: this.bot,
      ...fields,
    } as Message;
    this.sentMessages.set(`${chatId}:${messageId}`, message);
    return message;
  }

  private checkText(text: unknown, parseMode: unknown, limit: number, field: string) {
    if (typeof text !== 'string' || text.trim() === '') return badRequest(`${field} is empty`);
    const formatting = formattingError(text, parseMode);
    if (formatting)
      return { status: 400, body: { ok: false as const, error_code: 400, description: formatting } };
    if (visibleLength(text, parseMode) > limit) return badRequest(`${field} is too long`);
    return undefined;
  }

  private sendMessage(params: Record<string, unknown>): { status: number; body: ApiBody } {
    const chatId = this.checkChat(params);
    if (typeof chatId !== 'number') return chatId;
    const problem =
      this.checkText(params.text, params.parse_mode, 4096, 'message text') ?? this.checkMarkup(params);
    if (problem) return problem;
    return ok(
      this.store(chatId, {
        text: params.text as string,
        ...(params.reply_markup ? { reply_markup: params.reply_markup as Message['reply_markup'] } : {}),
      }),
    );
  }

  private sendFile(
    kind: 'photo' | 'document',
    params: Record<string, unknown>,
    files: Record<string, RecordedFile>,
  ): { status: number; body: ApiBody } {
    const chatId = this.checkChat(params);
    if (typeof chatId !== 'number') return chatId;
    if (params.caption !== undefined) {
      const problem = this.checkText(params.caption, params.parse_mode, 1024, 'message caption');
      if (problem) return problem;
    }
    const upload = files[kind];
    let fileId: string;
    let size = 0;
    let dimensions: { width: number; height: number } | undefined;
    if (upload) {
      fileId = this.addFile(upload.bytes, `${kind}s/${upload.filename}`);
      size = upload.bytes.length;
      dimensions = pngSize(upload.bytes);
      if (kind === 'photo' && !dimensions && !/\.(jpe?g|webp)$/i.test(upload.filename)) {
        return badRequest('IMAGE_PROCESS_FAILED');
      }
    } else if (typeof params[kind] === 'string' && this.files.has(params[kind] as string)) {
      fileId = params[kind] as string;
    } else {
      return badRequest('wrong file identifier/HTTP URL specified');
    }
    const stored = this.files.get(fileId) as StoredFile;
    const media =
      kind === 'photo'
        ? {
            photo: [
              {
                file_id: fileId,
                file_unique_id: stored.uniqueId,
                width: dimensions?.width ?? 0,
                height: dimensions?.height ?? 0,
                file_size: size,
              },
            ],
          }
        : {
            document: {
              file_id: fileId,
              file_unique_id: stored.uniqueId,
              file_name: upload?.filename ?? 'file',
              file_size: size,
            },
          };
    return ok(
      this.store(chatId, {
        ...media,
        ...(typeof params.caption === 'string' ? { caption: params.caption } : {}),
        ...(params.reply_markup ? { reply_markup: params.reply_markup as Message['reply_markup'] } : {}),
      } as Partial<Message>),
    );
  }

  private existing(params: Record<string, unknown>): Message | { status: number; body: ApiBody } {
    const chatId = this.checkChat(params);
    if (typeof chatId !== 'number') return chatId;
    const message = this.sentMessages.get(`${chatId}:${params.message_id}`);
    return message ?? badRequest('message to edit not found');
  }

  private editMessageText(params: Record<string, unknown>): { status: number; body: ApiBody } {
    const message = this.existing(params);
    if (!('message_id' in message)) return message;
    const problem =
      this.checkText(params.text, params.parse_mode, 4096, 'message text') ?? this.checkMarkup(params);
    if (problem) return problem;
    const sameMarkup =
      JSON.stringify(message.reply_markup ?? null) === JSON.stringify(params.reply_markup ?? null);
    if (message.text === params.text && sameMarkup) {
      return badRequest(
        'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
      );
    }
    const edited = {
      ...message,
      text: params.text as string,
      edit_date: Math.floor(Date.now() / 1000),
    } as Message;
    if (params.reply_markup) edited.reply_markup = params.reply_markup as Message['reply_markup'];
    else delete edited.reply_markup;
    this.sentMessages.set(`${message.chat.id}:${message.message_id}`, edited);
    return ok(edited);
  }

  private editReplyMarkup(params: Record<string, unknown>): { status: number; body: ApiBody } {
    const message = this.existing(params);
    if (!('message_id' in message)) return message;
    const edited = { ...message } as Message;
    if (params.reply_markup) edited.reply_markup = params.reply_markup as Message['reply_markup'];
    else delete edited.reply_markup;
    this.sentMessages.set(`${message.chat.id}:${message.message_id}`, edited);
    return ok(edited);
  }

  private getFile(params: Record<string, unknown>): { status: number; body: ApiBody } {
    const fileId = params.file_id;
    const stored = typeof fileId === 'string' ? this.files.get(fileId) : undefined;
    if (!stored) return badRequest('invalid file_id');
    return ok({
      file_id: fileId,
      file_unique_id: stored.uniqueId,
      file_size: stored.bytes.length,
      file_path: stored.path,
    });
  }
}

/** Multipart fields arrive as strings; ids become numbers and objects are JSON, as Telegram reads them. */
function decodeFormValue(name: string, value: string): unknown {
  if (/^(chat_id|message_id|reply_to_message_id|message_thread_id)$/.test(name) && /^-?\d+$/.test(value)) {
    return Number(value);
  }
  if (/^[[{]/.test(value)) {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  if (value === 'true' || value === 'false') return value === 'true';
  return value;
}
