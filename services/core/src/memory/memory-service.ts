import { z } from 'zod';
import type { Clock } from '../clock/clock.js';
import type { Db } from '../db/db.js';
import { NotFoundError, parseInput } from '../errors/index.js';
import type { Logger } from '../logging/logger.js';
import { conversationRepository } from './conversation-repository.js';
import { characterCount, containsNul, normalizeFactText } from './fact-text.js';
import { memoryRepository } from './memory-repository.js';
import { relevanceQueryText } from './memory-search-terms.js';
import {
  type AddMemoryResult,
  type AppendMessageResult,
  type ConversationMessage,
  DEFAULT_MESSAGE_CAP,
  MAX_FACT_LENGTH,
  MAX_MESSAGE_LENGTH,
  type Memory,
  type MemoryCategory,
  type MemoryPage,
  type MemorySource,
  type MessageRole,
  memoryCategories,
  memorySources,
  messageRoles,
} from './memory-types.js';

export interface MemoryServiceDependencies {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** Conversation messages kept per user; the oldest beyond it are pruned on append. */
  messageCap?: number;
}

/** What the agent, the bot and the API use to remember people and their conversations. */
export interface MemoryService {
  /** Stores a fact; the same fact in the same category is stored once and the stored one returned. */
  addFact(
    userId: string,
    input: { category: MemoryCategory; content: string; source?: MemorySource },
  ): Promise<AddMemoryResult>;
  listFacts(
    userId: string,
    options?: { category?: MemoryCategory; limit?: number; offset?: number },
  ): Promise<MemoryPage>;
  /** Facts sharing any word with the query, best match first; empty when none do. */
  searchFacts(
    userId: string,
    query: string,
    options?: { category?: MemoryCategory; limit?: number },
  ): Promise<Memory[]>;
  /** The facts most relevant to a message; the most recent facts when none match it. */
  relevantFacts(userId: string, message: string, limit?: number): Promise<Memory[]>;
  forgetFact(userId: string, memoryId: string): Promise<void>;
  /** Forgets every fact of the user; returns how many there were. */
  forgetAllFacts(userId: string): Promise<number>;
  appendMessage(userId: string, input: { role: MessageRole; content: string }): Promise<AppendMessageResult>;
  /** The newest messages, oldest first. */
  recentMessages(userId: string, limit?: number): Promise<ConversationMessage[]>;
  clearMessages(userId: string): Promise<number>;
}

const userIdSchema = z.uuid();

const factTextSchema = z
  .string()
  .transform(normalizeFactText)
  .refine((text) => text.length > 0, 'must not be empty')
  .refine((text) => characterCount(text) <= MAX_FACT_LENGTH, `must be at most ${MAX_FACT_LENGTH} characters`)
  .refine((text) => !containsNul(text), 'must not contain NUL characters');

const newFactSchema = z.object({
  category: z.enum(memoryCategories),
  content: factTextSchema,
  source: z.enum(memorySources).default('user'),
});

const listSchema = z.object({
  category: z.enum(memoryCategories).optional(),
  limit: z.number().int().min(1).max(200).default(50),
  offset: z.number().int().min(0).max(1_000_000).default(0),
});

const searchSchema = z.object({
  query: z.string().max(MAX_MESSAGE_LENGTH),
  category: z.enum(memoryCategories).optional(),
  limit: z.number().int().min(1).max(100).default(20),
});

const relevantSchema = z.object({
  message: z.string().max(MAX_MESSAGE_LENGTH),
  limit: z.number().int().min(1).max(100).default(10),
});

const messageSchema = z.object({
  role: z.enum(messageRoles),
  content: z
    .string()
    .refine(
      (text) => characterCount(text) <= MAX_MESSAGE_LENGTH,
      `must be at most ${MAX_MESSAGE_LENGTH} characters`,
    )
    .refine((text) => !containsNul(text), 'must not contain NUL characters'),
});

function isForeignKeyViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23503';
}

/** A write for a user that does not exist fails on the foreign key: that is a 404, not a 500. */
async function forExistingUser<T>(userId: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isForeignKeyViolation(error)) throw new NotFoundError('User not found', { userId }, { cause: error });
    throw error;
  }
}

export function createMemoryService(deps: MemoryServiceDependencies): MemoryService {
  const { db, clock, logger } = deps;
  const messageCap = parseInput(
    z.number().int().min(1).max(1_000_000),
    deps.messageCap ?? DEFAULT_MESSAGE_CAP,
    'message cap',
  );
  const user = (userId: string) => parseInput(userIdSchema, userId, 'user id');

  return {
    async addFact(userId, input) {
      const owner = user(userId);
      const fact = parseInput(newFactSchema, input, 'memory');
      return forExistingUser(owner, async () => {
        const inserted = await memoryRepository.insertMemory(db, owner, fact, clock.now());
        if (inserted) {
          logger.info({ userId: owner, memoryId: inserted.id, category: fact.category }, 'memory stored');
          return { memory: inserted, created: true };
        }
        const existing = await memoryRepository.findMemoryByFact(db, owner, fact);
        // The insert conflicted, so the row exists unless it was forgotten in between.
        if (!existing) throw new NotFoundError('Memory was removed while being stored', { userId: owner });
        return { memory: existing, created: false };
      });
    },

    async listFacts(userId, options = {}) {
      const owner = user(userId);
      const query = parseInput(listSchema, options, 'memory list query');
      const page = await memoryRepository.listMemories(db, owner, query);
      return { ...page, limit: query.limit, offset: query.offset };
    },

    async searchFacts(userId, query, options = {}) {
      const owner = user(userId);
      const search = parseInput(searchSchema, { query, ...options }, 'memory search');
      const text = relevanceQueryText(search.query);
      if (!text) return [];
      return memoryRepository.searchMemories(db, owner, text, search);
    },

    async relevantFacts(userId, message, limit) {
      const owner = user(userId);
      const request = parseInput(relevantSchema, { message, limit }, 'relevance request');
      const text = relevanceQueryText(request.message);
      const matched = text
        ? await memoryRepository.searchMemories(db, owner, text, { limit: request.limit })
        : [];
      if (matched.length > 0) return matched;
      return memoryRepository.recentMemories(db, owner, request.limit);
    },

    async forgetFact(userId, memoryId) {
      const owner = user(userId);
      const id = parseInput(z.uuid(), memoryId, 'memory id');
      // Another user's memory id is indistinguishable from one that never existed.
      if (!(await memoryRepository.deleteMemory(db, owner, id))) {
        throw new NotFoundError('Memory not found', { memoryId: id });
      }
      logger.info({ userId: owner, memoryId: id }, 'memory forgotten');
    },

    async forgetAllFacts(userId) {
      const owner = user(userId);
      const count = await memoryRepository.deleteAllMemories(db, owner);
      logger.info({ userId: owner, count }, 'all memories forgotten');
      return count;
    },

    async appendMessage(userId, input) {
      const owner = user(userId);
      const message = parseInput(messageSchema, input, 'conversation message');
      return forExistingUser(owner, () =>
        db.transaction(async (trx) => {
          await conversationRepository.lockUserConversation(trx, owner);
          const stored = await conversationRepository.insertMessage(trx, owner, message, clock.now());
          const pruned = await conversationRepository.pruneMessages(trx, owner, messageCap);
          if (pruned > 0) logger.debug({ userId: owner, pruned }, 'old conversation messages pruned');
          return { message: stored, pruned };
        }),
      );
    },

    async recentMessages(userId, limit = Math.min(20, messageCap)) {
      const owner = user(userId);
      const count = parseInput(z.number().int().min(1).max(messageCap), limit, 'message limit');
      return conversationRepository.recentMessages(db, owner, count);
    },

    async clearMessages(userId) {
      const owner = user(userId);
      const count = await conversationRepository.deleteMessages(db, owner);
      logger.info({ userId: owner, count }, 'conversation cleared');
      return count;
    },
  };
}
