import { isValidTimezone } from '@health-agent/core';
import { cities } from './city-timezones.js';
import { canonicalZone, nearestCity, normalisePlaceName, resolveTimezoneInput } from './timezone-input.js';

describe('timezone input', () => {
  it('when the city table is read, then it has about a hundred cities, each with a real zone and no duplicate names', () => {
    expect(cities.length).toBeGreaterThanOrEqual(100);
    for (const city of cities) expect(isValidTimezone(city.zone)).toBe(true);
    const names = cities.flatMap((city) => [city.name, ...(city.aliases ?? [])]).map(normalisePlaceName);
    expect(new Set(names).size).toBe(names.length);
  });

  it('when a city is typed in any case, with or without accents, then its zone is found', () => {
    expect(resolveTimezoneInput('Stockholm')).toEqual({ zone: 'Europe/Stockholm', city: 'Stockholm' });
    expect(resolveTimezoneInput('  GÖTEBORG ')).toEqual({ zone: 'Europe/Stockholm', city: 'Gothenburg' });
    expect(resolveTimezoneInput('sao paulo')?.zone).toBe('America/Sao_Paulo');
    expect(resolveTimezoneInput('Ciudad de México')?.zone).toBe('America/Mexico_City');
    expect(resolveTimezoneInput('new   york!')?.zone).toBe('America/New_York');
  });

  it('when an IANA zone is typed, then its canonical spelling is returned', () => {
    expect(resolveTimezoneInput('europe/stockholm')).toEqual({ zone: 'Europe/Stockholm' });
    // Links are resolved to the zone the runtime's ICU data calls canonical; both name the same rules.
    expect(resolveTimezoneInput('america/argentina/buenos_aires')?.zone).toMatch(
      /^America\/(Argentina\/)?Buenos_Aires$/,
    );
    expect(resolveTimezoneInput('utc')).toEqual({ zone: 'UTC' });
    expect(canonicalZone('Not/AZone')).toBeUndefined();
  });

  it('when the input is unknown, empty, absurdly long or a bare offset, then nothing is guessed', () => {
    for (const input of ['Atlantis', '', '   ', 'x'.repeat(101), 'GMT+2', 'Mars/Olympus_Mons', '🙂']) {
      expect(resolveTimezoneInput(input)).toBeUndefined();
    }
  });

  it('when a location is near a known city, then that city is found; far from all, nothing', () => {
    expect(nearestCity({ latitude: 59.4, longitude: 18.0 })?.city.name).toBe('Stockholm');
    expect(nearestCity({ latitude: 40.4, longitude: -3.6 })?.city.zone).toBe('Europe/Madrid');
    expect(nearestCity({ latitude: -45, longitude: -140 })).toBeUndefined();
    expect(nearestCity({ latitude: 64.5, longitude: 17 })).toBeUndefined();
    expect(nearestCity({ latitude: Number.NaN, longitude: 0 })).toBeUndefined();
  });
});
