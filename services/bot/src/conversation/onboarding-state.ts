import type { ProfileView } from '@health-agent/core';

/** Whether the user finished /start once; kept in the profile's preferences. */
export function isOnboarded(profile: ProfileView): boolean {
  return typeof profile.preferences.onboardedAt === 'string';
}

/** The preferences patch that records the end of onboarding, keeping the other preferences. */
export function onboardedPreferences(profile: ProfileView, now: Date): Record<string, unknown> {
  return { ...profile.preferences, onboardedAt: now.toISOString() };
}
