import { parseDeclaredRead, parseDeclaredReads } from './tool-declared-reads.js';

describe('parseDeclaredRead', () => {
  it('when a read is on the allow-list, then it is parsed with its window', () => {
    expect(parseDeclaredRead('food_entries:30d')).toEqual({
      source: 'food_entries',
      days: 30,
      key: 'food_entries:30d',
    });
    expect(parseDeclaredRead('food_entries:90d')).toEqual({
      source: 'food_entries',
      days: 90,
      key: 'food_entries:90d',
    });
    expect(parseDeclaredRead('metrics:weight:365d')).toEqual({
      source: 'metrics',
      kind: 'weight',
      days: 365,
      key: 'metrics:weight:365d',
    });
    expect(parseDeclaredRead('profile:basic')).toEqual({ source: 'profile', key: 'profile:basic' });
    expect(parseDeclaredRead('trackers:1d')).toEqual({ source: 'trackers', days: 1, key: 'trackers:1d' });
  });

  it('when a window is longer than allowed, then it is refused with the limit', () => {
    expect(parseDeclaredRead('food_entries:91d')).toEqual({
      error: 'food entries can be read for at most 90 days',
    });
    expect(parseDeclaredRead('metrics:steps:366d')).toEqual({
      error: 'metrics can be read for at most 365 days',
    });
    expect(parseDeclaredRead('trackers:400d')).toEqual({
      error: 'trackers can be read for at most 365 days',
    });
  });

  it.each([
    'food_entries:0d',
    'food_entries:030d',
    'food_entries:-1d',
    'food_entries:30',
    'food_entries:1000d',
    'food_entries',
    'metrics:blood:30d',
    'metrics:weight',
    'profile:full',
    'profile:*',
    'users:30d',
    'api_keys:1d',
    'food_entries:30d;DROP TABLE users',
    'FOOD_ENTRIES:30d',
    ' food_entries:30d',
    'food_entries:３0d',
    '',
  ])('when the read is %j, then it is not allowed', (text) => {
    expect(parseDeclaredRead(text)).toHaveProperty('error');
  });
});

describe('parseDeclaredReads', () => {
  it('when every read is allowed, then all are returned in order', () => {
    const result = parseDeclaredReads(['profile:basic', 'metrics:mood:7d']);
    expect(result).toEqual({
      ok: true,
      reads: [
        { source: 'profile', key: 'profile:basic' },
        { source: 'metrics', kind: 'mood', days: 7, key: 'metrics:mood:7d' },
      ],
    });
    expect(parseDeclaredReads([])).toEqual({ ok: true, reads: [] });
  });

  it('when reads repeat, are not strings or are not allowed, then each is named by index', () => {
    expect(parseDeclaredReads(['profile:basic', 'profile:basic', 7, 'secrets:1d'])).toEqual({
      ok: false,
      issues: [
        { path: 'declaredReads.1', message: '"profile:basic" is declared twice' },
        { path: 'declaredReads.2', message: 'must be a string' },
        { path: 'declaredReads.3', message: expect.stringContaining('not an allowed read') },
      ],
    });
  });

  it('when more than ten reads are declared, then the list is refused', () => {
    const reads = Array.from({ length: 11 }, (_, index) => `food_entries:${index + 1}d`);
    const result = parseDeclaredReads(reads);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.issues).toEqual([
      { path: 'declaredReads', message: 'at most 10 reads may be declared' },
    ]);
  });
});
