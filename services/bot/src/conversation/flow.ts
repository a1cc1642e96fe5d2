/**
 * Multi-step conversations kept in the chat's session. Every flow has an id that its
 * buttons carry, so a button from an earlier or cancelled flow is recognised as stale.
 */
export type OnboardingStep =
  | 'name'
  | 'timezone'
  | 'units'
  | 'goals'
  | 'sex'
  | 'birth_date'
  | 'height'
  | 'weight'
  | 'activity'
  | 'rate';

export interface OnboardingFlow {
  kind: 'onboarding';
  id: string;
  step: OnboardingStep;
  /** A zone guessed from a shared location, waiting for the user's yes. */
  proposedTimezone?: string;
  /** Kept only until the goals are computed. */
  weightKg?: number;
}

export interface SettingsFlow {
  kind: 'settings';
  id: string;
  step: 'timezone' | 'quiet_hours';
  proposedTimezone?: string;
}

/** After Correct on a food draft: the next text is the change to that draft. */
export interface FoodCorrectionFlow {
  kind: 'food_correction';
  id: string;
  entryId: string;
  /** The draft message whose buttons were pressed, retired once the change is made. */
  draftMessageId?: number;
}

/** /delete: first the button, then the typed confirmation word. */
export interface DataDeletionFlow {
  kind: 'data_deletion';
  id: string;
  step: 'button' | 'typed_word';
  /** Epoch ms after which the request is void and /delete must start again. */
  expiresAt: number;
}

/** /sleep without arguments: a duration button, then a quality button. */
export interface SleepQuizFlow {
  kind: 'sleep_quiz';
  id: string;
  /** Set once the duration is chosen; the quality is asked next. */
  durationMinutes?: number;
}

/** /track: a new tracker waiting for its fields, or an entry waiting for a rating button. */
export type TrackerFlow =
  | { kind: 'tracker'; id: string; step: 'fields'; name: string }
  | { kind: 'tracker'; id: string; step: 'rating'; trackerId: string; fieldKey: string };

export type Flow =
  | OnboardingFlow
  | SettingsFlow
  | FoodCorrectionFlow
  | DataDeletionFlow
  | SleepQuizFlow
  | TrackerFlow;

/** Short random ids for flows; injected so tests can predict them. */
export type FlowIds = () => string;
