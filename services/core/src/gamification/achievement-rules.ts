import { z } from 'zod';
import { type StreakDomain, streakDomains } from './streak-rules.js';

/** The criteria JSON of the achievements table (seeded by migration). */
const criteriaSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('count'), action: z.string().min(1), count: z.number().int().positive() }),
  z.object({ type: z.literal('streak'), domain: z.enum(streakDomains), days: z.number().int().positive() }),
  z.object({ type: z.literal('level'), level: z.number().int().positive() }),
]);

export type AchievementCriteria = z.infer<typeof criteriaSchema>;

export interface AchievementDefinition {
  id: string;
  name: string;
  description: string;
  xp: number;
  /** null when the stored criteria are not understood: such an achievement is never awarded. */
  criteria: AchievementCriteria | null;
}

/** What a user has done, as far as achievements care. */
export interface AchievementFacts {
  /** Logged things per action (xp_events rows, one per source). */
  actionCounts: Readonly<Record<string, number>>;
  /** Longest run per streak domain: an achievement earned by a run stays earned. */
  longestStreaks: Readonly<Partial<Record<StreakDomain, number>>>;
  level: number;
}

export function parseCriteria(raw: unknown): AchievementCriteria | null {
  const parsed = criteriaSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** How far a user is towards an achievement (current is capped at the target). */
export function criteriaProgress(
  criteria: AchievementCriteria,
  facts: AchievementFacts,
): { current: number; target: number } {
  switch (criteria.type) {
    case 'count':
      return {
        current: Math.min(facts.actionCounts[criteria.action] ?? 0, criteria.count),
        target: criteria.count,
      };
    case 'streak':
      return {
        current: Math.min(facts.longestStreaks[criteria.domain] ?? 0, criteria.days),
        target: criteria.days,
      };
    case 'level':
      return { current: Math.min(facts.level, criteria.level), target: criteria.level };
  }
}

export function isAchieved(criteria: AchievementCriteria, facts: AchievementFacts): boolean {
  const { current, target } = criteriaProgress(criteria, facts);
  return current >= target;
}

/** Achievements the facts now satisfy that the user does not hold yet. */
export function newlyEarned(
  definitions: readonly AchievementDefinition[],
  held: ReadonlySet<string>,
  facts: AchievementFacts,
): AchievementDefinition[] {
  return definitions.filter(
    (definition) =>
      !held.has(definition.id) && definition.criteria !== null && isAchieved(definition.criteria, facts),
  );
}

/** Actions whose counts matter to the achievements not yet held (so only those are counted). */
export function countedActions(
  definitions: readonly AchievementDefinition[],
  held: ReadonlySet<string>,
): string[] {
  const actions = new Set<string>();
  for (const definition of definitions) {
    if (!held.has(definition.id) && definition.criteria?.type === 'count')
      actions.add(definition.criteria.action);
  }
  return [...actions].sort();
}
