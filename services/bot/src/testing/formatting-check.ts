/**
 * A rough model of how Telegram parses message formatting, enough for the fake to refuse what
 * the real server refuses: unbalanced or unknown HTML tags, unescaped MarkdownV2 characters,
 * unclosed legacy Markdown entities. Returns Telegram's error text, or undefined when it parses.
 */
const htmlTags = new Set([
  'b',
  'strong',
  'i',
  'em',
  'u',
  'ins',
  's',
  'strike',
  'del',
  'a',
  'code',
  'pre',
  'tg-spoiler',
  'span',
  'blockquote',
  'tg-emoji',
]);

function entityError(offset: number): string {
  return `Bad Request: can't parse entities: Can't find end of the entity starting at byte offset ${offset}`;
}

function checkHtml(text: string): string | undefined {
  const stack: string[] = [];
  const tag = /<(\/?)([a-z-]*)([^<>]*)>|<|&(?!(?:lt|gt|amp|quot|#\d+);)/gi;
  for (let match = tag.exec(text); match; match = tag.exec(text)) {
    if (match[0] === '<')
      return `Bad Request: can't parse entities: Unexpected end tag at byte offset ${match.index}`;
    if (match[0] === '&')
      return `Bad Request: can't parse entities: Unsupported HTML entity at byte offset ${match.index}`;
    const [, closing, rawName] = match;
    const name = (rawName ?? '').toLowerCase();
    if (!htmlTags.has(name)) {
      return `Bad Request: can't parse entities: Unsupported start tag "${name}" at byte offset ${match.index}`;
    }
    if (!closing) stack.push(name);
    else if (stack.pop() !== name) {
      return `Bad Request: can't parse entities: Can't find end tag corresponding to start tag "${name}"`;
    }
  }
  return stack.length > 0 ? entityError(text.length) : undefined;
}

function checkMarkdownV2(text: string): string | undefined {
  const open = new Map<string, number>();
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (char === '\\') {
      i++;
      continue;
    }
    if ('_*~`|'.includes(char)) {
      if (open.has(char)) open.delete(char);
      else open.set(char, i);
    } else if ('.!#+-={}>()[]'.includes(char)) {
      return `Bad Request: can't parse entities: Character '${char}' is reserved and must be escaped with the preceding '\\'`;
    }
  }
  const first = [...open.values()].sort((a, b) => a - b)[0];
  return first === undefined ? undefined : entityError(first);
}

function checkMarkdown(text: string): string | undefined {
  for (const marker of ['*', '_', '`']) {
    const positions = [...text].flatMap((char, index) => (char === marker ? [index] : []));
    if (positions.length % 2 === 1) return entityError(positions[positions.length - 1] as number);
  }
  return undefined;
}

export function formattingError(text: string, parseMode: unknown): string | undefined {
  if (parseMode === 'HTML') return checkHtml(text);
  if (parseMode === 'MarkdownV2') return checkMarkdownV2(text);
  if (parseMode === 'Markdown') return checkMarkdown(text);
  return undefined;
}

/** The text as Telegram counts it against the 4096 limit: without the markup. */
export function visibleLength(text: string, parseMode: unknown): number {
  if (parseMode === 'HTML')
    return text.replace(/<[^<>]*>/g, '').replace(/&(lt|gt|amp|quot|#\d+);/g, '_').length;
  return text.length;
}
