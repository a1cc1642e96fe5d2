import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '../logging/logger.js';
import { createShutdown } from './graceful-shutdown.js';

const logger = createLogger({ level: 'silent', service: 'test' });

async function listening(handler: Parameters<typeof createServer>[1]) {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('bot shutdown', () => {
  it('when a signal arrives, then updates stop first, requests drain, resources close in order, once', async () => {
    const { server, base } = await listening((_req, res) => void setTimeout(() => res.end('done'), 200));
    const steps: string[] = [];
    const exits: number[] = [];
    const shutdown = createShutdown({
      server,
      logger,
      timeoutMs: 5000,
      stoppers: [
        { name: 'transport', stop: async () => void steps.push('transport stopped') },
        { name: 'outbox worker', stop: async () => void steps.push('worker stopped') },
      ],
      closers: [
        { name: 'breakers', close: async () => void steps.push('breakers closed') },
        { name: 'infrastructure', close: async () => void steps.push('infrastructure closed') },
      ],
      exit: (code) => void exits.push(code),
    });
    const inFlight = fetch(base).then((response) => response.text());
    await new Promise((resolve) => setTimeout(resolve, 50));
    await Promise.all([shutdown('SIGTERM'), shutdown('SIGINT')]);
    await expect(inFlight).resolves.toBe('done');
    expect(steps).toEqual([
      'transport stopped',
      'worker stopped',
      'breakers closed',
      'infrastructure closed',
    ]);
    expect(exits).toEqual([0]);
  });

  it('when a step fails or a fatal error asks for it, then the rest still runs and the exit code is not 0', async () => {
    const { server } = await listening((_req, res) => res.end());
    const steps: string[] = [];
    const exits: number[] = [];
    const shutdown = createShutdown({
      server,
      logger,
      timeoutMs: 1000,
      stoppers: [{ name: 'transport', stop: async () => Promise.reject(new Error('stuck')) }],
      closers: [{ name: 'infrastructure', close: async () => void steps.push('infrastructure closed') }],
      exit: (code) => void exits.push(code),
    });
    await shutdown('SIGTERM');
    expect(steps).toEqual(['infrastructure closed']);
    expect(exits).toEqual([1]);

    const { server: other } = await listening((_req, res) => res.end());
    const fatal = createShutdown({
      server: other,
      logger,
      timeoutMs: 1000,
      stoppers: [],
      closers: [],
      exit: (code) => void exits.push(code),
    });
    await fatal('telegram transport failed', 1);
    expect(exits).toEqual([1, 1]);
  });

  it('when a request outlives the deadline, then it is cut and shutdown completes', async () => {
    const { server, base } = await listening(() => undefined);
    const exits: number[] = [];
    const shutdown = createShutdown({
      server,
      logger,
      timeoutMs: 100,
      stoppers: [],
      closers: [],
      exit: (code) => void exits.push(code),
    });
    const hanging = fetch(base).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await shutdown('SIGTERM');
    expect(await hanging).toHaveProperty('message', 'fetch failed');
    expect(exits).toEqual([0]);
  });
});
