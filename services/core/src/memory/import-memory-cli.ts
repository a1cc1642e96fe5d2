import { systemClock } from '../clock/clock.js';
import { loadConfig } from '../config/index.js';
import { createDatabase } from '../db/db.js';
import { createLogger } from '../logging/logger.js';
import { formatImportReport } from './import-report-format.js';
import { importMarkdownMemories } from './markdown-memory-importer.js';
import { readMemoryDirectory } from './memory-directory-reader.js';

const usage = 'usage: npm run import:memory -- <dir> [--dry-run] [--json]';

/** `npm run import:memory -- <dir> [--dry-run] [--json]`: imports the earlier bot's markdown memories. */
async function main(args: string[]): Promise<void> {
  const flags = new Set(args.filter((arg) => arg.startsWith('--')));
  const positional = args.filter((arg) => !arg.startsWith('--'));
  const unknown = [...flags].filter((flag) => flag !== '--dry-run' && flag !== '--json');
  if (positional.length !== 1 || unknown.length) throw new Error(usage);
  const config = loadConfig();
  // Logs go to stderr so stdout carries only the report.
  const logger = createLogger({
    level: config.LOG_LEVEL,
    service: 'import-memory',
    destination: process.stderr,
  });
  const db = createDatabase({ url: config.DATABASE_URL, poolMax: 2 });
  try {
    const directory = await readMemoryDirectory(positional[0] as string);
    const report = await importMarkdownMemories(
      { db, clock: systemClock, logger, actorId: 'import-memory-cli' },
      directory,
      { dryRun: flags.has('--dry-run') },
    );
    console.log(flags.has('--json') ? JSON.stringify(report, null, 2) : formatImportReport(report));
  } finally {
    await db.destroy();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
