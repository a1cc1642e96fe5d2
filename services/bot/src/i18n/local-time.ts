import type { Language } from './translator.js';

/** The wall-clock time in a zone, like 14:05, so a person can check the zone is theirs. */
export function localTimeIn(zone: string, now: Date, language: Language): string {
  return new Intl.DateTimeFormat(language, {
    timeZone: zone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(now);
}
