import { truncateUtf8 } from './captured-logs.js';

describe('truncateUtf8', () => {
  it('when the text fits, then it is returned unchanged', () => {
    expect(truncateUtf8('héllo', 6)).toBe('héllo');
  });

  it('when a multi-byte character straddles the limit, then the cut falls before it', () => {
    expect(truncateUtf8('aé€', 3)).toBe('aé');
    expect(truncateUtf8('aé€', 5)).toBe('aé');
    expect(truncateUtf8('aé€', 6)).toBe('aé€');
  });

  it('when an astral character straddles the limit, then its surrogate pair is never split', () => {
    expect(truncateUtf8('a😀b', 4)).toBe('a');
    expect(truncateUtf8('a😀b', 5)).toBe('a😀');
  });

  it('when the limit is zero, then nothing is left', () => {
    expect(truncateUtf8('abc', 0)).toBe('');
  });
});
