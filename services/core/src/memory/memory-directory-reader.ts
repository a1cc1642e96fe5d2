import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Larger files are not memory notes; they are reported and left alone. */
export const MAX_MEMORY_FILE_BYTES = 1024 * 1024;

export interface MemoryFile {
  name: string;
  content: string;
}

export interface UserMemoryFolder {
  telegramId: number;
  /** The folder's name as found, e.g. "123456789". */
  folder: string;
  files: MemoryFile[];
}

export interface SkippedEntry {
  /** Relative to the imported directory. */
  path: string;
  reason: string;
}

export interface MemoryDirectory {
  directory: string;
  users: UserMemoryFolder[];
  skipped: SkippedEntry[];
}

/** A folder name that is a Telegram user id: a positive integer JavaScript holds exactly. */
export function telegramIdFromFolderName(name: string): number | null {
  if (!/^[1-9]\d{0,15}$/.test(name)) return null;
  const id = Number(name);
  return Number.isSafeInteger(id) ? id : null;
}

function byName(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/**
 * Reads `<dir>/<telegram_id>/*.md`, the earlier bot's layout. Anything else found
 * there is listed in `skipped` with the reason, so the report accounts for every entry.
 */
export async function readMemoryDirectory(directory: string): Promise<MemoryDirectory> {
  const users: UserMemoryFolder[] = [];
  const skipped: SkippedEntry[] = [];
  const entries = (await readdir(directory, { withFileTypes: true })).sort(byName);
  for (const entry of entries) {
    if (!entry.isDirectory()) {
      skipped.push({ path: entry.name, reason: 'not a folder (expected <telegram_id>/*.md)' });
      continue;
    }
    const telegramId = telegramIdFromFolderName(entry.name);
    if (telegramId === null) {
      skipped.push({ path: entry.name, reason: 'folder name is not a Telegram user id' });
      continue;
    }
    const files: MemoryFile[] = [];
    const children = (await readdir(join(directory, entry.name), { withFileTypes: true })).sort(byName);
    for (const child of children) {
      const path = `${entry.name}/${child.name}`;
      if (!child.isFile() || !child.name.toLowerCase().endsWith('.md')) {
        skipped.push({ path, reason: 'not a .md file' });
        continue;
      }
      const fullPath = join(directory, entry.name, child.name);
      if ((await stat(fullPath)).size > MAX_MEMORY_FILE_BYTES) {
        skipped.push({ path, reason: `larger than ${MAX_MEMORY_FILE_BYTES} bytes` });
        continue;
      }
      files.push({ name: child.name, content: await readFile(fullPath, 'utf8') });
    }
    users.push({ telegramId, folder: entry.name, files });
  }
  return { directory, users, skipped };
}
