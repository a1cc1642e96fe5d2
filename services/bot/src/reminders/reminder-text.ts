import type { Reminder, ReminderSchedule } from '@health-agent/core';
import { InlineKeyboard } from 'grammy';
import type { Language, Translate } from '../i18n/translator.js';
import { answerData } from './reminder-callback-data.js';

/** How long a snooze button puts a reminder off. */
export const SNOOZE_MINUTES = 30;

/** A Monday, to name weekdays through Intl in any language. */
const MONDAY_UTC = Date.UTC(2024, 0, 1);

export function weekdayName(day: number, language: Language): string {
  return new Intl.DateTimeFormat(language, { weekday: 'short', timeZone: 'UTC' }).format(
    new Date(MONDAY_UTC + (day - 1) * 86_400_000),
  );
}

/** "Mon–Fri", "Mon, Wed, Fri", "Sat, Sun": runs of three days or more become a range. */
export function weekdaysText(days: readonly number[], language: Language): string {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && (sorted[j + 1] as number) === (sorted[j] as number) + 1) j += 1;
    const first = sorted[i] as number;
    const last = sorted[j] as number;
    if (j - i >= 2) parts.push(`${weekdayName(first, language)}–${weekdayName(last, language)}`);
    else for (let k = i; k <= j; k += 1) parts.push(weekdayName(sorted[k] as number, language));
    i = j + 1;
  }
  return parts.join(', ');
}

/** The wall time of an instant in a zone, like 08:00. */
export function clockTime(instant: Date, zone: string, language: Language): string {
  return new Intl.DateTimeFormat(language, {
    timeZone: zone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
}

/** An instant as a person reads it in their zone, like "Mon, Mar 2, 08:00". */
export function localMoment(instant: Date, zone: string, language: Language, withYear = false): string {
  return new Intl.DateTimeFormat(language, {
    timeZone: zone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    ...(withYear ? { year: 'numeric' } : {}),
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
}

/** When a reminder fires, in words: "every day at 08:00", "Mon–Fri at 08:00", "once on ...". */
export function scheduleText(
  schedule: ReminderSchedule,
  zone: string,
  t: Translate,
  language: Language,
): string {
  const time = schedule.timeOfDay ?? '';
  if (schedule.kind === 'once') {
    return t('reminders.scheduleOnce', {
      date: schedule.runAt ? localMoment(schedule.runAt, zone, language, true) : '?',
    });
  }
  if (schedule.kind === 'weekly') {
    return t('reminders.scheduleWeekly', { day: weekdayName(schedule.weekdays[0] ?? 1, language), time });
  }
  if (schedule.weekdays.length === 7) return t('reminders.scheduleDaily', { time });
  return t('reminders.scheduleDays', { days: weekdaysText(schedule.weekdays, language), time });
}

/** The Done / Skip / Snooze buttons of one sent occurrence. */
export function answerKeyboard(reminderId: string, scheduledFor: Date, t: Translate): InlineKeyboard {
  return new InlineKeyboard()
    .text(t('reminders.doneButton'), answerData('done', reminderId, scheduledFor))
    .text(t('reminders.skipButton'), answerData('skip', reminderId, scheduledFor))
    .row()
    .text(
      t('reminders.snoozeButton', { minutes: SNOOZE_MINUTES }),
      answerData('snooze', reminderId, scheduledFor),
    );
}

/**
 * The text of a reminder as it is delivered. A late one (sent well after its time, e.g. a
 * one-time reminder after an outage) says when it was due, so nobody acts on a stale time.
 */
export function reminderText(
  reminder: Pick<Reminder, 'message'>,
  options: { scheduledFor: Date; late: boolean; zone: string; t: Translate; language: Language },
): string {
  if (!options.late) return options.t('reminders.due', { message: reminder.message });
  return options.t('reminders.dueLate', {
    message: reminder.message,
    when: localMoment(options.scheduledFor, options.zone, options.language),
  });
}
