/** Telegram refuses message texts longer than this many UTF-16 code units. */
export const TELEGRAM_TEXT_LIMIT = 4096;

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Where to cut the start of `text` so the piece fits: a paragraph, else a line, else a space. */
function cutPoint(text: string, limit: number): number {
  const window = text.slice(0, limit + 1);
  // A boundary in the first half would leave a stub of a message; look for a finer one instead.
  const floor = Math.floor(limit / 2);
  for (const boundary of ['\n\n', '\n', ' ']) {
    const at = window.lastIndexOf(boundary);
    if (at >= floor && at <= limit) return at;
  }
  // No boundary at all: cut hard, but never between the two halves of an emoji.
  return isHighSurrogate(text.charCodeAt(limit - 1)) ? limit - 1 : limit;
}

/**
 * Splits a long text into messages Telegram accepts, preferring paragraph breaks, then line
 * breaks, then spaces. Nothing but the whitespace at the cuts is lost.
 */
export function splitMessageText(text: string, limit = TELEGRAM_TEXT_LIMIT): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const at = cutPoint(rest, limit);
    const part = rest.slice(0, at).trimEnd();
    if (part.length > 0) parts.push(part);
    rest = rest.slice(at).replace(/^\s+/, '');
  }
  if (rest.trim().length > 0) parts.push(rest);
  return parts;
}
