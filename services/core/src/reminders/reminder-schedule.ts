import { DateTime, IANAZone } from 'luxon';
import type { ReminderSchedule } from './reminder-types.js';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

export const timeOfDayPattern = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Parses a strict "HH:MM" (00:00-23:59); anything else is refused. */
export function parseTimeOfDay(text: string): { hour: number; minute: number } {
  const match = timeOfDayPattern.exec(text);
  if (!match) throw new RangeError(`not a time of day (HH:MM): ${JSON.stringify(text)}`);
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

export function isTimeOfDay(text: string): boolean {
  return timeOfDayPattern.test(text);
}

function zoneOf(timezone: string): IANAZone {
  const zone = IANAZone.create(timezone);
  if (!zone.isValid) throw new RangeError(`not an IANA timezone: ${JSON.stringify(timezone)}`);
  return zone;
}

/**
 * The instant a local wall-clock time happens on a local date, with the DST rule
 * reminders follow:
 * - a time that happens twice (clocks go back) resolves to its FIRST occurrence,
 *   so a reminder fires once, never again in the repeated hour;
 * - a time that does not exist (clocks go forward: 02:30 on the spring-forward
 *   day in Europe/Stockholm) resolves to the first valid instant after it,
 *   which is the transition itself (03:00 local), not 03:30 as plain offset
 *   arithmetic would give.
 */
export function resolveLocalTime(date: LocalDate, hour: number, minute: number, timezone: string): Date {
  const zone = zoneOf(timezone);
  const wall = Date.UTC(date.year, date.month - 1, date.day, hour, minute);
  // The offsets in force around that wall time; a day either side covers any transition.
  const offsets = new Set([zone.offset(wall - DAY_MS), zone.offset(wall), zone.offset(wall + DAY_MS)]);
  const instants = [...offsets]
    .map((offset) => wall - offset * MINUTE_MS)
    .filter((instant) => zone.offset(instant) * MINUTE_MS === wall - instant)
    .sort((a, b) => a - b);
  if (instants.length > 0) return new Date(instants[0]!);
  return new Date(transitionInstant(zone, wall, [...offsets]));
}

/** The first instant after a gap in local time: where the offset changes, found by bisection. */
function transitionInstant(zone: IANAZone, wall: number, offsets: number[]): number {
  const readings = offsets.map((offset) => wall - offset * MINUTE_MS);
  let before = Math.min(...readings);
  let after = Math.max(...readings);
  const offsetBefore = zone.offset(before);
  while (after - before > 1) {
    const middle = Math.floor((before + after) / 2);
    if (zone.offset(middle) === offsetBefore) before = middle;
    else after = middle;
  }
  return after;
}

/**
 * The next time a reminder fires strictly after `after`, computed in the user's
 * IANA timezone (see resolveLocalTime for the DST rule); null when it never
 * fires again (a one-time reminder that has passed, or no weekday chosen).
 * Weekdays are those of the user's local calendar date.
 */
export function nextRunAt(schedule: ReminderSchedule, after: Date, timezone: string): Date | null {
  if (schedule.kind === 'once') {
    return schedule.runAt && schedule.runAt.getTime() > after.getTime() ? schedule.runAt : null;
  }
  if (schedule.timeOfDay === null) throw new RangeError(`a ${schedule.kind} reminder needs a time of day`);
  const { hour, minute } = parseTimeOfDay(schedule.timeOfDay);
  const weekdays = new Set(schedule.weekdays);
  const local = DateTime.fromJSDate(after, { zone: zoneOf(timezone) });
  // Calendar arithmetic on a zone-free date, so DST never shifts the day.
  const firstDay = DateTime.fromObject(
    { year: local.year, month: local.month, day: local.day },
    { zone: 'utc' },
  );
  // From the day before (a gap can push a late time past midnight) to 8 days on: every weekday twice.
  for (let offset = -1; offset <= 8; offset += 1) {
    const day = firstDay.plus({ days: offset });
    if (!weekdays.has(day.weekday)) continue;
    const candidate = resolveLocalTime(
      { year: day.year, month: day.month, day: day.day },
      hour,
      minute,
      timezone,
    );
    if (candidate.getTime() > after.getTime()) return candidate;
  }
  return null;
}
