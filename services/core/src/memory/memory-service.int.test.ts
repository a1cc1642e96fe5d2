import type { Knex } from 'knex';
import { ManualClock } from '../clock/clock.js';
import { NotFoundError, ValidationError } from '../errors/index.js';
import { createLogger } from '../logging/logger.js';
import { insertTestUser } from '../testing/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-backends.js';
import { createMemoryService, type MemoryService } from './memory-service.js';

// PGlite migrations are slow on a busy machine.
jest.setTimeout(60_000);

const logger = createLogger({ level: 'silent', service: 'test' });
const missingUser = '00000000-0000-4000-8000-000000000000';

describe('MemoryService (integration)', () => {
  let testDb: TestDatabase;
  let db: Knex;
  let clock: ManualClock;
  let memory: MemoryService;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = testDb.db;
    clock = new ManualClock('2026-03-01T10:00:00Z');
    memory = createMemoryService({ db, clock, logger, messageCap: 5 });
    console.log(`memory service tests on ${testDb.backend}`);
  });

  afterAll(async () => {
    await testDb.cleanup();
  });

  describe('facts', () => {
    it('when a fact is added, then it is stored with category, source and timestamps', async () => {
      const userId = await insertTestUser(db);
      const { memory: stored, created } = await memory.addFact(userId, {
        category: 'preference',
        content: '  Likes   oat milk ',
        source: 'agent',
      });
      expect(created).toBe(true);
      expect(stored).toMatchObject({
        userId,
        category: 'preference',
        content: 'Likes oat milk',
        source: 'agent',
        createdAt: new Date('2026-03-01T10:00:00Z'),
        updatedAt: new Date('2026-03-01T10:00:00Z'),
      });
      const page = await memory.listFacts(userId);
      expect(page.items).toEqual([stored]);
    });

    it('when no source is given, then the source is user', async () => {
      const userId = await insertTestUser(db);
      const { memory: stored } = await memory.addFact(userId, {
        category: 'goal',
        content: 'Run a marathon',
      });
      expect(stored.source).toBe('user');
    });

    it('when the same fact is added twice in one category, then it is stored once and the first returned', async () => {
      const userId = await insertTestUser(db);
      const first = await memory.addFact(userId, {
        category: 'condition',
        content: 'Allergic to peanuts 🥜',
      });
      const again = await memory.addFact(userId, {
        category: 'condition',
        content: 'Allergic  to peanuts 🥜',
        source: 'import',
      });
      expect(again).toEqual({ memory: first.memory, created: false });
      const other = await memory.addFact(userId, { category: 'other', content: 'Allergic to peanuts 🥜' });
      expect(other.created).toBe(true);
      expect((await memory.listFacts(userId)).total).toBe(2);
    });

    it('when two users add the same fact, then each has their own', async () => {
      const a = await insertTestUser(db);
      const b = await insertTestUser(db);
      const first = await memory.addFact(a, { category: 'habit', content: 'Walks daily' });
      const second = await memory.addFact(b, { category: 'habit', content: 'Walks daily' });
      expect(second.created).toBe(true);
      expect(second.memory.id).not.toBe(first.memory.id);
    });

    it('when the same fact is added concurrently, then exactly one row exists', async () => {
      const userId = await insertTestUser(db);
      const results = await Promise.all(
        Array.from({ length: 6 }, () =>
          memory.addFact(userId, { category: 'goal', content: 'Sleep 8 hours' }),
        ),
      );
      expect(new Set(results.map((result) => result.memory.id)).size).toBe(1);
      expect(results.filter((result) => result.created)).toHaveLength(1);
      expect((await memory.listFacts(userId)).total).toBe(1);
    });

    it.each([
      ['empty', { category: 'goal', content: '' }],
      ['blank', { category: 'goal', content: '   \n\t ' }],
      ['longer than 2000 characters', { category: 'goal', content: 'x'.repeat(2001) }],
      ['holding NUL', { category: 'goal', content: 'a\u0000b' }],
      ['of an unknown category', { category: 'mood', content: 'happy' }],
      ['of an unknown source', { category: 'goal', content: 'ok', source: 'hacker' }],
    ])('when the fact is %s, then it is refused with a validation error', async (_why, input) => {
      const userId = await insertTestUser(db);
      await expect(memory.addFact(userId, input as never)).rejects.toBeInstanceOf(ValidationError);
      expect((await memory.listFacts(userId)).total).toBe(0);
    });

    it('when a fact is exactly 2000 emoji, then it is accepted (characters, not UTF-16 units)', async () => {
      const userId = await insertTestUser(db);
      const { memory: stored } = await memory.addFact(userId, {
        category: 'other',
        content: '🍣'.repeat(2000),
      });
      expect([...stored.content]).toHaveLength(2000);
    });

    it('when the user does not exist or the id is malformed, then adding fails clearly', async () => {
      await expect(memory.addFact(missingUser, { category: 'goal', content: 'x' })).rejects.toBeInstanceOf(
        NotFoundError,
      );
      await expect(memory.addFact('not-a-uuid', { category: 'goal', content: 'x' })).rejects.toBeInstanceOf(
        ValidationError,
      );
    });

    it('when facts are listed, then they are paged newest first and filtered by category', async () => {
      const userId = await insertTestUser(db);
      for (let i = 1; i <= 5; i += 1) {
        clock.set(`2026-03-0${i}T08:00:00Z`);
        await memory.addFact(userId, { category: i % 2 ? 'habit' : 'goal', content: `fact ${i}` });
      }
      const firstPage = await memory.listFacts(userId, { limit: 2 });
      expect(firstPage).toMatchObject({ total: 5, limit: 2, offset: 0 });
      expect(firstPage.items.map((item) => item.content)).toEqual(['fact 5', 'fact 4']);
      const secondPage = await memory.listFacts(userId, { limit: 2, offset: 2 });
      expect(secondPage.items.map((item) => item.content)).toEqual(['fact 3', 'fact 2']);
      const habits = await memory.listFacts(userId, { category: 'habit' });
      expect(habits.total).toBe(3);
      expect(habits.items.map((item) => item.content)).toEqual(['fact 5', 'fact 3', 'fact 1']);
      await expect(memory.listFacts(userId, { limit: 0 })).rejects.toBeInstanceOf(ValidationError);
      await expect(memory.listFacts(userId, { offset: -1 })).rejects.toBeInstanceOf(ValidationError);
      await expect(memory.listFacts(userId, { limit: 10_000 })).rejects.toBeInstanceOf(ValidationError);
    });
  });

  describe('relevance and search', () => {
    let userId: string;
    let otherUser: string;

    beforeAll(async () => {
      userId = await insertTestUser(db);
      otherUser = await insertTestUser(db);
      clock.set('2026-04-01T00:00:00Z');
      await memory.addFact(userId, { category: 'condition', content: 'Allergic to peanuts and tree nuts' });
      clock.set('2026-04-02T00:00:00Z');
      await memory.addFact(userId, { category: 'habit', content: 'Runs every morning before work' });
      clock.set('2026-04-03T00:00:00Z');
      await memory.addFact(userId, { category: 'preference', content: 'Prefers oat milk in coffee' });
      clock.set('2026-04-04T00:00:00Z');
      await memory.addFact(userId, {
        category: 'goal',
        content: 'Wants to run a half marathon, running 3 runs a week',
      });
      await memory.addFact(otherUser, { category: 'condition', content: 'Allergic to peanuts' });
    });

    it('when a message shares words with facts, then those facts come back, best rank first', async () => {
      const facts = await memory.relevantFacts(userId, 'Can I eat a peanut butter sandwich?', 5);
      expect(facts.map((fact) => fact.content)).toEqual(['Allergic to peanuts and tree nuts']);
    });

    it("when several facts match, then ts_rank orders them (more of the message's words first)", async () => {
      const facts = await memory.relevantFacts(userId, 'I went running this morning', 5);
      expect(facts.map((fact) => fact.content)).toEqual([
        'Runs every morning before work',
        'Wants to run a half marathon, running 3 runs a week',
      ]);
      const marathon = await memory.relevantFacts(userId, 'how far should I run for a marathon?', 5);
      expect(marathon[0]?.content).toBe('Wants to run a half marathon, running 3 runs a week');
    });

    it('when nothing matches the message, then the most recent facts come back', async () => {
      const facts = await memory.relevantFacts(userId, 'What is the weather like?', 2);
      expect(facts.map((fact) => fact.content)).toEqual([
        'Wants to run a half marathon, running 3 runs a week',
        'Prefers oat milk in coffee',
      ]);
    });

    it('when the message has no words or only stop words, then the most recent facts come back', async () => {
      expect(await memory.relevantFacts(userId, '🍕🍕', 1)).toHaveLength(1);
      expect((await memory.relevantFacts(userId, 'the and a of', 1))[0]?.category).toBe('goal');
      expect(await memory.relevantFacts(userId, '', 10)).toHaveLength(4);
    });

    it("when another user's facts match, then they are never returned", async () => {
      const facts = await memory.relevantFacts(otherUser, 'peanut running coffee', 10);
      expect(facts.map((fact) => fact.userId)).toEqual([otherUser]);
      const mine = await memory.relevantFacts(userId, 'peanut', 10);
      expect(mine.every((fact) => fact.userId === userId)).toBe(true);
    });

    it('when operators or odd characters are typed, then the search still works and never fails', async () => {
      const facts = await memory.searchFacts(userId, '"coffee" -milk OR (!&|:*) \\ \'');
      expect(facts.map((fact) => fact.content)).toEqual(['Prefers oat milk in coffee']);
    });

    it('when searching, then no fallback applies and the category filter holds', async () => {
      expect(await memory.searchFacts(userId, 'weather forecast')).toEqual([]);
      expect(await memory.searchFacts(userId, '')).toEqual([]);
      const habits = await memory.searchFacts(userId, 'run morning', { category: 'habit' });
      expect(habits.map((fact) => fact.category)).toEqual(['habit']);
    });

    it('when a limit is given, then at most that many facts come back; absurd limits are refused', async () => {
      expect(await memory.relevantFacts(userId, 'run running runs morning', 1)).toHaveLength(1);
      await expect(memory.relevantFacts(userId, 'x', 0)).rejects.toBeInstanceOf(ValidationError);
      await expect(memory.relevantFacts(userId, 'x', 1000)).rejects.toBeInstanceOf(ValidationError);
      await expect(memory.searchFacts(userId, 'x', { limit: -1 })).rejects.toBeInstanceOf(ValidationError);
    });

    it('when the user has no facts, then relevance returns nothing', async () => {
      const empty = await insertTestUser(db);
      expect(await memory.relevantFacts(empty, 'peanut')).toEqual([]);
    });
  });

  describe('forgetting', () => {
    it('when one fact is forgotten, then only it is gone', async () => {
      const userId = await insertTestUser(db);
      const { memory: a } = await memory.addFact(userId, { category: 'other', content: 'a' });
      const { memory: b } = await memory.addFact(userId, { category: 'other', content: 'b' });
      await memory.forgetFact(userId, a.id);
      expect((await memory.listFacts(userId)).items.map((item) => item.id)).toEqual([b.id]);
      await expect(memory.forgetFact(userId, a.id)).rejects.toBeInstanceOf(NotFoundError);
    });

    it("when a user forgets another user's fact id, then it is not found and the fact stays", async () => {
      const owner = await insertTestUser(db);
      const intruder = await insertTestUser(db);
      const { memory: fact } = await memory.addFact(owner, { category: 'other', content: 'private' });
      await expect(memory.forgetFact(intruder, fact.id)).rejects.toBeInstanceOf(NotFoundError);
      expect((await memory.listFacts(owner)).total).toBe(1);
      await expect(memory.forgetFact(owner, 'nope')).rejects.toBeInstanceOf(ValidationError);
    });

    it('when all facts are forgotten, then the count is returned and other users keep theirs', async () => {
      const userId = await insertTestUser(db);
      const other = await insertTestUser(db);
      await memory.addFact(userId, { category: 'other', content: 'one' });
      await memory.addFact(userId, { category: 'goal', content: 'two' });
      await memory.addFact(other, { category: 'goal', content: 'two' });
      expect(await memory.forgetAllFacts(userId)).toBe(2);
      expect(await memory.forgetAllFacts(userId)).toBe(0);
      expect((await memory.listFacts(userId)).total).toBe(0);
      expect((await memory.listFacts(other)).total).toBe(1);
    });

    it('when a forgotten fact is added again, then it is stored anew', async () => {
      const userId = await insertTestUser(db);
      const first = await memory.addFact(userId, { category: 'goal', content: 'again' });
      await memory.forgetFact(userId, first.memory.id);
      const second = await memory.addFact(userId, { category: 'goal', content: 'again' });
      expect(second.created).toBe(true);
    });
  });

  describe('conversation messages', () => {
    it('when messages are appended, then recent ones come back oldest first', async () => {
      const userId = await insertTestUser(db);
      clock.set('2026-05-01T12:00:00Z');
      const first = await memory.appendMessage(userId, { role: 'user', content: 'Hej! 👋' });
      clock.set('2026-05-01T12:00:01Z');
      await memory.appendMessage(userId, { role: 'assistant', content: 'Hello' });
      await memory.appendMessage(userId, { role: 'tool', content: '' });
      expect(first).toMatchObject({
        pruned: 0,
        message: { userId, role: 'user', content: 'Hej! 👋', createdAt: new Date('2026-05-01T12:00:00Z') },
      });
      const recent = await memory.recentMessages(userId, 2);
      expect(recent.map((message) => message.role)).toEqual(['assistant', 'tool']);
      expect((await memory.recentMessages(userId)).map((message) => message.content)).toEqual([
        'Hej! 👋',
        'Hello',
        '',
      ]);
    });

    it('when the cap is exceeded, then the oldest messages are pruned in the same append', async () => {
      const userId = await insertTestUser(db);
      const other = await insertTestUser(db);
      await memory.appendMessage(other, { role: 'user', content: 'other user' });
      const results = [];
      for (let i = 1; i <= 7; i += 1)
        results.push(await memory.appendMessage(userId, { role: 'user', content: `m${i}` }));
      expect(results.map((result) => result.pruned)).toEqual([0, 0, 0, 0, 0, 1, 1]);
      expect((await memory.recentMessages(userId, 5)).map((message) => message.content)).toEqual([
        'm3',
        'm4',
        'm5',
        'm6',
        'm7',
      ]);
      expect(await memory.recentMessages(other, 5)).toHaveLength(1);
    });

    it('when many appends race, then the user ends at the cap exactly', async () => {
      const userId = await insertTestUser(db);
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          memory.appendMessage(userId, { role: 'user', content: `r${i}` }),
        ),
      );
      const count = await db('conversation_messages')
        .where('user_id', userId)
        .count<Array<{ count: string }>>('* as count');
      expect(Number(count[0]?.count)).toBe(5);
    });

    it('when the cap is configured with the default, then 1000 messages are kept', async () => {
      const defaultCap = createMemoryService({ db, clock, logger });
      const userId = await insertTestUser(db);
      await db('conversation_messages').insert(
        Array.from({ length: 1000 }, (_, i) => ({ user_id: userId, role: 'user', content: `bulk ${i}` })),
      );
      const appended = await defaultCap.appendMessage(userId, { role: 'assistant', content: 'newest' });
      expect(appended.pruned).toBe(1);
      const recent = await defaultCap.recentMessages(userId, 1000);
      expect(recent).toHaveLength(1000);
      expect(recent[0]?.content).toBe('bulk 1');
      expect(recent[999]?.content).toBe('newest');
    });

    it('when a message is invalid or the user is missing, then nothing is stored', async () => {
      const userId = await insertTestUser(db);
      await expect(
        memory.appendMessage(userId, { role: 'robot' as never, content: 'x' }),
      ).rejects.toBeInstanceOf(ValidationError);
      await expect(
        memory.appendMessage(userId, { role: 'user', content: 'x'.repeat(20_001) }),
      ).rejects.toBeInstanceOf(ValidationError);
      await expect(memory.appendMessage(userId, { role: 'user', content: 'a\u0000' })).rejects.toBeInstanceOf(
        ValidationError,
      );
      await expect(memory.appendMessage(missingUser, { role: 'user', content: 'x' })).rejects.toBeInstanceOf(
        NotFoundError,
      );
      await expect(memory.recentMessages(userId, 0)).rejects.toBeInstanceOf(ValidationError);
      await expect(memory.recentMessages(userId, 6)).rejects.toBeInstanceOf(ValidationError);
      expect(await memory.recentMessages(userId)).toEqual([]);
    });

    it('when the conversation is cleared, then only that user loses messages', async () => {
      const userId = await insertTestUser(db);
      const other = await insertTestUser(db);
      await memory.appendMessage(userId, { role: 'user', content: 'a' });
      await memory.appendMessage(userId, { role: 'user', content: 'b' });
      await memory.appendMessage(other, { role: 'user', content: 'c' });
      expect(await memory.clearMessages(userId)).toBe(2);
      expect(await memory.recentMessages(userId)).toEqual([]);
      expect(await memory.recentMessages(other)).toHaveLength(1);
    });

    it('when the configured cap is not a positive integer, then the service refuses to start', () => {
      expect(() => createMemoryService({ db, clock, logger, messageCap: 0 })).toThrow(ValidationError);
    });
  });
});
