import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import { AppError } from '../errors/app-error.js';
import type { Logger } from '../logging/logger.js';

interface ErrorBody {
  error: { code: string; message: string; details: unknown };
}

/** body-parser and similar libraries mark client errors with `status`/`type`. */
interface HttpishError {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
}

function clientErrorBody(error: HttpishError & Error): [number, ErrorBody] | undefined {
  if (error.type === 'entity.too.large') {
    return [
      413,
      { error: { code: 'payload_too_large', message: 'The request body is too large', details: null } },
    ];
  }
  if (error.type === 'entity.parse.failed') {
    return [
      400,
      { error: { code: 'malformed_json', message: 'The request body is not valid JSON', details: null } },
    ];
  }
  const status = error.status ?? error.statusCode;
  if (status && status >= 400 && status < 500 && error.expose) {
    return [status, { error: { code: 'bad_request', message: error.message, details: null } }];
  }
  return undefined;
}

export function toErrorResponse(error: unknown): [number, ErrorBody] {
  if (error instanceof AppError) return [error.status, error.toJSON()];
  if (error instanceof ZodError) {
    const details = error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    return [400, { error: { code: 'validation_failed', message: 'The request is not valid', details } }];
  }
  if (error instanceof Error) {
    const client = clientErrorBody(error);
    if (client) return client;
  }
  return [
    500,
    { error: { code: 'internal_error', message: 'Something went wrong on our side', details: null } },
  ];
}

/**
 * The one error middleware: a stable code and a clear message for the client,
 * the stack only in the log.
 */
export function createErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const [status, body] = toErrorResponse(error);
    const log = (req as { log?: Logger }).log ?? logger;
    if (status >= 500) log.error({ err: error }, 'request failed');
    else log.info({ code: body.error.code, status }, 'request rejected');
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(status).json(body);
  };
}

export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).json({
    error: { code: 'route_not_found', message: `No route for ${req.method} ${req.path}`, details: null },
  });
};
