import {
  challengeKinds,
  challengeListQuerySchema,
  challengeProgressSchema,
  type Services,
  startChallengeSchema,
  streakDomains,
  tiers,
  xpEventsQuerySchema,
} from '@health-agent/core';
import { z } from 'zod';
import type { ApiRouter } from '../http/api-router.js';
import { userIdParam } from './schemas.js';

const streakSchema = z.object({
  domain: z.enum(streakDomains),
  currentDays: z.number().int().describe('0 once the streak lapsed beyond its freeze days'),
  longestDays: z.number().int(),
  lastDay: z.iso.date().nullable().describe("Last counted day in the user's own time zone"),
  freezesLeft: z.number().int().describe('Missed days still covered automatically this month'),
  alive: z.boolean(),
});

const achievementSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  xp: z.number().int(),
  unlocked: z.boolean(),
  awardedAt: z.iso.datetime().nullable(),
  progress: z.object({ current: z.number(), target: z.number() }).nullable(),
});

const xpEventSchema = z.object({
  id: z.uuid(),
  action: z.string().describe("A logging action, or 'streak_milestone' / 'achievement'"),
  xp: z.number().int(),
  idempotencyKey: z.string(),
  details: z.record(z.string(), z.unknown()),
  createdAt: z.iso.datetime(),
});

const challengeSchema = z.object({
  id: z.uuid(),
  kind: z.enum(challengeKinds),
  title: z.string(),
  target: z.number(),
  progress: z.number(),
  status: z.enum(['active', 'completed', 'abandoned']),
  automatic: z.boolean().describe('Moved by logs by itself (every kind but custom)'),
  startedAt: z.iso.datetime(),
  endsAt: z.iso.datetime().nullable(),
  completedAt: z.iso.datetime().nullable(),
  ended: z.boolean().describe('Active but past its end: it can no longer progress'),
});

const progressSchema = z.object({
  userId: z.uuid(),
  totalXp: z.number().int(),
  level: z.number().int(),
  tier: z.enum(tiers),
  xpIntoLevel: z.number().int(),
  xpForNextLevel: z.number().int().describe('XP the current level spans'),
  levelStartXp: z.number().int(),
  nextLevelAt: z.number().int().describe('Total XP at which the next level begins'),
  streaks: z.array(streakSchema),
  achievements: z.array(achievementSchema),
  recentXpEvents: z.array(xpEventSchema),
});

const challengeParams = userIdParam.extend({
  challengeId: z.uuid({ message: 'challengeId must be a UUID' }),
});

/** XP, levels, streaks, achievements and challenges. */
export function registerGamificationRoutes(api: ApiRouter, { gamification }: Services): void {
  const tags = ['gamification'];

  api.define({
    method: 'get',
    path: '/v1/users/:userId/progress',
    summary: 'XP, level and tier, streaks, achievements and recent XP events',
    tags,
    params: userIdParam,
    responses: { 200: { description: 'The progress', schema: progressSchema } },
    handler: async ({ userId }) => ({ body: await gamification.getProgress(userId) }),
  });

  api.define({
    method: 'get',
    path: '/v1/users/:userId/streaks',
    summary: "Streaks per domain, counted in the user's local days",
    tags,
    params: userIdParam,
    responses: { 200: { description: 'One streak per domain', schema: z.array(streakSchema) } },
    handler: async ({ userId }) => ({ body: await gamification.listStreaks(userId) }),
  });

  api.define({
    method: 'get',
    path: '/v1/users/:userId/achievements',
    summary: 'Every achievement, unlocked (with when) or locked (with progress)',
    tags,
    params: userIdParam,
    responses: { 200: { description: 'The achievements', schema: z.array(achievementSchema) } },
    handler: async ({ userId }) => ({ body: await gamification.listAchievements(userId) }),
  });

  api.define({
    method: 'get',
    path: '/v1/users/:userId/xp-events',
    summary: 'XP events, newest first',
    tags,
    params: userIdParam,
    query: xpEventsQuerySchema,
    responses: { 200: { description: 'The XP events', schema: z.array(xpEventSchema) } },
    handler: async ({ userId, query }) => ({ body: await gamification.listXpEvents(userId, query) }),
  });

  api.define({
    method: 'get',
    path: '/v1/users/:userId/challenges',
    summary: 'Challenges, newest first',
    tags,
    params: userIdParam,
    query: challengeListQuerySchema,
    responses: { 200: { description: 'The challenges', schema: z.array(challengeSchema) } },
    handler: async ({ userId, query }) => ({ body: await gamification.listChallenges(userId, query) }),
  });

  api.define({
    method: 'post',
    path: '/v1/users/:userId/challenges',
    summary: 'Start a challenge; all kinds but custom progress from logs by themselves',
    tags,
    params: userIdParam,
    body: startChallengeSchema,
    responses: {
      201: { description: 'The new challenge', schema: challengeSchema },
      409: { description: 'Too many open challenges' },
    },
    handler: async ({ userId, body }) => ({
      status: 201,
      body: await gamification.startChallenge(userId, body),
    }),
  });

  api.define({
    method: 'get',
    path: '/v1/users/:userId/challenges/:challengeId',
    summary: 'Read a challenge',
    tags,
    params: challengeParams,
    responses: { 200: { description: 'The challenge', schema: challengeSchema } },
    handler: async ({ userId, params }) => ({
      body: await gamification.getChallenge(userId, params.challengeId),
    }),
  });

  api.define({
    method: 'post',
    path: '/v1/users/:userId/challenges/:challengeId/progress',
    summary: 'Add progress to a custom challenge; reaching the target completes it',
    tags,
    params: challengeParams,
    body: challengeProgressSchema,
    responses: {
      200: { description: 'The challenge', schema: challengeSchema },
      409: { description: 'Not a custom challenge, or no longer open' },
    },
    handler: async ({ userId, params, body }) => ({
      body: await gamification.addChallengeProgress(userId, params.challengeId, body),
    }),
  });

  api.define({
    method: 'post',
    path: '/v1/users/:userId/challenges/:challengeId/complete',
    summary: 'Declare a custom challenge done (pays the completion XP once)',
    tags,
    params: challengeParams,
    responses: {
      200: { description: 'The completed challenge', schema: challengeSchema },
      409: { description: 'Not a custom challenge, or no longer open' },
    },
    handler: async ({ userId, params }) => ({
      body: await gamification.completeChallenge(userId, params.challengeId),
    }),
  });

  api.define({
    method: 'post',
    path: '/v1/users/:userId/challenges/:challengeId/abandon',
    summary: 'Abandon an active challenge',
    tags,
    params: challengeParams,
    responses: {
      200: { description: 'The abandoned challenge', schema: challengeSchema },
      409: { description: 'Already completed or abandoned' },
    },
    handler: async ({ userId, params }) => ({
      body: await gamification.abandonChallenge(userId, params.challengeId),
    }),
  });
}
