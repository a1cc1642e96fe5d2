import type { Db } from '../db/db.js';
import { addDays, type DaySettings, localDayOf, localDayRange } from '../time/local-day.js';
import {
  readFoodEntries,
  readMetricEntries,
  readProfileBasics,
  readTrackerEntries,
  readTrackers,
  type Window,
} from './tool-data-repository.js';
import type { DeclaredRead } from './tool-declared-reads.js';

const defaultDaySettings: DaySettings = { timezone: 'UTC', dayStartHour: 0 };

/**
 * `<N>d` means the user's last N local days, today included: from the start of the
 * local day N-1 days ago up to and including now. Nothing later than now is read.
 */
function windowOf(days: number, now: Date, settings: DaySettings): Window {
  const today = localDayOf(now, settings);
  return { from: localDayRange(addDays(today, -(days - 1)), settings).start, to: now };
}

/**
 * The data a tool receives: one key per declared read (the read's own text, e.g.
 * `food_entries:30d`), plus `now` and `today` because the sandbox has no clock.
 * Instants are ISO strings, and every list carries the user's local day of each row.
 * Everything is fetched for `userId` only: nothing in a tool's input can change whose
 * data this is.
 */
export async function gatherToolData(
  db: Db,
  userId: string,
  reads: readonly DeclaredRead[],
  now: Date,
): Promise<Record<string, unknown>> {
  const profile = await readProfileBasics(db, userId);
  const settings: DaySettings = profile
    ? { timezone: profile.timezone, dayStartHour: profile.dayStartHour }
    : defaultDaySettings;
  const day = (instant: Date) => localDayOf(instant, settings);
  const data: Record<string, unknown> = { now: now.toISOString(), today: day(now) };
  for (const read of reads) {
    switch (read.source) {
      case 'profile':
        data[read.key] = profile ?? null;
        break;
      case 'food_entries': {
        const entries = await readFoodEntries(db, userId, windowOf(read.days, now, settings));
        data[read.key] = entries.map((entry) => ({
          ...entry,
          eatenAt: entry.eatenAt.toISOString(),
          localDay: day(entry.eatenAt),
        }));
        break;
      }
      case 'metrics': {
        const entries = await readMetricEntries(db, userId, read.kind, windowOf(read.days, now, settings));
        data[read.key] = entries.map((entry) => ({
          ...entry,
          recordedAt: entry.recordedAt.toISOString(),
          localDay: day(entry.recordedAt),
        }));
        break;
      }
      case 'trackers': {
        const trackers = await readTrackers(db, userId);
        const entries = await readTrackerEntries(db, userId, windowOf(read.days, now, settings));
        data[read.key] = trackers.map(({ id, ...tracker }) => ({
          ...tracker,
          entries: entries
            .filter((entry) => entry.trackerId === id)
            .map((entry) => ({
              values: entry.values,
              recordedAt: entry.recordedAt.toISOString(),
              localDay: day(entry.recordedAt),
            })),
        }));
        break;
      }
    }
  }
  return data;
}
