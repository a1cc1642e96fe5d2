import type { Server } from 'node:http';
import type { Logger } from '@health-agent/core';

export interface ShutdownOptions {
  server: Server;
  /** Closed in order after the server drained: e.g. the database pool, then Redis. */
  closers: Array<{ name: string; close(): Promise<void> }>;
  logger: Logger;
  timeoutMs: number;
  exit: (code: number) => void;
}

/**
 * One shutdown routine for SIGINT and SIGTERM: stop accepting, let in-flight
 * requests finish (up to timeoutMs), close pools, exit. A second signal while
 * shutting down is ignored rather than starting another round.
 */
export function createShutdown(options: ShutdownOptions): (signal: string) => Promise<void> {
  let shuttingDown = false;
  return async (signal) => {
    if (shuttingDown) {
      options.logger.warn({ signal }, 'shutdown already in progress');
      return;
    }
    shuttingDown = true;
    options.logger.info({ signal }, 'shutting down');
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
    let code = 0;
    for (const closer of options.closers) {
      try {
        await closer.close();
      } catch (error) {
        code = 1;
        options.logger.error({ err: error, resource: closer.name }, 'failed to close');
      }
    }
    options.logger.info({ code }, 'shutdown complete');
    options.exit(code);
  };
}
