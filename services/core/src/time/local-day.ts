import { DateTime, IANAZone } from 'luxon';

/** How a user's day is cut: their IANA zone and the local hour their day starts at. */
export interface DaySettings {
  timezone: string;
  dayStartHour: number;
}

export function isValidTimezone(timezone: string): boolean {
  return IANAZone.isValidZone(timezone);
}

/**
 * The user's local day (YYYY-MM-DD) an instant belongs to. With dayStartHour 4,
 * a snack at 02:00 local still counts for the day before.
 */
export function localDayOf(instant: Date, settings: DaySettings): string {
  return DateTime.fromJSDate(instant, { zone: settings.timezone })
    .minus({ hours: settings.dayStartHour })
    .toISODate() as string;
}

/** The UTC instants [start, end) of a local day, correct on DST days (23 or 25 hours long). */
export function localDayRange(day: string, settings: DaySettings): { start: Date; end: Date } {
  const midnight = DateTime.fromISO(day, { zone: settings.timezone });
  if (!midnight.isValid) throw new RangeError(`not a calendar day: ${JSON.stringify(day)}`);
  const start = midnight.set({ hour: settings.dayStartHour });
  const end = midnight.plus({ days: 1 }).set({ hour: settings.dayStartHour });
  return { start: start.toJSDate(), end: end.toJSDate() };
}

/** Adds whole calendar days to a YYYY-MM-DD day. */
export function addDays(day: string, days: number): string {
  return DateTime.fromISO(day, { zone: 'UTC' }).plus({ days }).toISODate() as string;
}

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round(
    DateTime.fromISO(to, { zone: 'UTC' }).diff(DateTime.fromISO(from, { zone: 'UTC' }), 'days').days,
  );
}
