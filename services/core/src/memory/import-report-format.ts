import type { MemoryImportReport } from './markdown-memory-importer.js';

function table(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] as string).length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] as number))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

/** The import report for a person at a terminal: one row per user, then what was skipped and why. */
export function formatImportReport(report: MemoryImportReport): string {
  const title = report.dryRun
    ? `Dry run of the memory import from ${report.directory}: nothing was written.`
    : `Memory import from ${report.directory}.`;
  const userRows = report.users.map((user) => [
    String(user.telegramId),
    user.userId ?? '(new)',
    user.userCreated ? (report.dryRun ? 'would create' : 'created') : 'existing',
    String(user.factsFound),
    String(user.new),
    String(user.duplicates),
    String(user.skipped.length),
  ]);
  const { totals } = report;
  userRows.push([
    'total',
    `${totals.users} users`,
    `${totals.usersCreated} new`,
    String(totals.factsFound),
    String(totals.new),
    String(totals.duplicates),
    String(totals.skipped),
  ]);
  const parts = [
    title,
    '',
    table(['telegram id', 'user id', 'user', 'facts', 'new', 'duplicates', 'skipped'], userRows),
  ];
  const skippedLines = report.users.flatMap((user) =>
    user.skipped.map(
      (skip) => `  ${user.telegramId}/${skip.file}:${skip.line} ${skip.reason}: ${skip.excerpt}`,
    ),
  );
  if (skippedLines.length) parts.push('', 'Skipped lines:', ...skippedLines);
  if (report.skippedEntries.length) {
    parts.push(
      '',
      'Skipped entries:',
      ...report.skippedEntries.map((entry) => `  ${entry.path}: ${entry.reason}`),
    );
  }
  return parts.join('\n');
}
