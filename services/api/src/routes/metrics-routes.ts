import { metricKinds, metricLogInputSchema, type Services } from '@health-agent/core';
import { z } from 'zod';
import type { ApiRouter } from '../http/api-router.js';
import { activityOutcomeSchema, userIdParam } from './schemas.js';

const metricEntrySchema = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  kind: z.enum(metricKinds),
  value: z.number().describe('In the canonical unit: ml, kg, min, score, steps or dose'),
  unit: z.string(),
  note: z.string().nullable(),
  details: z
    .record(z.string(), z.unknown())
    .describe('Per kind: original input, sleep times, MET estimate, tags, ...'),
  recordedAt: z.date(),
  localDay: z.string().describe("The user's local day the entry counts for"),
  createdAt: z.date(),
});

const day = z.iso.date();
const daySpanQuery = z.strictObject({ from: day.optional(), to: day.optional() });

/** Water, weight, sleep, exercise, mood, steps and medication: log, list, delete, trend, daily totals. */
export function registerMetricsRoutes(api: ApiRouter, { healthMetrics }: Services): void {
  api.define({
    method: 'post',
    path: '/v1/users/:userId/metrics',
    summary:
      'Log a metric (kind: water, weight, sleep, exercise, mood, steps, medication); imperial units only when spelled out',
    tags: ['metrics'],
    params: userIdParam,
    body: metricLogInputSchema(),
    responses: {
      201: {
        description: 'The stored entry, XP earned, and notices (e.g. a default body weight used for kcal)',
        schema: z.object({
          entry: metricEntrySchema,
          activity: activityOutcomeSchema,
          notices: z.array(z.string()),
        }),
      },
    },
    handler: async ({ userId, body }) => ({ status: 201, body: await healthMetrics.log(userId, body) }),
  });

  api.define({
    method: 'get',
    path: '/v1/users/:userId/metrics',
    summary: 'List metric entries, newest first, optionally of one kind within [from, to)',
    tags: ['metrics'],
    params: userIdParam,
    query: z.strictObject({
      kind: z.enum(metricKinds).optional(),
      from: z.iso.datetime({ offset: true }).optional(),
      to: z.iso.datetime({ offset: true }).optional(),
      limit: z.coerce.number().int().min(1).max(1000).optional(),
    }),
    responses: { 200: { description: 'Entries', schema: z.object({ entries: z.array(metricEntrySchema) }) } },
    handler: async ({ userId, query }) => ({ body: { entries: await healthMetrics.list(userId, query) } }),
  });

  api.define({
    method: 'get',
    path: '/v1/users/:userId/metrics/weight/trend',
    summary: 'Daily weights with their 7-day moving average over local days from..to (default: the last 30)',
    tags: ['metrics'],
    params: userIdParam,
    query: daySpanQuery,
    responses: {
      200: {
        description: 'The trend and its change over the period',
        schema: z.object({
          from: day,
          to: day,
          points: z.array(
            z.object({ day, weightKg: z.number(), movingAverageKg: z.number(), daysInAverage: z.number() }),
          ),
          change: z.object({ movingAverageKg: z.number(), weightKg: z.number() }).nullable(),
        }),
      },
    },
    handler: async ({ userId, query }) => ({ body: await healthMetrics.weightTrend(userId, query) }),
  });

  api.define({
    method: 'get',
    path: '/v1/users/:userId/metrics/daily',
    summary:
      'Totals per local day from..to (default: today): water, steps, exercise, sleep, weight, mood, medication',
    tags: ['metrics'],
    params: userIdParam,
    query: daySpanQuery,
    responses: {
      200: {
        description: 'One row per day, zeros for empty days',
        schema: z.object({
          days: z.array(
            z.object({
              day,
              waterMl: z.number(),
              steps: z.number(),
              exerciseMinutes: z.number(),
              exerciseKcal: z.number(),
              sleepMinutes: z.number(),
              sleepQuality: z.number().nullable(),
              weightKg: z.number().nullable(),
              moodAverage: z.number().nullable(),
              medicationsTaken: z.number(),
            }),
          ),
        }),
      },
    },
    handler: async ({ userId, query }) => ({
      body: { days: await healthMetrics.dailyTotals(userId, query) },
    }),
  });

  api.define({
    method: 'delete',
    path: '/v1/users/:userId/metrics/:entryId',
    summary: 'Delete one of your metric entries',
    tags: ['metrics'],
    params: userIdParam.extend({ entryId: z.uuid() }),
    responses: { 204: { description: 'Deleted' } },
    handler: async ({ userId, params }) => {
      await healthMetrics.deleteEntry(userId, params.entryId);
      return { status: 204 };
    },
  });
}
