import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FakeTelegramServer } from './testing/fake-telegram-server.js';
import { textUpdate } from './testing/telegram-updates.js';

// Runs the built entry point (make test builds first) as a real process.
const mainJs = path.join(process.cwd(), 'services/bot/dist/main.js');

function start(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  let output = '';
  const child = spawn(process.execPath, [mainJs], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  return { child, output: () => output };
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

async function waitFor(output: () => string, pattern: RegExp, timeoutMs = 60_000): Promise<RegExpExecArray> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const match = pattern.exec(output());
    if (match) return match;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no ${pattern} in:\n${output()}`);
}

describe('bot process', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'ha-bot-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('when no bot token is set, then it serves health only, says Telegram is off and stops cleanly', async () => {
    const { child, output } = start({
      BOT_PORT: '0',
      HOST: '127.0.0.1',
      MIGRATE_ON_START: 'true',
      DATABASE_URL: `pglite://${dataDir}/pglite`,
    });
    try {
      const port = Number((await waitFor(output, /"port":(\d+).*"msg":"bot listening"/))[1]);
      expect(output()).toContain('Telegram is off');
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${port}/telegram/webhook`, { method: 'POST' })).status).toBe(404);
      const exit = exited(child);
      child.kill('SIGTERM');
      expect(await exit).toBe(0);
      expect(output()).toContain('shutdown complete');
    } finally {
      child.kill('SIGKILL');
    }
  }, 90_000);

  it('when a token is set in polling mode, then it answers Telegram users, publishes its commands and stops on SIGTERM', async () => {
    const fake = await FakeTelegramServer.start();
    const { child, output } = start({
      BOT_PORT: '0',
      HOST: '127.0.0.1',
      MIGRATE_ON_START: 'true',
      DATABASE_URL: `pglite://${dataDir}/pglite`,
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.apiRoot,
      LOG_LEVEL: 'info',
    });
    try {
      await waitFor(output, /telegram long polling started/);
      await fake.pushUpdate(textUpdate({ id: 31337, first_name: 'Visitor' }, '/start'));
      const reply = await fake.waitForCall(
        (call) => call.method === 'sendMessage' && call.params.chat_id === 31337,
      );
      expect(reply.params.text).toContain('invite-only');
      await fake.waitForCall((call) => call.method === 'setMyCommands' && call.params.language_code === 'es');
      const exit = exited(child);
      child.kill('SIGTERM');
      expect(await exit).toBe(0);
      expect(output()).toContain('"telegram":"polling"');
      expect(output()).not.toContain(fake.token);
    } finally {
      child.kill('SIGKILL');
      await fake.stop();
    }
  }, 90_000);

  it('when webhook mode lacks its secret, then the process refuses to start and names the variable', async () => {
    const { child, output } = start({
      TELEGRAM_BOT_TOKEN: '1:x',
      TELEGRAM_MODE: 'webhook',
      TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/telegram/webhook',
    });
    expect(await exited(child)).toBe(1);
    expect(output()).toContain('TELEGRAM_WEBHOOK_SECRET: required when TELEGRAM_MODE is webhook');
  });
});
