import { daysBetween } from '../time/local-day.js';
import type { ActivityAction } from './activity.js';

/** Streak domains, in the order their rows are locked (a fixed order keeps concurrent writers deadlock-free). */
export const streakDomains = ['nutrition', 'sleep', 'hydration', 'exercise', 'overall'] as const;
export type StreakDomain = (typeof streakDomains)[number];

const domainOfAction: Partial<Record<ActivityAction, StreakDomain>> = {
  food_logged: 'nutrition',
  sleep_logged: 'sleep',
  water_logged: 'hydration',
  exercise_logged: 'exercise',
};

/** Every action moves the overall streak; some also move their own domain's. */
export function streakDomainsFor(action: ActivityAction): StreakDomain[] {
  const own = domainOfAction[action];
  return streakDomains.filter((domain) => domain === 'overall' || domain === own);
}

/** Freeze days a streak holds, refilled at the start of each calendar month. */
export const maxFreezeDays = 2;

export interface StreakState {
  currentDays: number;
  longestDays: number;
  /** Last local day (YYYY-MM-DD) that counted; null before the first log. */
  lastDay: string | null;
  freezesLeft: number;
  freezesRefilledOn: string | null;
  /** First local day of the current run: milestone bonuses are paid once per run. */
  runStartedOn: string | null;
}

export const emptyStreak: StreakState = {
  currentDays: 0,
  longestDays: 0,
  lastDay: null,
  freezesLeft: maxFreezeDays,
  freezesRefilledOn: null,
  runStartedOn: null,
};

export type StreakChange =
  | 'started' // first day ever
  | 'extended' // the next day, or the next after freeze-covered missed days
  | 'restarted' // a gap longer than the freezes: back to 1, XP and longest kept
  | 'same_day'
  | 'backdated'; // earlier than the last counted day: never breaks a streak

export interface StreakAdvance {
  state: StreakState;
  change: StreakChange;
  freezesUsed: number;
}

function monthOf(day: string): string {
  return day.slice(0, 7);
}

/**
 * Freezes refill lazily: the first time a streak is touched in a calendar month
 * later than the last refill, it holds the full allowance again. The refill
 * happens before a gap is judged, so a gap across a month boundary is judged
 * with the new month's freezes.
 */
export function refillFreezes(state: StreakState, day: string): StreakState {
  if (state.freezesRefilledOn !== null && monthOf(day) <= monthOf(state.freezesRefilledOn)) return state;
  return { ...state, freezesLeft: maxFreezeDays, freezesRefilledOn: day };
}

/** Moves a streak to a newly logged local day. Pure: the caller persists the result. */
export function advanceStreak(previous: StreakState, day: string): StreakAdvance {
  if (previous.lastDay !== null && day < previous.lastDay) {
    return { state: previous, change: 'backdated', freezesUsed: 0 };
  }
  const state = refillFreezes(previous, day);
  if (state.lastDay === null) {
    return {
      state: {
        ...state,
        currentDays: 1,
        longestDays: Math.max(state.longestDays, 1),
        lastDay: day,
        runStartedOn: day,
      },
      change: 'started',
      freezesUsed: 0,
    };
  }
  if (day === state.lastDay) return { state, change: 'same_day', freezesUsed: 0 };
  const missedDays = daysBetween(state.lastDay, day) - 1;
  if (missedDays > state.freezesLeft) {
    return {
      state: { ...state, currentDays: 1, lastDay: day, runStartedOn: day },
      change: 'restarted',
      freezesUsed: 0,
    };
  }
  const currentDays = state.currentDays + 1;
  return {
    state: {
      ...state,
      currentDays,
      longestDays: Math.max(state.longestDays, currentDays),
      lastDay: day,
      freezesLeft: state.freezesLeft - missedDays,
    },
    change: 'extended',
    freezesUsed: missedDays,
  };
}

/** The milestone a change just reached, if any: a run reaches each length exactly once. */
export function milestoneReached<M extends { days: number }>(
  advance: StreakAdvance,
  milestones: readonly M[],
): M | null {
  if (advance.change === 'same_day' || advance.change === 'backdated') return null;
  return milestones.find((milestone) => milestone.days === advance.state.currentDays) ?? null;
}

/**
 * Whether a streak is still alive on `today` (the user's local day): today
 * itself is not missed yet, and missed days up to the freezes left (after a
 * pending monthly refill) are covered. A dead streak shows 0 until the next log.
 */
export function isStreakAlive(state: StreakState, today: string): boolean {
  if (state.lastDay === null) return false;
  const missedDays = daysBetween(state.lastDay, today) - 1;
  return missedDays <= refillFreezes(state, today).freezesLeft;
}
