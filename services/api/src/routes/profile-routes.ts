import { goalRequestSchema, profilePatchSchema, type Services } from '@health-agent/core';
import { z } from 'zod';
import type { ApiRouter } from '../http/api-router.js';
import { userIdParam } from './schemas.js';

const profileSchema = z
  .object({
    userId: z.uuid(),
    timezone: z.string(),
    units: z.enum(['metric', 'imperial']),
    dayStartHour: z.number(),
    dailyKcalGoal: z.number().nullable(),
    display: z.object({ height: z.string().nullable(), goalWeight: z.string().nullable() }),
  })
  .catchall(z.unknown());

const goalsSchema = z.object({
  bmrKcal: z.number(),
  maintenanceKcal: z.number(),
  dailyKcal: z.number(),
  proteinG: z.number(),
  fatG: z.number(),
  carbsG: z.number(),
  waterMl: z.number(),
});

/** Profile (timezone, units, day start, body data, preferences) and energy goals. */
export function registerProfileRoutes(api: ApiRouter, { profiles }: Services): void {
  api.define({
    method: 'get',
    path: '/v1/users/:userId/profile',
    summary: 'Read the profile',
    tags: ['profile'],
    params: userIdParam,
    responses: { 200: { description: 'The profile', schema: profileSchema } },
    handler: async ({ userId }) => ({ body: await profiles.getProfile(userId) }),
  });

  api.define({
    method: 'patch',
    path: '/v1/users/:userId/profile',
    summary: 'Change profile fields',
    tags: ['profile'],
    params: userIdParam,
    body: profilePatchSchema,
    responses: { 200: { description: 'The updated profile', schema: profileSchema } },
    handler: async ({ userId, body }) => ({ body: await profiles.updateProfile(userId, body) }),
  });

  api.define({
    method: 'put',
    path: '/v1/users/:userId/goals',
    summary: 'Set daily goals from body data and a weekly rate; unsafe plans are refused with the reason',
    tags: ['profile'],
    params: userIdParam,
    body: goalRequestSchema,
    responses: {
      200: {
        description: 'Goals and the profile',
        schema: z.object({ profile: profileSchema, goals: goalsSchema }),
      },
    },
    handler: async ({ userId, body }) => ({ body: await profiles.setGoals(userId, body) }),
  });
}
