import { splitMessageText } from './message-splitter.js';

describe('splitMessageText', () => {
  it('when the text fits, then it is one part, untouched', () => {
    expect(splitMessageText('short 🥗 text', 100)).toEqual(['short 🥗 text']);
  });

  it('when paragraphs exist in the second half of the window, then the cut falls between paragraphs', () => {
    const text = `${'a'.repeat(60)}\n\n${'b'.repeat(30)}\n\n${'c'.repeat(50)}`;
    expect(splitMessageText(text, 100)).toEqual([`${'a'.repeat(60)}\n\n${'b'.repeat(30)}`, 'c'.repeat(50)]);
  });

  it('when only line breaks exist, then lines are kept whole', () => {
    const lines = Array.from({ length: 10 }, (_, i) => `line ${i} ${'x'.repeat(20)}`);
    const parts = splitMessageText(lines.join('\n'), 100);
    expect(parts.every((part) => part.length <= 100)).toBe(true);
    expect(parts.join('\n')).toBe(lines.join('\n'));
  });

  it('when there is no break at all, then it cuts at spaces, and without spaces hard, never inside an emoji', () => {
    const words = Array(50).fill('word').join(' ');
    const byWords = splitMessageText(words, 32);
    expect(byWords.every((part) => part.length <= 32 && !part.startsWith(' ') && !part.endsWith(' '))).toBe(
      true,
    );
    expect(byWords.join(' ')).toBe(words);

    const emoji = '🍎'.repeat(30); // 60 UTF-16 units, a cut at an odd limit would split a pair
    const parts = splitMessageText(emoji, 11);
    expect(parts.every((part) => part.length <= 11)).toBe(true);
    expect(parts.join('')).toBe(emoji);
    expect(parts.join('').includes('\uFFFD')).toBe(false);
    expect(parts.every((part) => !/[\uD800-\uDBFF]$/.test(part))).toBe(true);
  });

  it('when a break sits in the first half only, then a finer break later is preferred over a tiny first part', () => {
    const text = `tiny\n\n${'word '.repeat(40)}`;
    const [first] = splitMessageText(text, 100);
    expect((first ?? '').length).toBeGreaterThan(50);
  });

  it('when the text is mostly whitespace, then empty parts are dropped', () => {
    expect(splitMessageText(`${'\n'.repeat(150)}end`, 100)).toEqual(['end']);
    expect(splitMessageText(' '.repeat(250), 100)).toEqual([]);
  });
});
