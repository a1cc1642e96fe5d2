import type { Server } from 'node:http';
import type { Logger } from '../logging/logger.js';

export interface ShutdownOptions {
  server: Server;
  /** Stopped before the server drains: no new updates, no new outbox passes. */
  stoppers?: Array<{ name: string; stop(): Promise<void> }>;
  /** Closed in order after the server drained: e.g. breakers, then the database and Redis. */
  closers: Array<{ name: string; close(): Promise<void> }>;
  logger: Logger;
  timeoutMs: number;
  exit: (code: number) => void;
}

async function settle(
  steps: Array<{ name: string; run(): Promise<void> }>,
  logger: Logger,
  what: string,
): Promise<boolean> {
  let ok = true;
  for (const step of steps) {
    try {
      await step.run();
    } catch (error) {
      ok = false;
      logger.error({ err: error, resource: step.name }, `failed to ${what}`);
    }
  }
  return ok;
}

/**
 * One shutdown routine for every process, for SIGINT, SIGTERM and a fatal error: stop taking work,
 * let in-flight HTTP requests finish (up to timeoutMs), close connections, exit. A second call
 * while shutting down is ignored.
 */
export function createShutdown(
  options: ShutdownOptions,
): (reason: string, exitCode?: number) => Promise<void> {
  let shuttingDown = false;
  return async (reason, exitCode = 0) => {
    if (shuttingDown) {
      options.logger.warn({ reason }, 'shutdown already in progress');
      return;
    }
    shuttingDown = true;
    options.logger.info({ reason }, 'shutting down');
    const stopped = await settle(
      (options.stoppers ?? []).map((s) => ({ name: s.name, run: () => s.stop() })),
      options.logger,
      'stop',
    );
    const drained = new Promise<void>((resolve) => options.server.close(() => resolve()));
    options.server.closeIdleConnections();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), options.timeoutMs);
    });
    if ((await Promise.race([drained, timedOut])) === 'timeout') {
      options.logger.warn(
        { timeoutMs: options.timeoutMs },
        'requests still open at the deadline; closing them',
      );
      options.server.closeAllConnections();
    }
    clearTimeout(timer);
    const closed = await settle(
      options.closers.map((c) => ({ name: c.name, run: () => c.close() })),
      options.logger,
      'close',
    );
    const code = stopped && closed ? exitCode : 1;
    options.logger.info({ code }, 'shutdown complete');
    options.exit(code);
  };
}
