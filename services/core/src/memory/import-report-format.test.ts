import { formatImportReport } from './import-report-format.js';
import type { MemoryImportReport } from './markdown-memory-importer.js';

const report: MemoryImportReport = {
  directory: '/data/memories',
  dryRun: false,
  users: [
    {
      telegramId: 42,
      userId: 'u-1',
      userCreated: true,
      files: ['memory.md'],
      factsFound: 3,
      new: 2,
      duplicates: 1,
      skipped: [{ file: 'memory.md', line: 4, reason: 'empty', excerpt: '-' }],
    },
  ],
  skippedEntries: [{ path: 'x', reason: 'folder name is not a Telegram user id' }],
  totals: { users: 1, usersCreated: 1, factsFound: 3, new: 2, duplicates: 1, skipped: 1 },
};

describe('formatImportReport', () => {
  it('when a real run is formatted, then a table with aligned columns, skips and entries is printed', () => {
    expect(formatImportReport(report)).toBe(
      [
        'Memory import from /data/memories.',
        '',
        'telegram id  user id  user     facts  new  duplicates  skipped',
        '-----------  -------  -------  -----  ---  ----------  -------',
        '42           u-1      created  3      2    1           1',
        'total        1 users  1 new    3      2    1           1',
        '',
        'Skipped lines:',
        '  42/memory.md:4 empty: -',
        '',
        'Skipped entries:',
        '  x: folder name is not a Telegram user id',
      ].join('\n'),
    );
  });

  it('when a dry run is formatted, then it says nothing was written and new users would be created', () => {
    const dry = formatImportReport({
      ...report,
      dryRun: true,
      users: [{ ...(report.users[0] as MemoryImportReport['users'][number]), userId: null, skipped: [] }],
      skippedEntries: [],
    });
    expect(dry).toContain('nothing was written');
    expect(dry).toContain('(new)');
    expect(dry).toContain('would create');
    expect(dry).not.toContain('Skipped');
  });
});
