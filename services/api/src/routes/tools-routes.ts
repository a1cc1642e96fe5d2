import {
  type Actor,
  declaredReadExamples,
  RateLimitedError,
  type Services,
  type ToolActor,
  toolStatuses,
} from '@health-agent/core';
import type { Response } from 'express';
import { z } from 'zod';
import type { ApiRouter } from '../http/api-router.js';

const toolVersionSchema = z.object({
  version: z.number().int(),
  sha256: z.string().describe('Lower-case hex sha256 of the code: the version is content-addressed'),
  code: z.string(),
  inputSchema: z.record(z.string(), z.unknown()),
  declaredReads: z.array(z.string()),
  createdBy: z.uuid().nullable(),
  createdAt: z.date(),
});

const toolSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  status: z.enum(toolStatuses),
  currentVersion: z.number().int(),
  createdBy: z.uuid().nullable().describe("Shown to the tool's creator and to admins only"),
  decidedBy: z.uuid().nullable().describe('Shown to admins only'),
  decisionReason: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

const toolWithVersionSchema = toolSchema.extend({ version: toolVersionSchema });

const executionSchema = z.object({
  id: z.uuid(),
  toolId: z.uuid(),
  version: z.number().int(),
  userId: z.uuid(),
  status: z.enum(['running', 'succeeded', 'failed', 'timeout', 'oom', 'invalid-output', 'rejected']),
  executor: z.enum(['local', 'kubernetes']),
  input: z.unknown(),
  output: z.unknown().describe('The JSON the tool returned; null unless it succeeded'),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  durationMs: z.number().int().nullable(),
  createdAt: z.date(),
  finishedAt: z.date().nullable(),
});

// Bodies are typed loosely here on purpose: the service validates every field, so a bad
// submission still counts against the daily quota and leaves an audit record.
const contractFields = {
  code: z
    .string()
    .describe(
      'A JavaScript script defining `function run(input, data)`, or a function expression `(input, data) => output`; at most 64 KB',
    ),
  inputSchema: z
    .record(z.string(), z.unknown())
    .describe(
      'JSON schema of the input (type object; supported: properties, required, additionalProperties, type, enum, minimum, maximum, minLength, maxLength, minItems, maxItems, items)',
    ),
  declaredReads: z
    .array(z.string())
    .optional()
    .describe(`Data the tool may read, from the allow-list, e.g. ${declaredReadExamples.join(', ')}`),
};

const nameParam = z.object({ name: z.string().describe('The tool name') });
const page = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
};
const forbiddenForUsers = { 403: { description: 'Only admins decide on tools' } };

function toolActor(actor: Actor | undefined): ToolActor {
  // Every tool route authenticates, so the actor is always there.
  const { userId, scope } = actor as Actor;
  return { userId, scope };
}

/** A tool quota refusal tells the client when to come back, like the API's own rate limit. */
async function withRetryAfter<T>(res: Response, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof RateLimitedError) {
      const seconds = (error.details as { retryAfterSeconds?: number } | null)?.retryAfterSeconds;
      if (seconds !== undefined) res.setHeader('Retry-After', String(seconds));
    }
    throw error;
  }
}

/** Dynamic tools: submit, review, version, run on the caller's own data, and see past runs. */
export function registerToolsRoutes(api: ApiRouter, { tools }: Services): void {
  api.define({
    method: 'post',
    path: '/v1/tools',
    summary: 'Submit a new tool; it waits for an admin unless TOOL_AUTO_APPROVE is set',
    tags: ['tools'],
    body: z.object({
      name: z
        .string()
        .describe('2 to 64 characters: a lower-case letter, then lower-case letters, digits or _'),
      description: z.string(),
      ...contractFields,
    }),
    responses: {
      201: { description: 'The tool at version 1', schema: toolWithVersionSchema },
      409: { description: 'The name is taken' },
      413: { description: 'The code is over 64 KB' },
    },
    handler: async ({ actor, body, res }) => ({
      status: 201,
      body: await withRetryAfter(res, tools.create(toolActor(actor), body)),
    }),
  });

  api.define({
    method: 'get',
    path: '/v1/tools',
    summary: 'List tools: approved ones and your own (admins: all, optionally by status)',
    tags: ['tools'],
    query: z.object({ status: z.enum(toolStatuses).optional(), ...page }),
    responses: { 200: { description: 'Tools, by name', schema: z.object({ tools: z.array(toolSchema) }) } },
    handler: async ({ actor, query }) => ({ body: { tools: await tools.list(toolActor(actor), query) } }),
  });

  api.define({
    method: 'get',
    path: '/v1/tools/:name',
    summary: 'Get a tool with its current version',
    tags: ['tools'],
    params: nameParam,
    responses: { 200: { description: 'The tool', schema: toolWithVersionSchema } },
    handler: async ({ actor, params }) => ({ body: await tools.get(toolActor(actor), params.name) }),
  });

  api.define({
    method: 'get',
    path: '/v1/tools/:name/versions',
    summary: "List a tool's versions, newest first",
    tags: ['tools'],
    params: nameParam,
    responses: {
      200: { description: 'Versions', schema: z.object({ versions: z.array(toolVersionSchema) }) },
    },
    handler: async ({ actor, params }) => ({
      body: { versions: await tools.listVersions(toolActor(actor), params.name) },
    }),
  });

  api.define({
    method: 'post',
    path: '/v1/tools/:name/versions',
    summary: 'Submit a new version (creator or admin); the tool goes back to pending review',
    tags: ['tools'],
    params: nameParam,
    body: z.object({ description: z.string().optional(), ...contractFields }),
    responses: {
      201: { description: 'The tool at its new version', schema: toolWithVersionSchema },
      403: { description: "Not the tool's creator" },
      409: { description: 'The code is identical to an existing version' },
      413: { description: 'The code is over 64 KB' },
    },
    handler: async ({ actor, params, body, res }) => ({
      status: 201,
      body: await withRetryAfter(res, tools.addVersion(toolActor(actor), params.name, body)),
    }),
  });

  api.define({
    method: 'post',
    path: '/v1/tools/:name/approve',
    summary: 'Approve the current version (admin); pass the sha256 you reviewed to be sure it is that one',
    tags: ['tools'],
    params: nameParam,
    body: z.object({ sha256: z.string().optional(), reason: z.string().optional() }),
    responses: {
      200: { description: 'The approved tool', schema: toolWithVersionSchema },
      409: { description: 'Not approvable from its state, or another version than the one reviewed' },
      ...forbiddenForUsers,
    },
    handler: async ({ actor, params, body }) => ({
      body: await tools.approve(toolActor(actor), params.name, body),
    }),
  });

  api.define({
    method: 'post',
    path: '/v1/tools/:name/reject',
    summary: 'Reject a pending tool, with a reason (admin)',
    tags: ['tools'],
    params: nameParam,
    body: z.object({ reason: z.string() }),
    responses: {
      200: { description: 'The rejected tool', schema: toolWithVersionSchema },
      409: { description: 'Not pending' },
      ...forbiddenForUsers,
    },
    handler: async ({ actor, params, body }) => ({
      body: await tools.reject(toolActor(actor), params.name, body),
    }),
  });

  api.define({
    method: 'post',
    path: '/v1/tools/:name/disable',
    summary: 'Disable a tool at once, also for runs in flight (admin)',
    tags: ['tools'],
    params: nameParam,
    body: z.object({ reason: z.string().optional() }),
    responses: {
      200: { description: 'The disabled tool', schema: toolWithVersionSchema },
      409: { description: 'Already disabled or rejected' },
      ...forbiddenForUsers,
    },
    handler: async ({ actor, params, body }) => ({
      body: await tools.disable(toolActor(actor), params.name, body),
    }),
  });

  api.define({
    method: 'post',
    path: '/v1/tools/:name/execute',
    summary: 'Run an approved tool in the sandbox on your own data',
    tags: ['tools'],
    params: nameParam,
    body: z.object({ input: z.unknown().describe("Validated against the tool's input schema") }),
    responses: {
      200: {
        description:
          'The recorded run; status says how it ended (succeeded, failed, timeout, oom, invalid-output, rejected)',
        schema: executionSchema.extend({ logs: z.array(z.string()) }),
      },
      409: { description: 'The tool is not approved (pending, rejected or disabled)' },
      503: { description: 'No executor is configured, or it failed' },
    },
    handler: async ({ actor, params, body, res }) => ({
      body: await withRetryAfter(res, tools.execute(toolActor(actor), params.name, body.input)),
    }),
  });

  api.define({
    method: 'get',
    path: '/v1/tools/:name/executions',
    summary: "A tool's runs, newest first: your own (admins: everyone's)",
    tags: ['tools'],
    params: nameParam,
    query: z.object(page),
    responses: {
      200: { description: 'Runs', schema: z.object({ executions: z.array(executionSchema) }) },
    },
    handler: async ({ actor, params, query }) => ({
      body: { executions: await tools.listExecutions(toolActor(actor), params.name, query) },
    }),
  });
}
