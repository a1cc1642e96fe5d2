import { createHash } from 'node:crypto';
import type { Db } from '../db/db.js';
import type { Memory, MemoryCategory, MemorySource, NewMemory } from './memory-types.js';

interface MemoryRow {
  id: string;
  user_id: string;
  category: MemoryCategory;
  content: string;
  source: MemorySource;
  created_at: Date;
  updated_at: Date;
}

// Never `search`: the generated tsvector is the database's business.
const memoryColumns = ['id', 'user_id', 'category', 'content', 'source', 'created_at', 'updated_at'];

function toMemory(row: MemoryRow): Memory {
  return {
    id: row.id,
    userId: row.user_id,
    category: row.category,
    content: row.content,
    source: row.source,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

/** The key the unique index (user_id, category, md5(content)) dedupes on, within one user. */
export function factKey(fact: { category: MemoryCategory; content: string }): string {
  return `${fact.category}:${createHash('md5').update(fact.content, 'utf8').digest('hex')}`;
}

// Both the relevance and the search queries go through websearch_to_tsquery, which never
// fails on odd input, with the same 'english' configuration as the generated column.
const tsQuery = "websearch_to_tsquery('english', ?)";

// Deletes use RETURNING to count rows: knex-pglite resolves del() to the raw result, not a number.

/** Memories (categorised facts): the only SQL of the memory feature's facts. */
export const memoryRepository = {
  /** Inserts the fact; null when this user already has it in this category. */
  async insertMemory(db: Db, userId: string, fact: NewMemory, at: Date): Promise<Memory | null> {
    const insert = db('memories').insert({
      user_id: userId,
      category: fact.category,
      content: fact.content,
      source: fact.source,
      created_at: at,
      updated_at: at,
    });
    const result = await db.raw(
      `? ON CONFLICT (user_id, category, md5(content)) DO NOTHING RETURNING ${memoryColumns.join(', ')}`,
      [insert],
    );
    const [row] = (result as { rows: MemoryRow[] }).rows;
    return row ? toMemory(row) : null;
  },

  /** Inserts many facts, skipping those already stored; returns how many were new. */
  async insertMemories(db: Db, userId: string, facts: NewMemory[], at: Date): Promise<number> {
    if (facts.length === 0) return 0;
    const insert = db('memories').insert(
      facts.map((fact) => ({
        user_id: userId,
        category: fact.category,
        content: fact.content,
        source: fact.source,
        created_at: at,
        updated_at: at,
      })),
    );
    const result = await db.raw('? ON CONFLICT (user_id, category, md5(content)) DO NOTHING RETURNING id', [
      insert,
    ]);
    return (result as { rows: unknown[] }).rows.length;
  },

  async findMemoryByFact(
    db: Db,
    userId: string,
    fact: { category: MemoryCategory; content: string },
  ): Promise<Memory | null> {
    const row: MemoryRow | undefined = await db('memories')
      .select(memoryColumns)
      .where({ user_id: userId, category: fact.category })
      .whereRaw('md5(content) = md5(?)', [fact.content])
      .first();
    return row ? toMemory(row) : null;
  },

  /** Which of these facts the user already has, as factKey()s. */
  async existingFactKeys(
    db: Db,
    userId: string,
    facts: Array<{ category: MemoryCategory; content: string }>,
  ): Promise<Set<string>> {
    if (facts.length === 0) return new Set();
    const hashes = [...new Set(facts.map((fact) => factKey(fact).split(':')[1] as string))];
    const rows: Array<{ category: MemoryCategory; content: string }> = await db('memories')
      .select('category', 'content')
      .where('user_id', userId)
      .whereRaw('md5(content) = ANY(?::text[])', [hashes]);
    return new Set(rows.map(factKey));
  },

  async listMemories(
    db: Db,
    userId: string,
    options: { category?: MemoryCategory | undefined; limit: number; offset: number },
  ): Promise<{ items: Memory[]; total: number }> {
    const scope = { user_id: userId, ...(options.category ? { category: options.category } : {}) };
    const rows: MemoryRow[] = await db('memories')
      .select(memoryColumns)
      .where(scope)
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(options.limit)
      .offset(options.offset);
    const counted = await db('memories').where(scope).count<Array<{ count: string | number }>>('* as count');
    return { items: rows.map(toMemory), total: Number(counted[0]?.count ?? 0) };
  },

  /** Facts matching a websearch_to_tsquery text, best ts_rank first. */
  async searchMemories(
    db: Db,
    userId: string,
    queryText: string,
    options: { limit: number; category?: MemoryCategory | undefined },
  ): Promise<Memory[]> {
    const query = db('memories')
      .select(memoryColumns)
      .where('user_id', userId)
      .whereRaw(`search @@ ${tsQuery}`, [queryText])
      .orderByRaw(`ts_rank(search, ${tsQuery}) DESC, updated_at DESC, id`, [queryText])
      .limit(options.limit);
    if (options.category) query.where('category', options.category);
    const rows: MemoryRow[] = await query;
    return rows.map(toMemory);
  },

  async recentMemories(db: Db, userId: string, limit: number): Promise<Memory[]> {
    const rows: MemoryRow[] = await db('memories')
      .select(memoryColumns)
      .where('user_id', userId)
      .orderBy([
        { column: 'updated_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(limit);
    return rows.map(toMemory);
  },

  async deleteMemory(db: Db, userId: string, memoryId: string): Promise<boolean> {
    const deleted = await db('memories').where({ user_id: userId, id: memoryId }).del().returning('id');
    return deleted.length > 0;
  },

  async deleteAllMemories(db: Db, userId: string): Promise<number> {
    const deleted = await db('memories').where('user_id', userId).del().returning('id');
    return deleted.length;
  },
};
