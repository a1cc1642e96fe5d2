import {
  createTrackerInputSchema,
  type Services,
  trackerEntryBodySchema,
  trackerFieldSchema,
  updateTrackerInputSchema,
} from '@health-agent/core';
import { z } from 'zod';
import type { ApiRouter } from '../http/api-router.js';
import { activityOutcomeSchema, userIdParam } from './schemas.js';

const trackerSchema = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  name: z.string(),
  description: z.string(),
  fields: z.array(trackerFieldSchema),
  archivedAt: z.date().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

const trackerEntrySchema = z.object({
  id: z.uuid(),
  trackerId: z.uuid(),
  userId: z.uuid(),
  values: z.record(z.string(), z.union([z.number(), z.boolean(), z.string(), z.array(z.string())])),
  note: z.string().nullable(),
  recordedAt: z.date(),
  createdAt: z.date(),
});

const trackerParams = userIdParam.extend({ trackerId: z.uuid() });

/** Custom trackers with typed fields, and their entries. */
export function registerTrackersRoutes(api: ApiRouter, { trackers }: Services): void {
  api.define({
    method: 'post',
    path: '/v1/users/:userId/trackers',
    summary:
      'Create a tracker with typed fields (number, rating, boolean, text, duration, single/multi select)',
    tags: ['trackers'],
    params: userIdParam,
    body: createTrackerInputSchema,
    responses: {
      201: {
        description: 'The tracker and the XP earned',
        schema: z.object({ tracker: trackerSchema, activity: activityOutcomeSchema }),
      },
      409: { description: 'The name is taken, or too many active trackers' },
    },
    handler: async ({ userId, body }) => ({ status: 201, body: await trackers.createTracker(userId, body) }),
  });

  api.define({
    method: 'get',
    path: '/v1/users/:userId/trackers',
    summary: 'List trackers; archived ones only with includeArchived=true',
    tags: ['trackers'],
    params: userIdParam,
    query: z.strictObject({
      includeArchived: z
        .enum(['true', 'false'])
        .optional()
        .transform((value) => value === 'true'),
    }),
    responses: { 200: { description: 'Trackers', schema: z.object({ trackers: z.array(trackerSchema) }) } },
    handler: async ({ userId, query }) => ({
      body: { trackers: await trackers.listTrackers(userId, query) },
    }),
  });

  api.define({
    method: 'get',
    path: '/v1/users/:userId/trackers/:trackerId',
    summary: 'Get a tracker',
    tags: ['trackers'],
    params: trackerParams,
    responses: { 200: { description: 'The tracker', schema: trackerSchema } },
    handler: async ({ userId, params }) => ({ body: await trackers.getTracker(userId, params.trackerId) }),
  });

  api.define({
    method: 'patch',
    path: '/v1/users/:userId/trackers/:trackerId',
    summary: 'Rename a tracker or change its description (its fields never change)',
    tags: ['trackers'],
    params: trackerParams,
    body: updateTrackerInputSchema,
    responses: {
      200: { description: 'The tracker', schema: trackerSchema },
      409: { description: 'The name is taken' },
    },
    handler: async ({ userId, params, body }) => ({
      body: await trackers.updateTracker(userId, params.trackerId, body),
    }),
  });

  api.define({
    method: 'post',
    path: '/v1/users/:userId/trackers/:trackerId/archive',
    summary: 'Archive a tracker: hidden, takes no new entries, keeps its entries',
    tags: ['trackers'],
    params: trackerParams,
    responses: { 200: { description: 'The archived tracker', schema: trackerSchema } },
    handler: async ({ userId, params }) => ({
      body: await trackers.archiveTracker(userId, params.trackerId),
    }),
  });

  api.define({
    method: 'post',
    path: '/v1/users/:userId/trackers/:trackerId/entries',
    summary:
      "Log an entry; values are checked against the tracker's fields and errors name the failing field",
    tags: ['trackers'],
    params: trackerParams,
    body: trackerEntryBodySchema,
    responses: {
      201: {
        description: 'The entry and the XP earned',
        schema: z.object({ entry: trackerEntrySchema, activity: activityOutcomeSchema }),
      },
      409: { description: 'The tracker is archived' },
    },
    handler: async ({ userId, params, body }) => ({
      status: 201,
      body: await trackers.logEntry(userId, params.trackerId, body),
    }),
  });

  api.define({
    method: 'get',
    path: '/v1/users/:userId/trackers/:trackerId/entries',
    summary: "List a tracker's entries, newest first, within [from, to)",
    tags: ['trackers'],
    params: trackerParams,
    query: z.strictObject({
      from: z.iso.datetime({ offset: true }).optional(),
      to: z.iso.datetime({ offset: true }).optional(),
      limit: z.coerce.number().int().min(1).max(1000).optional(),
    }),
    responses: {
      200: { description: 'Entries', schema: z.object({ entries: z.array(trackerEntrySchema) }) },
    },
    handler: async ({ userId, params, query }) => ({
      body: { entries: await trackers.listEntries(userId, params.trackerId, query) },
    }),
  });

  api.define({
    method: 'delete',
    path: '/v1/users/:userId/trackers/:trackerId/entries/:entryId',
    summary: 'Delete an entry of a tracker',
    tags: ['trackers'],
    params: trackerParams.extend({ entryId: z.uuid() }),
    responses: { 204: { description: 'Deleted' } },
    handler: async ({ userId, params }) => {
      await trackers.deleteEntry(userId, params.trackerId, params.entryId);
      return { status: 204 };
    },
  });
}
