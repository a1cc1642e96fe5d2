import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// Runs the built entry point (make test builds first) as a real process.
const mainJs = path.join(process.cwd(), 'services/api/dist/main.js');

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

async function waitForPort(output: () => string, timeoutMs = 60_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const match = /"port":(\d+).*"msg":"api listening"/.exec(output());
    if (match) return Number(match[1]);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`api did not start:\n${output()}`);
}

describe('api process', () => {
  it('when started on the embedded default, then it migrates, serves health and stops cleanly on SIGTERM', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'ha-api-'));
    const { child, output } = start({
      PORT: '0',
      HOST: '127.0.0.1',
      MIGRATE_ON_START: 'true',
      DATABASE_URL: `pglite://${dataDir}/pglite`,
      BOOTSTRAP_ADMIN_KEY_FILE: `${dataDir}/admin-api-key.txt`,
    });
    try {
      const port = await waitForPort(output);
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
      expect(output()).toContain('migrations applied');
      const adminKey = readFileSync(`${dataDir}/admin-api-key.txt`, 'utf8').trim();
      expect(statSync(`${dataDir}/admin-api-key.txt`).mode & 0o777).toBe(0o600);
      const me = await fetch(`http://127.0.0.1:${port}/v1/users/me`, {
        headers: { authorization: `Bearer ${adminKey}` },
      });
      expect(((await me.json()) as { role: string }).role).toBe('admin');
      const exit = exited(child);
      child.kill('SIGTERM');
      expect(await exit).toBe(0);
      expect(output()).toContain('shutdown complete');
    } finally {
      child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 90_000);

  it('when a variable is bad, then the process refuses to start and names it', async () => {
    const { child, output } = start({ PORT: 'eighty' });
    expect(await exited(child)).toBe(1);
    expect(output()).toContain('PORT: expected a port number');
    expect(output()).toContain('"eighty"');
  });
});
