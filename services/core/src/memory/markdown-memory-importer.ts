import { recordAuditEvent } from '../audit/audit-log.js';
import type { Clock } from '../clock/clock.js';
import type { Db } from '../db/db.js';
import type { Logger } from '../logging/logger.js';
import {
  categoryForHeading,
  type ParsedFact,
  parseMarkdownMemory,
  type SkipReason,
} from './markdown-memory-parser.js';
import type { MemoryDirectory, SkippedEntry, UserMemoryFolder } from './memory-directory-reader.js';
import { factKey, memoryRepository } from './memory-repository.js';
import type { MemoryCategory, NewMemory } from './memory-types.js';
import { telegramUserRepository } from './telegram-user-repository.js';

export interface MemoryImportDependencies {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** Named in the audit trail as the actor, e.g. 'import-memory-cli'. */
  actorId?: string;
}

export interface SkippedFact {
  file: string;
  line: number;
  reason: SkipReason;
  excerpt: string;
}

export interface UserImportReport {
  telegramId: number;
  /** Null only in a dry run, for a user the real run would create. */
  userId: string | null;
  /** The user was created (in a dry run: would be). */
  userCreated: boolean;
  files: string[];
  /** Facts read from the files (skipped lines not counted). */
  factsFound: number;
  /** Facts stored by this run (in a dry run: that would be stored). */
  new: number;
  /** Facts already stored, or repeated within the files. */
  duplicates: number;
  skipped: SkippedFact[];
}

export interface MemoryImportReport {
  directory: string;
  dryRun: boolean;
  users: UserImportReport[];
  skippedEntries: SkippedEntry[];
  totals: {
    users: number;
    usersCreated: number;
    factsFound: number;
    new: number;
    duplicates: number;
    skipped: number;
  };
}

const INSERT_BATCH = 500;

/** A file named like a heading ("preferences.md") sets the category of lines above any heading. */
function defaultCategoryForFile(fileName: string): MemoryCategory {
  return categoryForHeading(fileName.replace(/\.md$/i, '').replace(/[-_]+/g, ' '));
}

function readFolder(folder: UserMemoryFolder): { facts: ParsedFact[]; skipped: SkippedFact[] } {
  const facts: ParsedFact[] = [];
  const skipped: SkippedFact[] = [];
  for (const file of folder.files) {
    const parsed = parseMarkdownMemory(file.content, { defaultCategory: defaultCategoryForFile(file.name) });
    facts.push(...parsed.facts);
    skipped.push(...parsed.skipped.map((line) => ({ file: file.name, ...line })));
  }
  return { facts, skipped };
}

function uniqueFacts(facts: ParsedFact[]): NewMemory[] {
  const seen = new Map<string, NewMemory>();
  for (const fact of facts) {
    const key = factKey(fact);
    if (!seen.has(key)) seen.set(key, { category: fact.category, content: fact.content, source: 'import' });
  }
  return [...seen.values()];
}

async function planUser(db: Db, folder: UserMemoryFolder, unique: NewMemory[]) {
  const userId = await telegramUserRepository.findUserIdByTelegramId(db, folder.telegramId);
  if (!userId) return { userId: null, userCreated: true, newCount: unique.length };
  const existing = await memoryRepository.existingFactKeys(db, userId, unique);
  return {
    userId,
    userCreated: false,
    newCount: unique.filter((fact) => !existing.has(factKey(fact))).length,
  };
}

async function importUser(deps: MemoryImportDependencies, folder: UserMemoryFolder, unique: NewMemory[]) {
  const at = deps.clock.now();
  return deps.db.transaction(async (trx) => {
    const { userId, created } = await telegramUserRepository.findOrCreateUserByTelegramId(
      trx,
      folder.telegramId,
      at,
    );
    let newCount = 0;
    for (let start = 0; start < unique.length; start += INSERT_BATCH) {
      newCount += await memoryRepository.insertMemories(
        trx,
        userId,
        unique.slice(start, start + INSERT_BATCH),
        at,
      );
    }
    await recordAuditEvent(trx, {
      actorType: 'system',
      actorId: deps.actorId ?? 'memory-importer',
      action: 'memory.import',
      targetType: 'user',
      targetId: userId,
      outcome: 'success',
      details: { telegramId: folder.telegramId, userCreated: created, facts: unique.length, new: newCount },
      occurredAt: at,
    });
    return { userId, userCreated: created, newCount };
  });
}

/**
 * Imports the earlier bot's per-user markdown memories. Idempotent: facts already
 * stored are counted as duplicates, never stored twice (the unique index decides).
 * Each user is imported in one transaction; a dry run reads but writes nothing.
 */
export async function importMarkdownMemories(
  deps: MemoryImportDependencies,
  directory: MemoryDirectory,
  options: { dryRun: boolean },
): Promise<MemoryImportReport> {
  const users: UserImportReport[] = [];
  for (const folder of directory.users) {
    const { facts, skipped } = readFolder(folder);
    const unique = uniqueFacts(facts);
    const outcome = options.dryRun
      ? await planUser(deps.db, folder, unique)
      : await importUser(deps, folder, unique);
    users.push({
      telegramId: folder.telegramId,
      userId: outcome.userId,
      userCreated: outcome.userCreated,
      files: folder.files.map((file) => file.name),
      factsFound: facts.length,
      new: outcome.newCount,
      duplicates: facts.length - outcome.newCount,
      skipped,
    });
    deps.logger.info(
      {
        telegramId: folder.telegramId,
        userId: outcome.userId,
        userCreated: outcome.userCreated,
        factsFound: facts.length,
        new: outcome.newCount,
        dryRun: options.dryRun,
      },
      'memory import for user',
    );
  }
  const sum = (pick: (user: UserImportReport) => number) =>
    users.reduce((total, user) => total + pick(user), 0);
  return {
    directory: directory.directory,
    dryRun: options.dryRun,
    users,
    skippedEntries: directory.skipped,
    totals: {
      users: users.length,
      usersCreated: users.filter((user) => user.userCreated).length,
      factsFound: sum((user) => user.factsFound),
      new: sum((user) => user.new),
      duplicates: sum((user) => user.duplicates),
      skipped: sum((user) => user.skipped.length),
    },
  };
}
