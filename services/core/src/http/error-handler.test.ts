import { Writable } from 'node:stream';
import type { NextFunction, Request, Response } from 'express';
import { z } from 'zod';
import { ConflictError, NotFoundError, ValidationError } from '../errors/index.js';
import { createLogger } from '../logging/logger.js';
import { createErrorHandler, notFoundHandler, toErrorResponse } from './error-handler.js';

function fakeResponse(headersSent = false) {
  const res = { statusCode: 0, body: undefined as unknown, headersSent, ended: false };
  return Object.assign(res, {
    status(code: number) {
      res.statusCode = code;
      return this;
    },
    json(body: unknown) {
      res.body = body;
      return this;
    },
    end() {
      res.ended = true;
    },
  });
}

function capturingLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { logger: createLogger({ level: 'info', service: 'test', destination }), lines };
}

describe('toErrorResponse', () => {
  it('when an AppError is thrown, then its status, code, message and details are used', () => {
    expect(toErrorResponse(new NotFoundError('No such entry', { id: 'x' }))).toEqual([
      404,
      { error: { code: 'not_found', message: 'No such entry', details: { id: 'x' } } },
    ]);
    expect(toErrorResponse(new ConflictError('Already done'))[0]).toBe(409);
    expect(toErrorResponse(new ValidationError('Bad'))[1].error.details).toBeNull();
  });

  it('when a zod error escapes, then it becomes a 400 naming the failing fields', () => {
    const parsed = z.object({ grams: z.number().positive() }).safeParse({ grams: -1 });
    const [status, body] = toErrorResponse(parsed.error);
    expect(status).toBe(400);
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.details).toEqual([{ path: 'grams', message: expect.stringContaining('>0') }]);
  });

  it('when body-parser rejects a body, then the client gets 413 or 400 with a stable code', () => {
    expect(
      toErrorResponse(Object.assign(new Error('too big'), { type: 'entity.too.large', status: 413 }))[1].error
        .code,
    ).toBe('payload_too_large');
    expect(
      toErrorResponse(Object.assign(new Error('bad'), { type: 'entity.parse.failed', status: 400 }))[0],
    ).toBe(400);
    expect(
      toErrorResponse(Object.assign(new Error('Unsupported charset'), { status: 415, expose: true })),
    ).toEqual([415, { error: { code: 'bad_request', message: 'Unsupported charset', details: null } }]);
  });

  it('when anything else is thrown, then the client gets a generic 500 without the message or stack', () => {
    const [status, body] = toErrorResponse(new Error('password=hunter2 at db.ts:12'));
    expect(status).toBe(500);
    expect(JSON.stringify(body)).not.toContain('hunter2');
    expect(toErrorResponse('a string')[0]).toBe(500);
  });
});

describe('createErrorHandler', () => {
  it('when a server error is handled, then the stack goes to the log and not to the client', () => {
    const { logger, lines } = capturingLogger();
    const res = fakeResponse();
    const error = new Error('boom');
    createErrorHandler(logger)(error, {} as Request, res as unknown as Response, (() => {}) as NextFunction);
    expect(res.statusCode).toBe(500);
    expect(JSON.stringify(res.body)).not.toMatch(/boom|at /);
    expect(lines[0]).toMatchObject({ level: 'error', msg: 'request failed' });
    expect(JSON.stringify(lines[0])).toContain('boom');
  });

  it('when a client error is handled, then it is logged at info with its code', () => {
    const { logger, lines } = capturingLogger();
    const res = fakeResponse();
    createErrorHandler(logger)(
      new NotFoundError('gone'),
      {} as Request,
      res as unknown as Response,
      (() => {}) as NextFunction,
    );
    expect(res.statusCode).toBe(404);
    expect(lines[0]).toMatchObject({ level: 'info', code: 'not_found', status: 404 });
  });

  it('when headers were already sent, then the response is only ended', () => {
    const { logger } = capturingLogger();
    const res = fakeResponse(true);
    createErrorHandler(logger)(
      new Error('late'),
      {} as Request,
      res as unknown as Response,
      (() => {}) as NextFunction,
    );
    expect(res.ended).toBe(true);
    expect(res.statusCode).toBe(0);
  });

  it('when no route matches, then the 404 names the method and path', () => {
    const res = fakeResponse();
    notFoundHandler({ method: 'GET', path: '/v1/nope' } as Request, res as unknown as Response, () => {});
    expect(res.body).toEqual({
      error: { code: 'route_not_found', message: 'No route for GET /v1/nope', details: null },
    });
  });
});
