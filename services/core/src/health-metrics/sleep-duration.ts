const clockTimePattern = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/** "7:05" -> "07:05"; undefined when the text is not a 24-hour clock time. */
export function normaliseClockTime(text: string): string | undefined {
  const match = clockTimePattern.exec(text.trim());
  if (!match) return undefined;
  return `${match[1]!.padStart(2, '0')}:${match[2]}`;
}

function minutesOfDay(clockTime: string): number {
  const [hours = 0, minutes = 0] = clockTime.split(':').map(Number);
  return hours * 60 + minutes;
}

/**
 * Minutes from bedtime to wake time, both HH:MM local clock times. A wake time
 * at or before the bedtime is on the next morning (23:30 -> 07:00 is 450).
 * Equal times would be 24 hours, which nobody means, so they yield 0.
 */
export function minutesAsleep(bedtime: string, wakeTime: string): number {
  const difference = minutesOfDay(wakeTime) - minutesOfDay(bedtime);
  if (difference === 0) return 0;
  return difference > 0 ? difference : difference + 24 * 60;
}
