import { addDays } from '@health-agent/core';

/**
 * The short /remind syntax, read without the service: what the person asked for, or exactly
 * which part could not be read. Times and dates are the person's local wall clock; the
 * feature turns them into the domain's schedule in their zone.
 *
 *   /remind 08:00 mon-fri take vitamins      daily on chosen weekdays
 *   /remind 21:30 daily stretch              every day (the days may be left out)
 *   /remind sun 10:00 weekly plan            one weekday: weekly
 *   /remind once 2026-12-24 18:00 call mum   once (also "today" and "tomorrow")
 *   /remind list | /remind delete 2
 */

export type ParsedReminder =
  | { kind: 'daily'; time: string; weekdays?: number[]; message: string }
  | { kind: 'weekly'; time: string; weekday: number; message: string }
  | { kind: 'once'; date: string; time: string; message: string };

export type ReminderSyntaxError =
  /** Nothing usable: show how the command works. */
  | { problem: 'usage' }
  | { problem: 'time'; input: string }
  | { problem: 'days'; input: string }
  | { problem: 'date'; input: string }
  | { problem: 'message' }
  | { problem: 'number'; input: string };

export type RemindCommand =
  | { action: 'help' }
  | { action: 'list' }
  | { action: 'delete'; position: number }
  | { action: 'create'; reminder: ParsedReminder }
  | { action: 'invalid'; error: ReminderSyntaxError };

/** Day names and their abbreviations in the bot's languages, to ISO weekdays (1 = Monday). */
const dayNames: ReadonlyMap<string, number> = new Map(
  (
    [
      [1, 'mon monday mån man måndag mandag lun lunes'],
      [2, 'tue tues tuesday tis tisdag mar martes'],
      [3, 'wed wednesday ons onsdag mié mie miércoles miercoles'],
      [4, 'thu thur thurs thursday tor tors torsdag jue jueves'],
      [5, 'fri friday fre fredag vie viernes'],
      [6, 'sat saturday lör lor lördag lordag sáb sab sábado sabado'],
      [7, 'sun sunday sön son söndag sondag dom domingo'],
    ] as const
  ).flatMap(([day, names]) => names.split(' ').map((name) => [name, day] as const)),
);

const everyDay = new Set(['daily', 'everyday', 'dagligen', 'diario', 'diariamente']);
const workingDays = new Set(['weekdays', 'vardagar', 'laborables']);
const weekendDays = new Set(['weekends', 'weekend', 'helger', 'helg', 'findes']);
const listWords = new Set(['list', 'ls', 'lista', 'listar']);
const deleteWords = new Set(['delete', 'del', 'remove', 'rm', 'radera', 'borrar', 'eliminar']);
const helpWords = new Set(['help', 'hjälp', 'ayuda']);
const onceWords = new Set(['once', 'engång', 'unavez']);
const todayWords = new Set(['today', 'idag', 'hoy']);
const tomorrowWords = new Set(['tomorrow', 'imorgon', 'mañana', 'manana']);

const ALL_DAYS = [1, 2, 3, 4, 5, 6, 7];

/** "8:05", "08.05", "8am", "8:30pm": what a person would type as a time of day. */
const timeLike = /^(\d{1,2})(?:[:.](\d{1,2}))?\s*(am|pm)?$/i;
/** Digits that were meant as a time but cannot be one without more care, like "0800" or "8". */
const numberLike = /^\d+([:.]\d*)?$/;

/** HH:MM for a time a person typed, or undefined when it is no time of day. */
export function readTimeOfDay(token: string): string | undefined {
  const match = timeLike.exec(token);
  if (!match) return undefined;
  const [, hourText, minuteText, meridiem] = match;
  // A bare number is too ambiguous ("8" could be an amount); a time needs minutes or am/pm.
  if (minuteText === undefined && meridiem === undefined) return undefined;
  if (minuteText !== undefined && minuteText.length !== 2) return undefined;
  let hour = Number(hourText);
  const minute = Number(minuteText ?? 0);
  if (minute > 59) return undefined;
  if (meridiem) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (meridiem.toLowerCase() === 'pm' ? 12 : 0);
  } else if (hour > 23) {
    return undefined;
  }
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

function looksLikeTime(token: string): boolean {
  return timeLike.test(token) || numberLike.test(token);
}

function dayOf(name: string): number | undefined {
  return dayNames.get(name.toLowerCase());
}

/** The weekdays a token names ("mon-fri", "mon,wed,fri", "fri-mon", "weekdays"), sorted; undefined if none. */
export function readWeekdays(token: string): number[] | undefined {
  const lower = token.toLowerCase();
  if (everyDay.has(lower)) return ALL_DAYS;
  if (workingDays.has(lower)) return [1, 2, 3, 4, 5];
  if (weekendDays.has(lower)) return [6, 7];
  const days = new Set<number>();
  for (const part of lower.split(',')) {
    const [from, to, ...rest] = part.split('-');
    if (rest.length > 0 || from === undefined) return undefined;
    const start = dayOf(from);
    if (start === undefined) return undefined;
    if (to === undefined) {
      days.add(start);
      continue;
    }
    const end = dayOf(to);
    if (end === undefined) return undefined;
    // A range may wrap the week: fri-mon is Friday to Monday.
    for (let day = start; ; day = (day % 7) + 1) {
      days.add(day);
      if (day === end) break;
    }
  }
  return [...days].sort((a, b) => a - b);
}

/** A token that was meant as days but is not quite ("mon-fry"): one of its parts is a day. */
function looksLikeDays(token: string): boolean {
  if (!/^[\p{L}]+([-,][\p{L}]*)+$/u.test(token)) return false;
  return token
    .toLowerCase()
    .split(/[-,]/)
    .some((part) => dayOf(part) !== undefined || everyDay.has(part));
}

/** Whether YYYY-MM-DD names a real calendar day. */
function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function readDate(token: string, today: string): string | undefined {
  const lower = token.toLowerCase();
  if (todayWords.has(lower)) return today;
  if (tomorrowWords.has(lower)) return addDays(today, 1);
  return isCalendarDate(token) ? token : undefined;
}

/** Splits off the first `count` words, keeping the rest of the text as typed. */
function words(text: string, count: number): { head: string[]; rest: string } {
  const head: string[] = [];
  let rest = text.trim();
  while (head.length < count && rest !== '') {
    const match = /^(\S+)\s*/.exec(rest) as RegExpExecArray;
    head.push(match[1] as string);
    rest = rest.slice(match[0].length);
  }
  return { head, rest };
}

function invalid(error: ReminderSyntaxError): RemindCommand {
  return { action: 'invalid', error };
}

function withMessage(reminder: ParsedReminder): RemindCommand {
  return reminder.message.trim() === ''
    ? invalid({ problem: 'message' })
    : { action: 'create', reminder: { ...reminder, message: reminder.message.trim() } };
}

function parseOnce(text: string, today: string): RemindCommand {
  const { head, rest } = words(text, 2);
  const [first, second] = head;
  if (first === undefined || second === undefined) return invalid({ problem: 'usage' });
  // Date then time, or time then date.
  const [dateToken, timeToken] = readTimeOfDay(first) !== undefined ? [second, first] : [first, second];
  const date = readDate(dateToken, today);
  if (date === undefined) return invalid({ problem: 'date', input: dateToken });
  const time = readTimeOfDay(timeToken);
  if (time === undefined) return invalid({ problem: 'time', input: timeToken });
  return withMessage({ kind: 'once', date, time, message: rest });
}

function scheduled(time: string, days: number[] | undefined, message: string): RemindCommand {
  if (days === undefined || days.length === 7) return withMessage({ kind: 'daily', time, message });
  if (days.length === 1) return withMessage({ kind: 'weekly', time, weekday: days[0] as number, message });
  return withMessage({ kind: 'daily', time, weekdays: days, message });
}

function parseRecurring(text: string): RemindCommand {
  const { head, rest: afterFirst } = words(text, 1);
  const first = head[0] ?? '';
  const { head: next, rest } = words(afterFirst, 1);
  const second = next[0];
  const firstTime = readTimeOfDay(first);
  if (firstTime !== undefined) {
    // "08:00 mon-fri take vitamins", or "08:00 take vitamins" (every day).
    if (second === undefined) return invalid({ problem: 'message' });
    const days = readWeekdays(second);
    if (days) return scheduled(firstTime, days, rest);
    if (looksLikeDays(second)) return invalid({ problem: 'days', input: second });
    return scheduled(firstTime, undefined, afterFirst);
  }
  const firstDays = readWeekdays(first);
  if (firstDays) {
    // "sun 10:00 weekly plan".
    if (second === undefined) return invalid({ problem: 'usage' });
    const time = readTimeOfDay(second);
    if (time === undefined) return invalid({ problem: 'time', input: second });
    return scheduled(time, firstDays, rest);
  }
  if (looksLikeTime(first)) return invalid({ problem: 'time', input: first });
  if (looksLikeDays(first)) return invalid({ problem: 'days', input: first });
  return invalid({ problem: 'usage' });
}

/**
 * Reads the text after /remind. `today` is the person's local date (YYYY-MM-DD), for
 * "today" and "tomorrow" in one-time reminders.
 */
export function parseRemindCommand(text: string, today: string): RemindCommand {
  const { head, rest } = words(text, 1);
  const first = head[0]?.toLowerCase();
  if (first === undefined || helpWords.has(first)) return { action: 'help' };
  if (listWords.has(first) && rest === '') return { action: 'list' };
  if (deleteWords.has(first)) {
    const position = rest.replace(/^#/, '');
    if (!/^\d{1,4}$/.test(position) || Number(position) < 1)
      return invalid({ problem: 'number', input: rest });
    return { action: 'delete', position: Number(position) };
  }
  if (onceWords.has(first)) return parseOnce(rest, today);
  return parseRecurring(text);
}
