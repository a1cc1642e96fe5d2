import type { ChallengeKind } from './challenge-rules.js';
import type { ChallengeStatus } from './gamification-repository.js';
import type { Tier } from './levels.js';
import type { StreakDomain } from './streak-rules.js';

export type { ChallengeStatus } from './gamification-repository.js';

/** A streak as the user sees it today. */
export interface StreakView {
  domain: StreakDomain;
  /** 0 once the streak has lapsed beyond its freezes (until the next log starts a new run). */
  currentDays: number;
  longestDays: number;
  /** Last local day (YYYY-MM-DD) that counted, or null. */
  lastDay: string | null;
  /** Freeze days left now, counting a monthly refill that is due. */
  freezesLeft: number;
  alive: boolean;
}

export interface AchievementView {
  id: string;
  name: string;
  description: string;
  xp: number;
  unlocked: boolean;
  /** ISO timestamp, null while locked. */
  awardedAt: string | null;
  /** How far along the user is; null for an achievement whose criteria are not understood. */
  progress: { current: number; target: number } | null;
}

export interface XpEventView {
  id: string;
  /** A logging action, or 'streak_milestone' / 'achievement' for bonuses. */
  action: string;
  xp: number;
  idempotencyKey: string;
  details: Record<string, unknown>;
  createdAt: string;
}

export interface ChallengeView {
  id: string;
  kind: ChallengeKind;
  title: string;
  target: number;
  progress: number;
  status: ChallengeStatus;
  /** Whether activities move it by themselves (every kind but custom). */
  automatic: boolean;
  startedAt: string;
  endsAt: string | null;
  completedAt: string | null;
  /** Active but past its end: it can no longer progress or complete. */
  ended: boolean;
}

export interface ProgressView {
  userId: string;
  totalXp: number;
  level: number;
  tier: Tier;
  xpIntoLevel: number;
  xpForNextLevel: number;
  levelStartXp: number;
  nextLevelAt: number;
  streaks: StreakView[];
  achievements: AchievementView[];
  recentXpEvents: XpEventView[];
}
