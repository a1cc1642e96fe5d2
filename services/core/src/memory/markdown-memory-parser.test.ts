import { categoryForHeading, parseMarkdownMemory, stripInlineMarkdown } from './markdown-memory-parser.js';

describe('categoryForHeading', () => {
  it.each([
    ['Preferences', 'preference'],
    ['Food preferences:', 'preference'],
    ['**Likes & dislikes**', 'preference'],
    ['Goals', 'goal'],
    ['Health goals', 'goal'],
    ['Health conditions', 'condition'],
    ['Medical', 'condition'],
    ['Allergies', 'condition'],
    ['Habits', 'habit'],
    ['Routine', 'habit'],
    ['Daily routines 🌅', 'habit'],
    ['Profile', 'profile'],
    ['About me', 'profile'],
    ['Personal info', 'profile'],
    ['Random notes', 'other'],
    ['', 'other'],
  ] as const)('when the heading is %j, then the category is %s', (heading, category) => {
    expect(categoryForHeading(heading)).toBe(category);
  });
});

describe('stripInlineMarkdown', () => {
  it('when text has emphasis, code, links and escapes, then only the words remain', () => {
    expect(stripInlineMarkdown('**Bold** and __strong__, *it* and _em_, ~~old~~ `code`')).toBe(
      'Bold and strong, it and em, old code',
    );
    expect(stripInlineMarkdown('see [the doc](https://x.test) and ![pic](a.png)')).toBe(
      'see the doc and pic',
    );
    expect(stripInlineMarkdown('costs 5 \\* 3')).toBe('costs 5 * 3');
  });

  it('when underscores or asterisks are part of words or arithmetic, then they stay', () => {
    expect(stripInlineMarkdown('uses snake_case_names')).toBe('uses snake_case_names');
    expect(stripInlineMarkdown('2 * 3 * 4 = 24')).toBe('2 * 3 * 4 = 24');
  });
});

describe('parseMarkdownMemory', () => {
  it('when a file has headings and bullets, then each bullet is a fact in its heading category', () => {
    const parsed = parseMarkdownMemory(
      [
        '# About me',
        '- Name: **Anna**',
        '',
        '## Preferences',
        '* Likes _oat_ milk',
        '+ Dislikes coriander',
        '1. Prefers mornings',
        '2) Vegetarian since 2019',
        '### Health conditions',
        'Lactose intolerant',
        '#### Unknown section',
        '- [x] Walks the dog',
      ].join('\n'),
    );
    expect(parsed.skipped).toEqual([]);
    expect(parsed.facts).toEqual([
      { category: 'profile', content: 'Name: Anna', line: 2 },
      { category: 'preference', content: 'Likes oat milk', line: 5 },
      { category: 'preference', content: 'Dislikes coriander', line: 6 },
      { category: 'preference', content: 'Prefers mornings', line: 7 },
      { category: 'preference', content: 'Vegetarian since 2019', line: 8 },
      { category: 'condition', content: 'Lactose intolerant', line: 10 },
      { category: 'other', content: 'Walks the dog', line: 12 },
    ]);
  });

  it('when lines come before any heading, then they get the default category', () => {
    expect(parseMarkdownMemory('Runs 5k\n# Goals\nRun 10k', { defaultCategory: 'habit' }).facts).toEqual([
      { category: 'habit', content: 'Runs 5k', line: 1 },
      { category: 'goal', content: 'Run 10k', line: 3 },
    ]);
    expect(parseMarkdownMemory('Runs 5k').facts[0]?.category).toBe('other');
  });

  it('when a bullet is empty after its markdown is removed, then it is skipped as empty', () => {
    const parsed = parseMarkdownMemory('- \n- **\n1.\n- real fact');
    expect(parsed.facts.map((fact) => fact.content)).toEqual(['real fact']);
    expect(parsed.skipped).toEqual([
      { line: 1, reason: 'empty', excerpt: '-' },
      { line: 2, reason: 'empty', excerpt: '- **' },
      { line: 3, reason: 'empty', excerpt: '1.' },
    ]);
  });

  it('when a fact is longer than 2000 characters, then it is skipped as too long with a short excerpt', () => {
    const parsed = parseMarkdownMemory(`- ${'a'.repeat(2001)}\n- ${'b'.repeat(2000)}`);
    expect(parsed.facts).toHaveLength(1);
    expect(parsed.facts[0]?.content).toHaveLength(2000);
    expect(parsed.skipped).toEqual([{ line: 1, reason: 'too_long', excerpt: `- ${'a'.repeat(78)}…` }]);
  });

  it('when facts hold emoji, then length counts characters as PostgreSQL does', () => {
    const emojiFact = '🥑'.repeat(2000);
    const parsed = parseMarkdownMemory(`- ${emojiFact}\n- Loves 🍣 and ☕`);
    expect(parsed.facts.map((fact) => fact.content)).toEqual([emojiFact, 'Loves 🍣 and ☕']);
  });

  it('when a line holds a NUL character, then it is skipped with that reason', () => {
    const parsed = parseMarkdownMemory('- bad\u0000line');
    expect(parsed.facts).toEqual([]);
    expect(parsed.skipped).toEqual([{ line: 1, reason: 'contains_nul', excerpt: '- badline' }]);
  });

  it('when lines are markup only, front matter, blank or bare headings, then they are ignored silently', () => {
    const parsed = parseMarkdownMemory(
      [
        '---',
        'title: memory',
        '---',
        '',
        '#',
        '***',
        '---',
        '```',
        '| a | b |',
        '|---|---|',
        '<!-- note -->',
        '===',
      ].join('\r\n'),
    );
    expect(parsed.skipped).toEqual([]);
    expect(parsed.facts.map((fact) => fact.content)).toEqual(['| a | b |']);
  });

  it('when a line is quoted or has a byte-order mark, CRLF or extra spaces, then the fact is clean', () => {
    const parsed = parseMarkdownMemory('\uFEFF> - Sleeps   8h\r\n  -   Drinks\ttea  ');
    expect(parsed.facts.map((fact) => fact.content)).toEqual(['Sleeps 8h', 'Drinks tea']);
  });

  it('when a heading has closing hashes, then they are not part of the category text', () => {
    expect(parseMarkdownMemory('## Goals ##\n- lose 2 kg').facts[0]?.category).toBe('goal');
  });
});
