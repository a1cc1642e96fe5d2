import { DateTime } from 'luxon';
import { resolveLocalTime } from './reminder-schedule.js';
import type { DeliveryProfile } from './reminder-types.js';

/**
 * Whether `now` falls in the user's quiet hours: local hours [start, end),
 * wrapping midnight when start > end (22 -> 7 is 22:00-06:59). Equal or
 * missing bounds mean no quiet hours.
 *
 * Rule for the dispatcher: a reminder that comes due in quiet hours is not
 * sent then; it is deferred to the end of quiet hours (quietHoursEnd) and sent
 * once at that time, after which its regular schedule continues.
 */
export function isQuietHour(now: Date, profile: DeliveryProfile): boolean {
  const { quietHoursStart: start, quietHoursEnd: end } = profile;
  if (start === null || end === null || start === end) return false;
  const hour = DateTime.fromJSDate(now, { zone: profile.timezone }).hour;
  return start < end ? hour >= start && hour < end : hour >= start || hour < end;
}

/** When the quiet hours around `now` end (the next local end:00), or null when `now` is not quiet. */
export function quietHoursEnd(now: Date, profile: DeliveryProfile): Date | null {
  if (!isQuietHour(now, profile)) return null;
  const endHour = profile.quietHoursEnd as number;
  const local = DateTime.fromJSDate(now, { zone: profile.timezone });
  const endOn = (day: DateTime): Date =>
    resolveLocalTime({ year: day.year, month: day.month, day: day.day }, endHour, 0, profile.timezone);
  const today = endOn(local);
  return today.getTime() > now.getTime() ? today : endOn(local.plus({ days: 1 }));
}
