import { memoryCategories, memorySources, messageRoles, type Services } from '@health-agent/core';
import { z } from 'zod';
import type { ApiRouter } from '../http/api-router.js';
import { idParam, userIdParam } from './schemas.js';

const memorySchema = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  category: z.enum(memoryCategories),
  content: z.string(),
  source: z.enum(memorySources),
  createdAt: z.date(),
  updatedAt: z.date(),
});

const messageSchema = z.object({
  id: z.number().int(),
  userId: z.uuid(),
  role: z.enum(messageRoles),
  content: z.string(),
  createdAt: z.date(),
});

const deletedSchema = z.object({ deleted: z.number().int().describe('How many were removed') });
const category = z.enum(memoryCategories);

/** Categorised facts about the user (add, list, search, forget) and the conversation history. */
export function registerMemoryRoutes(api: ApiRouter, { memory }: Services): void {
  api.define({
    method: 'get',
    path: '/v1/users/:userId/memories',
    summary: 'List remembered facts, newest first, optionally of one category',
    tags: ['memory'],
    params: userIdParam,
    query: z.strictObject({
      category: category.optional(),
      limit: z.coerce.number().int().min(1).max(200).default(50),
      offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
    }),
    responses: {
      200: {
        description: 'A page of facts',
        schema: z.object({
          items: z.array(memorySchema),
          total: z.number().int(),
          limit: z.number().int(),
          offset: z.number().int(),
        }),
      },
    },
    handler: async ({ userId, query }) => ({ body: await memory.listFacts(userId, query) }),
  });

  api.define({
    method: 'get',
    path: '/v1/users/:userId/memories/search',
    summary: 'Full-text search of facts: any of the words, best match first',
    tags: ['memory'],
    params: userIdParam,
    query: z.strictObject({
      q: z.string().min(1).max(2000),
      category: category.optional(),
      limit: z.coerce.number().int().min(1).max(100).default(20),
    }),
    responses: { 200: { description: 'Matching facts', schema: z.object({ items: z.array(memorySchema) }) } },
    handler: async ({ userId, query }) => {
      const { q, ...options } = query;
      return { body: { items: await memory.searchFacts(userId, q, options) } };
    },
  });

  api.define({
    method: 'get',
    path: '/v1/users/:userId/memories/relevant',
    summary: 'The facts most relevant to a message (the most recent ones when none match)',
    tags: ['memory'],
    params: userIdParam,
    query: z.strictObject({
      message: z.string().max(20_000),
      limit: z.coerce.number().int().min(1).max(100).default(10),
    }),
    responses: { 200: { description: 'Relevant facts', schema: z.object({ items: z.array(memorySchema) }) } },
    handler: async ({ userId, query }) => ({
      body: { items: await memory.relevantFacts(userId, query.message, query.limit) },
    }),
  });

  api.define({
    method: 'post',
    path: '/v1/users/:userId/memories',
    summary: 'Remember a fact; the same fact in the same category is stored once',
    tags: ['memory'],
    params: userIdParam,
    body: z.strictObject({
      category,
      content: z.string().min(1).max(8000).describe('At most 2000 characters after whitespace is tidied'),
      source: z.enum(memorySources).default('api'),
    }),
    responses: {
      201: { description: 'Stored', schema: z.object({ memory: memorySchema, created: z.literal(true) }) },
      200: {
        description: 'Already remembered: the stored fact',
        schema: z.object({ memory: memorySchema, created: z.literal(false) }),
      },
    },
    handler: async ({ userId, body }) => {
      const result = await memory.addFact(userId, body);
      return { status: result.created ? 201 : 200, body: result };
    },
  });

  api.define({
    method: 'delete',
    path: '/v1/users/:userId/memories/:memoryId',
    summary: 'Forget one fact',
    tags: ['memory'],
    params: userIdParam.extend(idParam('memoryId').shape),
    responses: { 204: { description: 'Forgotten' } },
    handler: async ({ userId, params }) => {
      await memory.forgetFact(userId, params.memoryId);
      return { status: 204 };
    },
  });

  api.define({
    method: 'delete',
    path: '/v1/users/:userId/memories',
    summary: 'Forget every fact',
    tags: ['memory'],
    params: userIdParam,
    responses: { 200: { description: 'How many facts were forgotten', schema: deletedSchema } },
    handler: async ({ userId }) => ({ body: { deleted: await memory.forgetAllFacts(userId) } }),
  });

  api.define({
    method: 'get',
    path: '/v1/users/:userId/messages',
    summary: 'The newest conversation messages, oldest first',
    tags: ['memory'],
    params: userIdParam,
    query: z.strictObject({ limit: z.coerce.number().int().min(1).max(1000).default(20) }),
    responses: { 200: { description: 'Messages', schema: z.object({ items: z.array(messageSchema) }) } },
    handler: async ({ userId, query }) => ({
      body: { items: await memory.recentMessages(userId, query.limit) },
    }),
  });

  api.define({
    method: 'post',
    path: '/v1/users/:userId/messages',
    summary: "Append a message to the conversation; the user's oldest beyond the cap are pruned",
    tags: ['memory'],
    params: userIdParam,
    body: z.strictObject({ role: z.enum(messageRoles), content: z.string().max(40_000) }),
    responses: {
      201: {
        description: 'Stored, and how many old messages were pruned',
        schema: z.object({ message: messageSchema, pruned: z.number().int() }),
      },
    },
    handler: async ({ userId, body }) => ({ status: 201, body: await memory.appendMessage(userId, body) }),
  });

  api.define({
    method: 'delete',
    path: '/v1/users/:userId/messages',
    summary: 'Clear the conversation history',
    tags: ['memory'],
    params: userIdParam,
    responses: { 200: { description: 'How many messages were removed', schema: deletedSchema } },
    handler: async ({ userId }) => ({ body: { deleted: await memory.clearMessages(userId) } }),
  });
}
