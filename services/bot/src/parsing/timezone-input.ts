import { isValidTimezone } from '@health-agent/core';
import { type City, cities } from './city-timezones.js';

export interface TimezoneMatch {
  zone: string;
  /** The city the zone was found by, when it came from the city table. */
  city?: string;
}

/** A shared location farther than this from every known city is not guessed at. */
export const MAX_CITY_DISTANCE_KM = 100;

/** Lower case, accents and punctuation gone, single spaces: "São  Paulo!" and "sao paulo" match. */
export function normalisePlaceName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^\p{Letter}\p{Number}]+/gu, ' ')
    .trim();
}

const cityByName = new Map<string, City>();
for (const city of cities) {
  for (const name of [city.name, ...(city.aliases ?? [])]) cityByName.set(normalisePlaceName(name), city);
}

/** The canonical spelling of an IANA zone name typed in any case, or undefined. */
export function canonicalZone(text: string): string | undefined {
  try {
    const zone = new Intl.DateTimeFormat('en-US', { timeZone: text }).resolvedOptions().timeZone;
    return isValidTimezone(zone) ? zone : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A zone from what a user typed: an IANA name ("europe/stockholm", "UTC") or a city from the
 * table ("Göteborg"). Offsets like "GMT+2" are refused on purpose: they ignore daylight saving.
 */
export function resolveTimezoneInput(text: string): TimezoneMatch | undefined {
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > 100) return undefined;
  if (trimmed.includes('/') || /^(utc|gmt)$/i.test(trimmed)) {
    const zone = canonicalZone(trimmed.replace(/\s+/g, '_'));
    if (zone) return { zone };
  }
  const city = cityByName.get(normalisePlaceName(trimmed));
  return city ? { zone: city.zone, city: city.name } : undefined;
}

function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * The known city nearest to a shared location, when one is close enough for its zone to be a
 * fair guess; the user still confirms it. Farther away we do not guess (zone borders are not
 * known here).
 */
export function nearestCity(
  location: { latitude: number; longitude: number },
  maxKm = MAX_CITY_DISTANCE_KM,
): { city: City; distanceKm: number } | undefined {
  const point = { lat: location.latitude, lon: location.longitude };
  if (!Number.isFinite(point.lat) || !Number.isFinite(point.lon)) return undefined;
  let best: { city: City; distanceKm: number } | undefined;
  for (const city of cities) {
    const distance = distanceKm(point, city);
    if (!best || distance < best.distanceKm) best = { city, distanceKm: distance };
  }
  return best && best.distanceKm <= maxKm ? best : undefined;
}
