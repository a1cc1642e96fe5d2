import { randomUUID } from 'node:crypto';
import type { Logger } from '@health-agent/core';
import { pinoHttp } from 'pino-http';

const acceptableRequestId = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * Gives every request an id (the caller's X-Request-Id when it looks sane, else a
 * new UUID), echoes it back, and binds it to `req.log` so every line of the request
 * carries it.
 */
export function requestLogging(logger: Logger, newId: () => string = randomUUID) {
  return pinoHttp({
    logger,
    genReqId: (req, res) => {
      const header = req.headers['x-request-id'];
      const id = typeof header === 'string' && acceptableRequestId.test(header) ? header : newId();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    // Bound to req.log, so every line written during the request carries the id.
    customProps: (req) => ({ requestId: req.id }),
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
    serializers: {
      req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/metrics' },
  });
}
