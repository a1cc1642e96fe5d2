export const reminderKinds = ['daily', 'weekly', 'once'] as const;
export type ReminderKind = (typeof reminderKinds)[number];

/** What must have been logged within the window for a reminder to be skipped. */
export const reminderConditions = ['meal_logged', 'water_logged', 'weight_logged', 'sleep_logged'] as const;
export type ReminderCondition = (typeof reminderConditions)[number];

export const reminderEventActions = [
  'sent',
  'done',
  'skipped',
  'snoozed',
  'condition_met',
  'failed',
] as const;
export type ReminderEventAction = (typeof reminderEventActions)[number];

/** paused_reason of a one-time reminder that has fired: it is finished, not switched off by the user. */
export const completedPauseReason = 'completed';

/** When a reminder fires, independent of who owns it. */
export interface ReminderSchedule {
  kind: ReminderKind;
  /** Local wall-clock time "HH:MM" (daily, weekly). */
  timeOfDay: string | null;
  /** ISO weekdays, 1 = Monday ... 7 = Sunday (daily: any subset; weekly: exactly one). */
  weekdays: number[];
  /** The instant of a one-time reminder. */
  runAt: Date | null;
}

export interface Reminder extends ReminderSchedule {
  id: string;
  userId: string;
  message: string;
  condition: ReminderCondition | null;
  conditionWindowMinutes: number | null;
  enabled: boolean;
  pausedReason: string | null;
  nextRunAt: Date | null;
  lastSentAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The profile fields the dispatcher needs to deliver a reminder at the right local time. */
export interface DeliveryProfile {
  timezone: string;
  quietHoursStart: number | null;
  quietHoursEnd: number | null;
}

/** A due reminder handed to exactly one dispatcher, with the occurrence it is due for. */
export interface ClaimedReminder extends Reminder {
  scheduledFor: Date;
  claimedBy: string;
  claimedUntil: Date;
  delivery: DeliveryProfile & { telegramId: string | null };
}

export interface ReminderEvent {
  id: string;
  reminderId: string;
  userId: string;
  action: ReminderEventAction;
  scheduledFor: Date;
  reason: string | null;
  snoozeMinutes: number | null;
  createdAt: Date;
}

export interface ReminderStatsFigures {
  sent: number;
  done: number;
  skipped: number;
  snoozed: number;
  conditionMet: number;
  /** done / answerable occurrences (a snoozed occurrence is carried by its re-fire); null when none. */
  completionRate: number | null;
  /** Mean minutes from sending to done or skip; null when nothing was answered. */
  averageResponseMinutes: number | null;
}

export interface ReminderStats {
  period: { from: Date; to: Date };
  overall: ReminderStatsFigures;
  reminders: Array<{ reminderId: string; message: string } & ReminderStatsFigures>;
}
