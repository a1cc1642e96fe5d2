import type { Knex } from 'knex';
import { ManualClock } from '../clock/clock.js';
import { createDatabase } from '../db/db.js';
import type { ActivityRecorder } from '../gamification/activity.js';
import { createLogger } from '../logging/logger.js';
import { insertTestUser } from '../testing/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-backends.js';
import { createRemindersService, type RemindersService } from './reminders-service.js';

jest.setTimeout(120_000);

const logger = createLogger({ level: 'silent', service: 'test' });
const unusedRecorder: ActivityRecorder = {
  recordActivity: () => Promise.reject(new Error('no activity in dispatcher tests')),
};
const CLAIMERS = 6;
const DUE = 240;
const now = new Date('2026-03-02T10:00:00Z');

describe('claimDueReminders under concurrent dispatchers (integration)', () => {
  let testDb: TestDatabase;
  /** One connection pool per dispatcher on PostgreSQL; PGlite has one connection, so its claims run one at a time. */
  let pools: Knex[];
  let services: RemindersService[];

  beforeAll(async () => {
    testDb = await createTestDatabase();
    pools =
      testDb.backend === 'postgres'
        ? Array.from({ length: CLAIMERS }, () => createDatabase({ url: testDb.url, poolMax: 2 }))
        : Array.from({ length: CLAIMERS }, () => testDb.db);
    // Open every connection first so all dispatchers start together.
    await Promise.all(pools.map((pool) => pool.raw('SELECT 1')));
    services = pools.map((pool) =>
      createRemindersService({
        db: pool,
        clock: new ManualClock(now),
        logger,
        activityRecorder: unusedRecorder,
      }),
    );
    console.log(`concurrent claim tests on ${testDb.backend} with ${CLAIMERS} dispatchers`);
  });

  afterAll(async () => {
    if (testDb.backend === 'postgres') await Promise.all(pools.map((pool) => pool.destroy()));
    await testDb.cleanup();
  });

  async function insertDueReminders(count: number): Promise<string[]> {
    await testDb.db('reminders').delete();
    const users = await Promise.all(
      [1, 2, 3].map(() => insertTestUser(testDb.db, { timezone: 'Europe/Stockholm' })),
    );
    const rows = Array.from({ length: count }, (_, i) => ({
      user_id: users[i % users.length],
      kind: 'daily',
      message: `Reminder ${i} ⏰`,
      time_of_day: '10:00',
      // Due at different past minutes, so ordering and ties both occur.
      next_run_at: new Date(now.getTime() - (i % 7) * 60_000),
    }));
    const inserted = await testDb.db('reminders').insert(rows).returning('id');
    return inserted.map((row: { id: string }) => row.id);
  }

  it('when dispatchers claim and send in small batches at once, then every due reminder is sent exactly once', async () => {
    const ids = await insertDueReminders(DUE);
    const claimedBy = await Promise.all(
      services.map(async (service, index) => {
        const claimerId = `dispatcher-${index}`;
        const mine: string[] = [];
        for (;;) {
          const batch = await service.claimDueReminders(now, 5, claimerId, 60_000);
          if (batch.length === 0) return mine;
          for (const reminder of batch) {
            mine.push(reminder.id);
            await service.markSent(reminder.id, reminder.scheduledFor, claimerId);
          }
        }
      }),
    );
    const all = claimedBy.flat();
    expect(all).toHaveLength(DUE);
    expect(new Set(all)).toEqual(new Set(ids));
    if (testDb.backend === 'postgres') {
      // Real concurrency: the work was shared, not taken by whoever came first.
      expect(claimedBy.filter((mine) => mine.length > 0).length).toBeGreaterThan(1);
    }
    const sent = await testDb
      .db('reminder_events')
      .where({ action: 'sent' })
      .count<{ count: string }[]>('* as count');
    expect(Number(sent[0]?.count)).toBe(DUE);
    const stillDue = await testDb
      .db('reminders')
      .where('next_run_at', '<=', now)
      .orWhereNotNull('claimed_by')
      .count<{ count: string }[]>('* as count');
    expect(Number(stillDue[0]?.count)).toBe(0);
  });

  it('when every dispatcher asks for everything at the same moment, then each reminder goes to exactly one of them', async () => {
    const ids = await insertDueReminders(DUE);
    const batches = await Promise.all(
      services.map((service, index) => service.claimDueReminders(now, DUE, `greedy-${index}`, 60_000)),
    );
    const all = batches.flat();
    expect(all).toHaveLength(DUE);
    expect(new Set(all.map((reminder) => reminder.id))).toEqual(new Set(ids));
    // The database agrees with what each dispatcher was told.
    for (const [index, batch] of batches.entries()) {
      for (const reminder of batch) expect(reminder.claimedBy).toBe(`greedy-${index}`);
    }
    const owners = await testDb.db('reminders').select('id', 'claimed_by');
    const told = new Map(all.map((reminder) => [reminder.id, reminder.claimedBy]));
    for (const row of owners) expect(row.claimed_by).toBe(told.get(row.id));
    // Nothing is handed out twice while the leases hold.
    const again = await Promise.all(
      services.map((service, index) => service.claimDueReminders(now, DUE, `late-${index}`, 60_000)),
    );
    expect(again.flat()).toEqual([]);
  });
});
