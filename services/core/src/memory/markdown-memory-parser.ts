import { characterCount, containsNul, normalizeFactText } from './fact-text.js';
import { MAX_FACT_LENGTH, type MemoryCategory } from './memory-types.js';

export type SkipReason = 'empty' | 'too_long' | 'contains_nul';

export interface ParsedFact {
  category: MemoryCategory;
  content: string;
  /** 1-based line in the file, for the report. */
  line: number;
}

export interface SkippedLine {
  line: number;
  reason: SkipReason;
  /** The start of the raw line, so a person can find it. */
  excerpt: string;
}

export interface ParsedMemoryFile {
  facts: ParsedFact[];
  skipped: SkippedLine[];
}

// Checked in order: "Health goals" is a goal and "Health habits" a habit before "health" makes a condition.
const headingRules: Array<[RegExp, MemoryCategory]> = [
  [/\b(goals?|targets?|objectives?|aims?|plans?)\b/, 'goal'],
  [/\b(habits?|routines?|schedules?|lifestyle|daily life)\b/, 'habit'],
  [/\b(preferences?|preferred|prefers?|likes?|dislikes?|favou?rites?|tastes?)\b/, 'preference'],
  [
    /\b(medical|health|conditions?|diagnos[ie]s|allerg(y|ies)|intolerances?|medications?|illness(es)?|symptoms?|injur(y|ies))\b/,
    'condition',
  ],
  [
    /\b(profile|about( me)?|personal( info(rmation)?| details| data)?|bio(graphy)?|basics?|identity|who i am)\b/,
    'profile',
  ],
];

/** Maps a heading ("## Health conditions", "Preferences:") to a memory category; unknown ones are 'other'. */
export function categoryForHeading(heading: string): MemoryCategory {
  const text = stripInlineMarkdown(heading)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  for (const [pattern, category] of headingRules) if (pattern.test(text)) return category;
  return 'other';
}

/** Removes emphasis, inline code, links and escapes, keeping the words a person reads. */
export function stripInlineMarkdown(text: string): string {
  return (
    text
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
      .replace(/`([^`]*)`/g, '$1')
      .replace(/(\*\*|__)(.+?)\1/g, '$2')
      .replace(/~~(.+?)~~/g, '$1')
      .replace(/\*(\S(?:.*?\S)?)\*/g, '$1')
      .replace(/(^|[^\p{L}\p{N}_])_(\S(?:.*?\S)?)_(?=$|[^\p{L}\p{N}_])/gu, '$1$2')
      // Unpaired markers left on their own ("**" of a half-written bullet) carry no words.
      .replace(/(^|\s)[*_~`]{2,}(?=\s|$)/g, '$1')
      .replace(/\\([\\`*_{}[\]()#+\-.!>~|])/g, '$1')
  );
}

const headingPattern = /^(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/;
const bareHeadingPattern = /^#{1,6}$/;
const listMarkerPattern = /^(?:[-*+]|\d{1,9}[.)])(?:\s+|$)/;
const taskBoxPattern = /^\[[ xX]\](?:\s+|$)/;
// Lines that are markup only: thematic breaks, fences, table rules, setext underlines, HTML comments.
const markupOnlyPattern =
  /^(?:([-*_])(?:\s*\1){2,}|(?:```|~~~).*|\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?|=+|<!--.*-->)$/;

function excerptOf(line: string): string {
  const chars = [...line.trim()];
  return chars.length > 80 ? `${chars.slice(0, 80).join('')}…` : chars.join('');
}

/**
 * Reads one of the earlier bot's markdown memory files. Headings choose the category
 * of the lines below them (lines before any heading get `defaultCategory`); every
 * bullet or other non-empty line is one fact, its markdown stripped. Lines that cannot
 * be facts are listed with a reason instead of being dropped silently.
 */
export function parseMarkdownMemory(
  markdown: string,
  options: { defaultCategory?: MemoryCategory } = {},
): ParsedMemoryFile {
  const facts: ParsedFact[] = [];
  const skipped: SkippedLine[] = [];
  let category: MemoryCategory = options.defaultCategory ?? 'other';
  const lines = markdown.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  let index = 0;
  // YAML front matter is metadata, not facts.
  if (lines[0]?.trim() === '---') {
    const end = lines.findIndex((line, i) => i > 0 && line.trim() === '---');
    if (end > 0) index = end + 1;
  }
  for (; index < lines.length; index += 1) {
    const raw = lines[index] as string;
    const lineNumber = index + 1;
    let text = raw.trim();
    if (text === '' || bareHeadingPattern.test(text) || markupOnlyPattern.test(text)) continue;
    const heading = headingPattern.exec(text);
    if (heading) {
      category = categoryForHeading(heading[2] as string);
      continue;
    }
    text = text.replace(/^(?:>\s?)+/, '');
    text = text.replace(listMarkerPattern, '').replace(taskBoxPattern, '');
    const content = normalizeFactText(stripInlineMarkdown(text));
    if (containsNul(content)) {
      skipped.push({
        line: lineNumber,
        reason: 'contains_nul',
        excerpt: excerptOf(raw.replaceAll('\u0000', '')),
      });
    } else if (content === '') {
      skipped.push({ line: lineNumber, reason: 'empty', excerpt: excerptOf(raw) });
    } else if (characterCount(content) > MAX_FACT_LENGTH) {
      skipped.push({ line: lineNumber, reason: 'too_long', excerpt: excerptOf(raw) });
    } else {
      facts.push({ category, content, line: lineNumber });
    }
  }
  return { facts, skipped };
}
