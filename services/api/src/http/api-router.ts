import { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import {
  type Actor,
  ForbiddenError,
  NotFoundError,
  RateLimitedError,
  type Services,
  ValidationError,
} from '@health-agent/core';
import { type Request, type RequestHandler, type Response, Router } from 'express';
import { z } from 'zod';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Who may call a route: anyone, any valid key, or admin keys only. */
export type RouteAuth = 'none' | 'user' | 'admin';

export interface RouteResponse {
  description: string;
  schema?: z.ZodType;
  /** Defaults to application/json. */
  contentType?: string;
}

type Shape<T> = T extends z.ZodType ? z.infer<T> : undefined;

export interface RouteContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** The caller; undefined only on auth: 'none' routes. */
  actor: Actor | undefined;
  /**
   * The user the route acts on, resolved from a `:userId` path parameter (`me` is the
   * caller). A user key can only reach itself; an admin key any existing user.
   */
  userId: string;
  req: Request;
  res: Response;
}

/** A handler returns the body (status from `status`), or undefined when it wrote the response itself. */
export type RouteResult = { status?: number; body?: unknown } | undefined;

export interface RouteSpec<
  P extends z.ZodType | undefined,
  Q extends z.ZodType | undefined,
  B extends z.ZodType | undefined,
> {
  method: HttpMethod;
  /** Express style, e.g. `/v1/users/:userId/food-entries/:entryId`. */
  path: string;
  summary: string;
  tags: string[];
  auth?: RouteAuth;
  params?: P;
  query?: Q;
  body?: B;
  responses: Record<number, RouteResponse>;
  handler: (context: RouteContext<Shape<P>, Shape<Q>, Shape<B>>) => Promise<RouteResult>;
}

const uuid = z.uuid();

function issues(location: string, error: z.ZodError) {
  return error.issues.map((issue) => ({ path: [location, ...issue.path].join('.'), message: issue.message }));
}

function parsePart<T extends z.ZodType | undefined>(schema: T, value: unknown, location: string): Shape<T> {
  if (!schema) return undefined as Shape<T>;
  const result = schema.safeParse(value ?? {});
  if (!result.success)
    throw new ValidationError(`Invalid request ${location}`, issues(location, result.error));
  return result.data as Shape<T>;
}

function presentedKey(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  const apiKey = req.headers['x-api-key'];
  return typeof apiKey === 'string' ? apiKey.trim() : undefined;
}

const errorResponseSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown() }),
});

/**
 * The one way routes are declared: each definition mounts an Express handler that
 * authenticates, rate-limits, validates params/query/body with zod, resolves the
 * target user, and calls the handler; and the same zod schemas become the route's
 * OpenAPI entry. A route cannot exist without being documented.
 */
export class ApiRouter {
  readonly router = Router();
  readonly openApi = new OpenAPIRegistry();
  readonly mounted: Array<{ method: HttpMethod; path: string }> = [];

  constructor(private readonly services: Pick<Services, 'access' | 'apiRateLimiter'>) {
    this.openApi.registerComponent('securitySchemes', 'apiKey', { type: 'http', scheme: 'bearer' });
  }

  define<P extends z.ZodType | undefined, Q extends z.ZodType | undefined, B extends z.ZodType | undefined>(
    spec: RouteSpec<P, Q, B>,
  ): void {
    const auth = spec.auth ?? 'user';
    this.mounted.push({ method: spec.method, path: spec.path });
    this.document(spec, auth);
    const handler: RequestHandler = async (req, res) => {
      const actor =
        auth === 'none' ? undefined : await this.services.access.authenticateApiKey(presentedKey(req));
      if (auth === 'admin' && actor?.scope !== 'admin') throw new ForbiddenError('This needs an admin key');
      await this.rateLimit(actor?.keyId ?? `ip:${req.ip}`, res);
      const params = parsePart(spec.params, req.params, 'params') as Shape<P>;
      const userId = await this.resolveUser(req.params.userId, actor);
      const context = {
        params,
        query: parsePart(spec.query, req.query, 'query') as Shape<Q>,
        body: parsePart(spec.body, req.body, 'body') as Shape<B>,
        actor,
        userId,
        req,
        res,
      };
      const result = await spec.handler(context);
      if (result === undefined || res.headersSent) return;
      const status = result.status ?? 200;
      if (result.body === undefined) res.status(status).end();
      else res.status(status).json(result.body);
    };
    this.router[spec.method](spec.path, handler);
  }

  private async rateLimit(key: string, res: Response): Promise<void> {
    const decision = await this.services.apiRateLimiter.consume(key);
    res.setHeader('RateLimit-Remaining', String(Math.max(0, decision.remaining)));
    if (!decision.allowed) {
      const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
      res.setHeader('Retry-After', String(seconds));
      throw new RateLimitedError(`Too many requests; try again in ${seconds} s`, {
        retryAfterSeconds: seconds,
      });
    }
  }

  private async resolveUser(raw: string | string[] | undefined, actor: Actor | undefined): Promise<string> {
    if (raw === undefined || Array.isArray(raw) || !actor) return actor?.userId ?? '';
    if (raw === 'me' || raw === actor.userId) return actor.userId;
    // Another user's id looks exactly like a missing one to a user key: nothing leaks.
    if (actor.scope !== 'admin' || !uuid.safeParse(raw).success) throw new NotFoundError('User not found');
    await this.services.access.getUser(raw);
    return raw;
  }

  private document(
    spec: RouteSpec<z.ZodType | undefined, z.ZodType | undefined, z.ZodType | undefined>,
    auth: RouteAuth,
  ) {
    const responses: Record<
      string,
      { description: string; content?: Record<string, { schema: z.ZodType }> }
    > = {};
    for (const [status, response] of Object.entries(spec.responses)) {
      responses[status] = {
        description: response.description,
        ...(response.schema
          ? { content: { [response.contentType ?? 'application/json']: { schema: response.schema } } }
          : {}),
      };
    }
    const errors: Record<string, string> = { '400': 'Invalid request', '429': 'Rate limited' };
    if (auth !== 'none') Object.assign(errors, { '401': 'Missing or invalid API key' });
    if (auth === 'admin') Object.assign(errors, { '403': 'Needs an admin key' });
    if (spec.path.includes(':')) Object.assign(errors, { '404': 'Not found' });
    for (const [status, description] of Object.entries(errors)) {
      responses[status] ??= { description, content: { 'application/json': { schema: errorResponseSchema } } };
    }
    this.openApi.registerPath({
      method: spec.method,
      path: spec.path.replace(/:(\w+)/g, '{$1}'),
      summary: spec.summary,
      tags: spec.tags,
      ...(auth === 'none' ? {} : { security: [{ apiKey: [] }] }),
      request: {
        ...(spec.params ? { params: spec.params as z.ZodObject } : {}),
        ...(spec.query ? { query: spec.query as z.ZodObject } : {}),
        ...(spec.body ? { body: { content: { 'application/json': { schema: spec.body } } } } : {}),
      },
      responses,
    });
  }
}
