import type { Writable } from 'node:stream';
import type { InlineKeyboardButton, Message } from 'grammy/types';
import type { FakeTelegramServer, RecordedCall } from '../testing/fake-telegram-server.js';
import {
  callbackUpdate,
  locationUpdate,
  type TelegramPerson,
  textUpdate,
} from '../testing/telegram-updates.js';

/** Writes a file the bot sent and returns where it went, as the person should read it. */
export type SaveFile = (filename: string, bytes: Buffer) => Promise<string>;

export interface TerminalChatOptions {
  fake: FakeTelegramServer;
  person: TelegramPerson;
  output: Writable;
  saveFile: SaveFile;
  /** Updates the bot has finished handling (its bot_updates_total): fetched is not yet answered. */
  handledUpdates: () => Promise<number>;
  /** How long to wait for the bot to answer one message. */
  answerTimeoutMs?: number;
}

const BOT = 'bot> ';
const INDENT = '     ';

/**
 * One person's Telegram chat, in a terminal: each line typed becomes a message to the bot,
 * and what the bot does in the chat (messages, edits, button notices, photos and files) is
 * printed. Buttons get numbers; "#3" presses button 3.
 */
export class TerminalChat {
  /** How far into the fake server's call log the printout has got. */
  private printedUpTo = 0;
  private readonly buttons = new Map<number, { messageId: number; data: string }>();
  private nextButton = 1;
  private readonly callbackIds = new Set<string>();
  private printing: Promise<void> = Promise.resolve();

  constructor(private readonly options: TerminalChatOptions) {}

  /** Handles one typed line; resolves once the bot has answered it and the answer is printed. */
  async handleLine(line: string): Promise<void> {
    const text = line.trim();
    if (text === '') return;
    const update = this.updateFor(text);
    if (!update) return;
    const { fake, handledUpdates } = this.options;
    const handledBefore = await handledUpdates();
    await fake.pushUpdate(update);
    const deadline = Date.now() + (this.options.answerTimeoutMs ?? 60_000);
    while ((await handledUpdates()) <= handledBefore) {
      if (Date.now() > deadline) throw new Error('the bot did not answer in time');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await this.printNew();
  }

  /** Prints what the bot sent since the last call: also what it sends on its own, like reminders. */
  printNew(): Promise<void> {
    this.printing = this.printing.then(() => this.printPending());
    return this.printing;
  }

  private updateFor(text: string) {
    const { person } = this.options;
    const press = /^#(\d{1,5})$/.exec(text);
    if (press) {
      const button = this.buttons.get(Number(press[1]));
      const message = button && this.options.fake.messageOf(person.id, button.messageId);
      if (!button || !message) {
        this.write(`${BOT}(there is no button ${text})`);
        return undefined;
      }
      const update = callbackUpdate(person, message, button.data);
      if (update.callback_query) this.callbackIds.add(update.callback_query.id);
      return update;
    }
    const location = /^!location\s+(-?\d+(?:\.\d+)?)[,\s]+(-?\d+(?:\.\d+)?)$/i.exec(text);
    if (location) return locationUpdate(person, Number(location[1]), Number(location[2]));
    return textUpdate(person, text);
  }

  private async printPending(): Promise<void> {
    const calls = this.options.fake.calls;
    while (this.printedUpTo < calls.length) {
      const call = calls[this.printedUpTo] as RecordedCall;
      // A long poll still open, or a call not answered yet: look again later.
      if (call.method !== 'getUpdates' && call.status === 0) return;
      this.printedUpTo += 1;
      if (call.status === 200) await this.print(call);
    }
  }

  private async print(call: RecordedCall): Promise<void> {
    const { params } = call;
    if (call.method === 'answerCallbackQuery') {
      if (typeof params.text === 'string' && this.callbackIds.has(String(params.callback_query_id))) {
        this.write(`${BOT}(notice) ${params.text}`);
      }
      return;
    }
    if (params.chat_id !== this.options.person.id) return;
    const message = (call.response as { result?: Message }).result;
    switch (call.method) {
      case 'sendMessage':
        this.writeMessage(String(params.text), message);
        return;
      case 'editMessageText':
        this.writeMessage(`(edited) ${String(params.text)}`, message);
        return;
      case 'sendPhoto':
      case 'sendDocument': {
        const kind = call.method === 'sendPhoto' ? 'photo' : 'document';
        const file = call.files[kind];
        const where = file ? await this.options.saveFile(file.filename, file.bytes) : undefined;
        const label = file
          ? `[${kind === 'photo' ? 'photo' : 'file'}: ${file.filename} saved to ${where}]`
          : `[${kind}]`;
        this.writeMessage(
          typeof params.caption === 'string' ? `${label}\n${params.caption}` : label,
          message,
        );
        return;
      }
    }
  }

  private writeMessage(text: string, message: Message | undefined): void {
    const lines = text.split('\n');
    const printed = lines.map((line, index) => `${index === 0 ? BOT : INDENT}${line}`);
    const keyboard: InlineKeyboardButton[][] = message?.reply_markup?.inline_keyboard ?? [];
    for (const row of keyboard) {
      const labels = row.flatMap((button) => {
        if (!('callback_data' in button)) return [`[${button.text}]`];
        const number = this.nextButton++;
        this.buttons.set(number, { messageId: message?.message_id ?? 0, data: button.callback_data });
        return [`[#${number} ${button.text}]`];
      });
      printed.push(`${INDENT}${labels.join(' ')}`);
    }
    this.write(printed.join('\n'));
  }

  private write(text: string): void {
    this.options.output.write(`${text}\n`);
  }
}
