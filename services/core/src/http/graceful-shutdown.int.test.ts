import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '../logging/logger.js';
import { createShutdown } from './graceful-shutdown.js';

const logger = createLogger({ level: 'silent', service: 'test' });

function slowServer(delayMs: number) {
  return createServer((_req, res) => {
    setTimeout(() => res.end('done'), delayMs);
  });
}

async function listen(server: ReturnType<typeof createServer>): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('graceful shutdown', () => {
  it('when a signal arrives mid-request, then the request finishes, new ones are refused, and pools close in order', async () => {
    const server = slowServer(300);
    const base = await listen(server);
    const closed: string[] = [];
    let exitCode: number | undefined;
    const shutdown = createShutdown({
      server,
      logger,
      timeoutMs: 5000,
      closers: [
        { name: 'db', close: async () => void closed.push('db') },
        { name: 'redis', close: async () => void closed.push('redis') },
      ],
      exit: (code) => {
        exitCode = code;
      },
    });
    const inFlight = fetch(base).then((response) => response.text());
    await new Promise((resolve) => setTimeout(resolve, 50));
    const done = shutdown('SIGTERM');
    const second = shutdown('SIGINT');
    await expect(inFlight).resolves.toBe('done');
    await Promise.all([done, second]);
    await expect(fetch(base)).rejects.toThrow();
    expect(closed).toEqual(['db', 'redis']);
    expect(exitCode).toBe(0);
  });

  it('when requests outlive the deadline, then they are cut and closing still happens', async () => {
    const server = slowServer(10_000);
    const base = await listen(server);
    let exitCode: number | undefined;
    const closed: string[] = [];
    const shutdown = createShutdown({
      server,
      logger,
      timeoutMs: 100,
      closers: [{ name: 'db', close: async () => void closed.push('db') }],
      exit: (code) => {
        exitCode = code;
      },
    });
    const hanging = fetch(base).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await shutdown('SIGTERM');
    // undici's error comes from another realm, so match its message rather than its class.
    expect(String(await hanging)).toMatch(/fetch failed|socket|closed/i);
    expect(closed).toEqual(['db']);
    expect(exitCode).toBe(0);
  });

  it('when a resource fails to close, then the others still close and the exit code says so', async () => {
    const server = slowServer(0);
    await listen(server);
    let exitCode: number | undefined;
    const closed: string[] = [];
    await createShutdown({
      server,
      logger,
      timeoutMs: 1000,
      closers: [
        { name: 'db', close: async () => Promise.reject(new Error('stuck')) },
        { name: 'redis', close: async () => void closed.push('redis') },
      ],
      exit: (code) => {
        exitCode = code;
      },
    })('SIGINT');
    expect(closed).toEqual(['redis']);
    expect(exitCode).toBe(1);
  });
});
