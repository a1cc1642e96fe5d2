import type { Services } from '@health-agent/core';
import { z } from 'zod';
import type { ApiRouter } from '../http/api-router.js';
import { idParam, paging, userIdParam } from './schemas.js';

const userSchema = z.object({
  id: z.uuid(),
  telegramId: z.number().nullable(),
  displayName: z.string(),
  role: z.enum(['user', 'admin']),
  status: z.enum(['active', 'paused', 'blocked']),
  createdAt: z.date(),
});

const apiKeySchema = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  scope: z.enum(['user', 'admin']),
  createdAt: z.date(),
  lastUsedAt: z.date().nullable(),
  expiresAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
});

const inviteSchema = z.object({
  id: z.uuid(),
  maxUses: z.number(),
  usedCount: z.number(),
  expiresAt: z.date().nullable(),
  createdAt: z.date(),
  revokedAt: z.date().nullable(),
});

const futureDate = z.coerce.date().nullable().optional();

/** Users, API keys, invites and the Telegram allow-list. */
export function registerAccessRoutes(api: ApiRouter, { access }: Services): void {
  api.define({
    method: 'post',
    path: '/v1/users',
    summary: 'Create a user (admin)',
    tags: ['access'],
    auth: 'admin',
    body: z
      .object({
        displayName: z.string().trim().min(1).max(200),
        role: z.enum(['user', 'admin']).default('user'),
        telegramId: z.number().int().positive().optional(),
      })
      .strict(),
    responses: { 201: { description: 'The new user', schema: userSchema } },
    handler: async ({ body }) => ({ status: 201, body: await access.createUser(body) }),
  });

  api.define({
    method: 'get',
    path: '/v1/users',
    summary: 'List users (admin)',
    tags: ['access'],
    auth: 'admin',
    query: paging,
    responses: { 200: { description: 'Users', schema: z.object({ users: z.array(userSchema) }) } },
    handler: async ({ query }) => ({ body: { users: await access.listUsers(query) } }),
  });

  api.define({
    method: 'get',
    path: '/v1/users/:userId',
    summary: 'Get a user',
    tags: ['access'],
    params: userIdParam,
    responses: { 200: { description: 'The user', schema: userSchema } },
    handler: async ({ userId }) => ({ body: await access.getUser(userId) }),
  });

  api.define({
    method: 'post',
    path: '/v1/users/:userId/api-keys',
    summary: 'Issue an API key; the key is shown once',
    tags: ['access'],
    params: userIdParam,
    body: z
      .object({
        name: z.string().trim().max(100).optional(),
        scope: z.enum(['user', 'admin']).default('user'),
        expiresAt: futureDate,
      })
      .strict(),
    responses: {
      201: {
        description: 'The key and its metadata',
        schema: z.object({ key: z.string(), info: apiKeySchema }),
      },
    },
    handler: async ({ userId, body, actor }) => {
      // A user key cannot mint an admin key, even for an admin user.
      const scope = actor?.scope === 'admin' ? body.scope : 'user';
      return { status: 201, body: await access.createApiKey(userId, { ...body, scope }) };
    },
  });

  api.define({
    method: 'get',
    path: '/v1/users/:userId/api-keys',
    summary: 'List API keys (metadata only)',
    tags: ['access'],
    params: userIdParam,
    responses: { 200: { description: 'Keys', schema: z.object({ keys: z.array(apiKeySchema) }) } },
    handler: async ({ userId }) => ({ body: { keys: await access.listApiKeys(userId) } }),
  });

  api.define({
    method: 'delete',
    path: '/v1/users/:userId/api-keys/:keyId',
    summary: 'Revoke an API key',
    tags: ['access'],
    params: userIdParam.extend(idParam('keyId').shape),
    responses: { 204: { description: 'Revoked' } },
    handler: async ({ userId, params }) => {
      await access.revokeApiKey(userId, params.keyId);
      return { status: 204 };
    },
  });

  api.define({
    method: 'post',
    path: '/v1/admin/invites',
    summary: 'Create an invite code for Telegram users (admin)',
    tags: ['admin'],
    auth: 'admin',
    body: z
      .object({ maxUses: z.number().int().min(1).max(10_000).default(1), expiresAt: futureDate })
      .strict(),
    responses: {
      201: {
        description: 'The code, shown once',
        schema: z.object({ code: z.string(), invite: inviteSchema }),
      },
    },
    handler: async ({ body, actor }) => ({
      status: 201,
      body: await access.createInvite(actor?.userId ?? null, body),
    }),
  });

  api.define({
    method: 'get',
    path: '/v1/admin/invites',
    summary: 'List invites (admin)',
    tags: ['admin'],
    auth: 'admin',
    responses: { 200: { description: 'Invites', schema: z.object({ invites: z.array(inviteSchema) }) } },
    handler: async () => ({ body: { invites: await access.listInvites() } }),
  });

  api.define({
    method: 'delete',
    path: '/v1/admin/invites/:inviteId',
    summary: 'Revoke an invite (admin)',
    tags: ['admin'],
    auth: 'admin',
    params: idParam('inviteId'),
    responses: { 204: { description: 'Revoked' } },
    handler: async ({ params }) => {
      await access.revokeInvite(params.inviteId);
      return { status: 204 };
    },
  });

  const telegramIdParam = z.object({
    telegramId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  });

  api.define({
    method: 'put',
    path: '/v1/admin/allow-list/:telegramId',
    summary: 'Allow a Telegram user in (admin)',
    tags: ['admin'],
    auth: 'admin',
    params: telegramIdParam,
    body: z.object({ note: z.string().max(500).default('') }).strict(),
    responses: { 204: { description: 'Allowed' } },
    handler: async ({ params, body, actor }) => {
      await access.allowTelegramId(params.telegramId, body.note, actor?.userId ?? null);
      return { status: 204 };
    },
  });

  api.define({
    method: 'delete',
    path: '/v1/admin/allow-list/:telegramId',
    summary: 'Remove a Telegram user from the allow-list (admin)',
    tags: ['admin'],
    auth: 'admin',
    params: telegramIdParam,
    responses: { 204: { description: 'Removed' } },
    handler: async ({ params }) => {
      await access.disallowTelegramId(params.telegramId);
      return { status: 204 };
    },
  });

  api.define({
    method: 'get',
    path: '/v1/admin/allow-list',
    summary: 'List allowed Telegram users (admin)',
    tags: ['admin'],
    auth: 'admin',
    responses: {
      200: {
        description: 'Allowed ids',
        schema: z.object({
          entries: z.array(z.object({ telegramId: z.number(), note: z.string(), createdAt: z.date() })),
        }),
      },
    },
    handler: async () => ({ body: { entries: await access.listAllowedTelegramIds() } }),
  });
}
