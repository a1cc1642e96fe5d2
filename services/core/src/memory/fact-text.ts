/**
 * One spelling per fact, so the unique index on md5(content) catches the same
 * fact typed twice: Unicode NFC, whitespace runs collapsed, ends trimmed.
 */
export function normalizeFactText(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** Length as PostgreSQL's char_length counts it: code points, so an emoji is one. */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/** PostgreSQL text cannot hold NUL; such input is refused rather than silently altered. */
export function containsNul(text: string): boolean {
  return text.includes('\u0000');
}
