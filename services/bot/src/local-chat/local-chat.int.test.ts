import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { runLocalChat } from './local-chat.js';

async function waitFor(read: () => string, pattern: RegExp | string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const found = () => (typeof pattern === 'string' ? read().includes(pattern) : pattern.test(read()));
  while (!found()) {
    if (Date.now() > deadline) throw new Error(`no ${pattern} in:\n${read()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('local chat', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'ha-chat-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('when a newcomer types commands and button numbers, then the real bot answers in the terminal', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk) => (printed += chunk));
    const logs: string[] = [];
    const finished = runLocalChat({
      env: { DATABASE_URL: 'pglite://memory', LOG_LEVEL: 'info' },
      input,
      output,
      dataDir,
      person: { id: 4711, first_name: 'Nova' },
      logDestination: { write: (line: string) => void logs.push(line) },
    });
    await waitFor(() => printed, 'Try /start, then /help.');
    input.write('/start\n');
    await waitFor(() => printed, '[#1 Call me Nova]');
    input.write('#1\n');
    await waitFor(() => printed, 'Nice to meet you, Nova!');
    input.write('Europe/Stockholm\n');
    await waitFor(() => printed, 'Time zone set to Europe/Stockholm');
    input.write('/remind 21:30 daily stretch 🧘\n');
    await waitFor(() => printed, 'Reminder set: "stretch 🧘", every day at 21:30.');
    input.write('/export\n');
    await waitFor(() => printed, /\[file: food-diary-.*\.csv saved to .*\]/);
    input.write('/quit\n');
    await finished;

    expect(printed).toContain('bot> What should I call you?');
    expect(printed).toMatch(/\[file: health-agent-export-\d{4}-\d{2}-\d{2}\.json saved to /);
    expect(readdirSync(path.join(dataDir, 'chat')).some((name) => name.endsWith('.json'))).toBe(true);
    expect(logs.some((line) => line.includes('telegram long polling started'))).toBe(true);
  });

  it('when stopped by a signal before any input, then it shuts down cleanly', async () => {
    const stop = new AbortController();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk) => (printed += chunk));
    const finished = runLocalChat({
      env: { DATABASE_URL: 'pglite://memory', LOG_LEVEL: 'silent' },
      input: new PassThrough(),
      output,
      dataDir,
      signal: stop.signal,
    });
    await waitFor(() => printed, 'You are Friend (Telegram id 100000001)');
    stop.abort();
    await expect(finished).resolves.toBeUndefined();
    // Without a log destination the log goes to a file next to the chat's files.
    expect(readdirSync(path.join(dataDir, 'chat'))).toContain('chat.log');
  });

  it('when `npm run chat` runs with stdin piped, then /start and /help are answered and it exits on end of input', async () => {
    // The built entry point, as `make chat` runs it (make test builds first), in a fresh directory.
    const mainJs = path.join(process.cwd(), 'services/bot/dist/local-chat/main.js');
    const child = spawn(process.execPath, [mainJs], {
      cwd: dataDir,
      env: { PATH: process.env.PATH ?? '', USER: 'Pat' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let printed = '';
    child.stdout.on('data', (chunk) => (printed += chunk));
    child.stderr.on('data', (chunk) => (printed += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      await waitFor(() => printed, 'Try /start, then /help.', 90_000);
      child.stdin.write('/start\n');
      await waitFor(() => printed, 'What should I call you?');
      child.stdin.end('/help\n');
      expect(await exited).toBe(0);
      expect(printed).toContain('Database: pglite://./data/pglite. You are Pat');
      expect(printed).toContain('[#1 Call me Pat]');
      expect(printed).toContain('bot> Here is what I can do:');
      expect(printed).toContain('/remind - Reminders: /remind 08:00 mon-fri take vitamins');
      // The embedded database lives in ./data of the directory it ran in.
      expect(readdirSync(path.join(dataDir, 'data'))).toEqual(expect.arrayContaining(['pglite', 'chat']));
    } finally {
      child.kill('SIGKILL');
    }
  }, 180_000);
});
