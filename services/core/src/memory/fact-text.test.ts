import { characterCount, containsNul, normalizeFactText } from './fact-text.js';

describe('fact text', () => {
  it('when a fact has extra whitespace or decomposed accents, then it has one spelling', () => {
    expect(normalizeFactText('  likes\t\n  cafe\u0301  ')).toBe('likes café');
    expect(normalizeFactText('likes café')).toBe(normalizeFactText('likes  cafe\u0301'));
  });

  it('when text holds emoji, then each counts as one character', () => {
    expect(characterCount('🥑🥑')).toBe(2);
    expect('🥑🥑'.length).toBe(4);
    expect(characterCount('')).toBe(0);
  });

  it('when text holds NUL, then it is detected', () => {
    expect(containsNul('a\u0000b')).toBe(true);
    expect(containsNul('ab')).toBe(false);
  });
});
