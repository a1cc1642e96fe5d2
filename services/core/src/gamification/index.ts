export {
  type AchievementCriteria,
  type AchievementDefinition,
  type AchievementFacts,
  criteriaProgress,
  parseCriteria,
} from './achievement-rules.js';
export * from './activity.js';
export { type ChallengeKind, challengeKinds, maxChallengeAmount } from './challenge-rules.js';
export {
  type ChallengeListQuery,
  type ChallengeProgressInput,
  challengeListQuerySchema,
  challengeProgressSchema,
  type StartChallengeInput,
  startChallengeSchema,
  type XpEventsQuery,
  xpEventsQuerySchema,
} from './gamification-schemas.js';
export {
  createGamificationService,
  type GamificationService,
  type GamificationServiceDeps,
} from './gamification-service.js';
export type {
  AchievementView,
  ChallengeStatus,
  ChallengeView,
  ProgressView,
  StreakView,
  XpEventView,
} from './gamification-types.js';
export { type LevelInfo, levelForXp, type Tier, tiers, xpForLevel } from './levels.js';
export { maxFreezeDays, type StreakDomain, streakDomains } from './streak-rules.js';
export { defaultXpTable, type XpTable, xpForActivity } from './xp-table.js';
