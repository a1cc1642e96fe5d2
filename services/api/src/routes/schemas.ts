import { z } from 'zod';

/** Shared pieces of route schemas. */
export const userIdParam = z.object({
  userId: z.union([z.literal('me'), z.uuid()]).describe('A user id, or `me` for the caller'),
});

export function idParam<K extends string>(name: K) {
  return z.object({ [name]: z.uuid({ message: `${name} must be a UUID` }) } as Record<K, z.ZodUUID>);
}

export const paging = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const okSchema = z.object({ ok: z.literal(true) });

/** What logging something earned: XP, level, achievements and streak milestones. */
export const activityOutcomeSchema = z.object({
  xpAwarded: z.number(),
  totalXp: z.number(),
  level: z.number(),
  leveledUp: z.boolean(),
  achievementsUnlocked: z.array(z.string()),
  streakMilestones: z.array(z.object({ domain: z.string(), days: z.number(), bonusXp: z.number() })),
});
