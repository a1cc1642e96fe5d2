import type { Knex } from 'knex';
import { ManualClock } from '../clock/clock.js';
import type { Db } from '../db/db.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors/index.js';
import type { Activity, ActivityOutcome, ActivityRecorder } from '../gamification/activity.js';
import { createLogger } from '../logging/logger.js';
import { insertTestUser } from '../testing/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-backends.js';
import { createRemindersService, type RemindersService } from './reminders-service.js';

const logger = createLogger({ level: 'silent', service: 'test' });
const missingId = '00000000-0000-4000-8000-000000000000';

// PGlite migrations are slow on a busy machine.
jest.setTimeout(60_000);

/** Records what it is asked to pay, and how many done events the caller's transaction sees at that moment. */
class RecordingActivityRecorder implements ActivityRecorder {
  calls: Array<{ activity: Activity; doneEventsVisible: number }> = [];
  failNext = false;

  async recordActivity(db: Db, activity: Activity): Promise<ActivityOutcome> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('gamification unavailable');
    }
    const row = await db('reminder_events')
      .where({ action: 'done' })
      .count<{ count: string | number }[]>('* as count');
    this.calls.push({ activity, doneEventsVisible: Number(row[0]?.count ?? 0) });
    return {
      xpAwarded: 15,
      totalXp: 15,
      level: 1,
      leveledUp: false,
      achievementsUnlocked: [],
      streakMilestones: [],
    };
  }
}

describe('RemindersService (integration)', () => {
  let testDb: TestDatabase;
  let db: Knex;
  let clock: ManualClock;
  let recorder: RecordingActivityRecorder;
  let reminders: RemindersService;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = testDb.db;
    console.log(`reminders service tests on ${testDb.backend}`);
  });

  afterAll(async () => {
    await testDb.cleanup();
  });

  beforeEach(async () => {
    // The dispatcher side sees every user's reminders: each test starts from none.
    await db('reminders').delete();
    clock = new ManualClock('2026-03-02T10:00:00Z'); // a Monday
    recorder = new RecordingActivityRecorder();
    reminders = createRemindersService({ db, clock, logger, activityRecorder: recorder });
  });

  /** Claims what is due at `now` and sends it, as the dispatcher would. */
  async function dispatch(now: string, claimer = 'dispatcher-1') {
    clock.set(now);
    const claimed = await reminders.claimDueReminders(new Date(now), 50, claimer, 60_000);
    for (const reminder of claimed) await reminders.markSent(reminder.id, reminder.scheduledFor, claimer);
    return claimed;
  }

  describe('creating, reading, changing and deleting', () => {
    it('when a daily reminder is created, then next_run_at is its next local time in the user zone', async () => {
      const userId = await insertTestUser(db, { timezone: 'Europe/Stockholm' });
      const created = await reminders.create(userId, { kind: 'daily', message: 'Vatten 💧', time: '08:00' });
      expect(created).toMatchObject({
        userId,
        kind: 'daily',
        message: 'Vatten 💧',
        timeOfDay: '08:00',
        weekdays: [1, 2, 3, 4, 5, 6, 7],
        runAt: null,
        enabled: true,
        nextRunAt: new Date('2026-03-03T07:00:00Z'), // 10:00 UTC is 11:00 local: tomorrow 08:00 CET
        createdAt: new Date('2026-03-02T10:00:00Z'),
      });
      expect(await reminders.get(userId, created.id)).toEqual(created);
    });

    it('when a weekly reminder is created, then it fires on its weekday', async () => {
      const userId = await insertTestUser(db, { timezone: 'America/New_York' });
      const created = await reminders.create(userId, {
        kind: 'weekly',
        message: 'Weigh in',
        time: '07:30',
        weekday: 6,
      });
      expect(created.weekdays).toEqual([6]);
      expect(created.nextRunAt).toEqual(new Date('2026-03-07T12:30:00Z')); // Saturday 07:30 EST
    });

    it('when a one-time reminder is created, then it fires at run_at; in the past it is refused', async () => {
      const userId = await insertTestUser(db);
      const once = await reminders.create(userId, {
        kind: 'once',
        message: 'Dentist',
        runAt: '2026-03-05T09:00:00Z',
      });
      expect(once).toMatchObject({
        kind: 'once',
        weekdays: [],
        timeOfDay: null,
        nextRunAt: new Date('2026-03-05T09:00:00Z'),
      });
      await expect(
        reminders.create(userId, { kind: 'once', message: 'Too late', runAt: '2026-03-02T10:00:00Z' }),
      ).rejects.toThrow(ValidationError);
    });

    it('when a message is 500 emoji, then it is stored and read back intact', async () => {
      const userId = await insertTestUser(db);
      const message = '🥦'.repeat(500);
      const created = await reminders.create(userId, { kind: 'daily', message, time: '12:00' });
      expect((await reminders.get(userId, created.id)).message).toBe(message);
      await expect(
        reminders.create(userId, { kind: 'daily', message: `${message}🥦`, time: '12:00' }),
      ).rejects.toThrow(ValidationError);
    });

    it('when the user does not exist or the id is malformed, then it is not found', async () => {
      await expect(
        reminders.create(missingId, { kind: 'daily', message: 'x', time: '08:00' }),
      ).rejects.toThrow(NotFoundError);
      await expect(
        reminders.create('not-a-uuid', { kind: 'daily', message: 'x', time: '08:00' }),
      ).rejects.toThrow(NotFoundError);
      const userId = await insertTestUser(db);
      await expect(reminders.get(userId, 'not-a-uuid')).rejects.toThrow(NotFoundError);
      await expect(reminders.list(missingId)).rejects.toThrow(NotFoundError);
    });

    it("when another user's reminder is read, changed, answered or deleted, then it is not found and stays intact", async () => {
      const owner = await insertTestUser(db);
      const intruder = await insertTestUser(db);
      const theirs = await reminders.create(owner, { kind: 'daily', message: 'Mine', time: '08:00' });
      await expect(reminders.get(intruder, theirs.id)).rejects.toThrow(NotFoundError);
      await expect(reminders.update(intruder, theirs.id, { message: 'Hacked' })).rejects.toThrow(
        NotFoundError,
      );
      await expect(reminders.disable(intruder, theirs.id)).rejects.toThrow(NotFoundError);
      await expect(reminders.enable(intruder, theirs.id)).rejects.toThrow(NotFoundError);
      await expect(reminders.markDone(intruder, theirs.id)).rejects.toThrow(NotFoundError);
      await expect(reminders.skip(intruder, theirs.id)).rejects.toThrow(NotFoundError);
      await expect(reminders.snooze(intruder, theirs.id, { minutes: 5 })).rejects.toThrow(NotFoundError);
      await expect(reminders.stats(intruder, { reminderId: theirs.id })).rejects.toThrow(NotFoundError);
      await expect(reminders.delete(intruder, theirs.id)).rejects.toThrow(NotFoundError);
      expect(await reminders.list(intruder)).toEqual([]);
      expect(await reminders.get(owner, theirs.id)).toEqual(theirs);
    });

    it('when reminders are listed, then only the user’s own come back, the soonest first', async () => {
      const userId = await insertTestUser(db);
      const other = await insertTestUser(db);
      const late = await reminders.create(userId, { kind: 'daily', message: 'Late', time: '21:00' });
      const early = await reminders.create(userId, { kind: 'daily', message: 'Early', time: '11:00' });
      const off = await reminders.create(userId, { kind: 'daily', message: 'Off', time: '12:00' });
      await reminders.disable(userId, off.id);
      await reminders.create(other, { kind: 'daily', message: 'Not yours', time: '10:30' });
      expect((await reminders.list(userId)).map((r) => r.id)).toEqual([early.id, late.id, off.id]);
    });

    it('when the time changes, then next_run_at is recomputed; when only the message changes, it is kept', async () => {
      const userId = await insertTestUser(db, { timezone: 'Europe/Stockholm' });
      const created = await reminders.create(userId, { kind: 'daily', message: 'Walk', time: '08:00' });
      clock.set('2026-03-02T11:00:00Z');
      const renamed = await reminders.update(userId, created.id, { message: 'Walk 🚶' });
      expect(renamed).toMatchObject({ message: 'Walk 🚶', nextRunAt: created.nextRunAt });
      expect(renamed.updatedAt).toEqual(new Date('2026-03-02T11:00:00Z'));
      const moved = await reminders.update(userId, created.id, { time: '18:30' });
      expect(moved.nextRunAt).toEqual(new Date('2026-03-02T17:30:00Z'));
      const weekdaysOnly = await reminders.update(userId, created.id, { weekdays: [6, 7] });
      expect(weekdaysOnly.nextRunAt).toEqual(new Date('2026-03-07T17:30:00Z'));
      await expect(reminders.update(userId, created.id, { time: '7:5' })).rejects.toThrow(ValidationError);
      await expect(reminders.update(userId, created.id, { weekdays: [] })).rejects.toThrow(ValidationError);
    });

    it('when a reminder is deleted, then it is gone with its history', async () => {
      const userId = await insertTestUser(db);
      const created = await reminders.create(userId, { kind: 'daily', message: 'x', time: '10:30' });
      await dispatch('2026-03-02T10:30:00Z');
      await reminders.delete(userId, created.id);
      await expect(reminders.get(userId, created.id)).rejects.toThrow(NotFoundError);
      expect(await db('reminder_events').where({ reminder_id: created.id })).toEqual([]);
      await expect(reminders.delete(userId, created.id)).rejects.toThrow(NotFoundError);
    });

    it('when a reminder is disabled and enabled, then it stops and resumes from now', async () => {
      const userId = await insertTestUser(db);
      const created = await reminders.create(userId, { kind: 'daily', message: 'x', time: '09:00' });
      const disabled = await reminders.disable(userId, created.id, { reason: '  on holiday 🏖️ ' });
      expect(disabled).toMatchObject({ enabled: false, pausedReason: 'on holiday 🏖️', nextRunAt: null });
      expect(await dispatch('2026-03-03T09:00:00Z')).toEqual([]);
      clock.set('2026-03-05T12:00:00Z');
      const enabled = await reminders.enable(userId, created.id);
      expect(enabled).toMatchObject({
        enabled: true,
        pausedReason: null,
        nextRunAt: new Date('2026-03-06T09:00:00Z'),
      });
      expect(await reminders.enable(userId, created.id)).toEqual(enabled);
      expect((await reminders.disable(userId, created.id)).pausedReason).toBe('disabled');
    });

    it('when a disabled one-time reminder whose time has passed is enabled, then it is refused', async () => {
      const userId = await insertTestUser(db);
      const once = await reminders.create(userId, {
        kind: 'once',
        message: 'x',
        runAt: '2026-03-02T12:00:00Z',
      });
      await reminders.disable(userId, once.id);
      clock.set('2026-03-02T13:00:00Z');
      await expect(reminders.enable(userId, once.id)).rejects.toThrow(ConflictError);
    });

    it('when a user reaches the reminder limit, then another is refused', async () => {
      const limited = createRemindersService({
        db,
        clock,
        logger,
        activityRecorder: recorder,
        maxRemindersPerUser: 2,
      });
      const userId = await insertTestUser(db);
      await limited.create(userId, { kind: 'daily', message: 'a', time: '08:00' });
      await limited.create(userId, { kind: 'daily', message: 'b', time: '08:00' });
      await expect(limited.create(userId, { kind: 'daily', message: 'c', time: '08:00' })).rejects.toThrow(
        ConflictError,
      );
    });

    it('when the profile timezone is not an IANA zone, then reminders fall back to UTC', async () => {
      const userId = await insertTestUser(db);
      await db('user_profiles').where({ user_id: userId }).update({ timezone: 'Mars/Olympus' });
      const created = await reminders.create(userId, { kind: 'daily', message: 'x', time: '12:00' });
      expect(created.nextRunAt).toEqual(new Date('2026-03-02T12:00:00Z'));
    });
  });

  describe('claiming and sending', () => {
    it('when reminders are due, then a claim hands them out once with their occurrence and delivery profile', async () => {
      const userId = await insertTestUser(db, { timezone: 'Europe/Stockholm', telegramId: 424242 });
      await db('user_profiles')
        .where({ user_id: userId })
        .update({ quiet_hours_start: 22, quiet_hours_end: 7 });
      const due = await reminders.create(userId, { kind: 'daily', message: 'Due', time: '12:00' });
      await reminders.create(userId, { kind: 'daily', message: 'Later', time: '20:00' });
      const now = new Date('2026-03-02T11:00:00Z');
      const claimed = await reminders.claimDueReminders(now, 10, 'a', 30_000);
      expect(claimed).toHaveLength(1);
      expect(claimed[0]).toMatchObject({
        id: due.id,
        scheduledFor: new Date('2026-03-02T11:00:00Z'),
        claimedBy: 'a',
        claimedUntil: new Date('2026-03-02T11:00:30Z'),
        delivery: {
          timezone: 'Europe/Stockholm',
          quietHoursStart: 22,
          quietHoursEnd: 7,
          telegramId: '424242',
        },
      });
      expect(await reminders.claimDueReminders(now, 10, 'b', 30_000)).toEqual([]);
      // After the lease ends, an unfinished claim is handed out again.
      const retaken = await reminders.claimDueReminders(new Date('2026-03-02T11:00:30Z'), 10, 'b', 30_000);
      expect(retaken.map((r) => [r.id, r.claimedBy])).toEqual([[due.id, 'b']]);
    });

    it('when a claim is asked for badly, then it is refused', async () => {
      const now = new Date('2026-03-02T11:00:00Z');
      await expect(reminders.claimDueReminders(now, 0, 'a', 30_000)).rejects.toThrow(ValidationError);
      await expect(reminders.claimDueReminders(now, 10, '', 30_000)).rejects.toThrow(ValidationError);
      await expect(reminders.claimDueReminders(now, 10, 'a', 10)).rejects.toThrow(ValidationError);
    });

    it('when the limit is smaller than what is due, then the most overdue go first', async () => {
      const userId = await insertTestUser(db);
      const first = await reminders.create(userId, { kind: 'daily', message: '1', time: '10:10' });
      const second = await reminders.create(userId, { kind: 'daily', message: '2', time: '10:20' });
      await reminders.create(userId, { kind: 'daily', message: '3', time: '10:30' });
      const claimed = await reminders.claimDueReminders(new Date('2026-03-02T10:45:00Z'), 2, 'a', 30_000);
      expect(claimed.map((r) => r.id)).toEqual([first.id, second.id]);
    });

    it('when the user is paused, then their reminders wait; once active, a late send does not replay missed days', async () => {
      const userId = await insertTestUser(db);
      const created = await reminders.create(userId, { kind: 'daily', message: 'x', time: '10:30' });
      await db('users').where({ id: userId }).update({ status: 'paused' });
      expect(await reminders.claimDueReminders(new Date('2026-03-05T12:00:00Z'), 10, 'a', 30_000)).toEqual(
        [],
      );
      await db('users').where({ id: userId }).update({ status: 'active' });
      const [claimed] = await dispatch('2026-03-05T12:00:00Z');
      expect(claimed?.scheduledFor).toEqual(new Date('2026-03-02T10:30:00Z'));
      // One message for the missed days, then the schedule resumes after now: no storm of three more.
      expect((await reminders.get(userId, created.id)).nextRunAt).toEqual(new Date('2026-03-06T10:30:00Z'));
      expect(await dispatch('2026-03-05T12:00:01Z')).toEqual([]);
    });

    it('when an occurrence is sent, then it is recorded once, the schedule advances and the claim is released', async () => {
      const userId = await insertTestUser(db, { timezone: 'Europe/Stockholm' });
      const created = await reminders.create(userId, { kind: 'daily', message: 'Night pill', time: '02:30' });
      clock.set('2026-03-28T12:00:00Z');
      await reminders.update(userId, created.id, {
        time: '02:30',
        weekdays: [1, 2, 3, 4, 5, 6, 7],
        message: 'Pill',
      });
      await reminders.update(userId, created.id, { time: '02:45' });
      await reminders.update(userId, created.id, { time: '02:30' });
      // The spring-forward day: 02:30 does not exist, it fires at 03:00 local (01:00 UTC).
      expect((await reminders.get(userId, created.id)).nextRunAt).toEqual(new Date('2026-03-29T01:00:00Z'));
      const [claimed] = await dispatch('2026-03-29T01:00:05Z');
      expect(claimed?.scheduledFor).toEqual(new Date('2026-03-29T01:00:00Z'));
      const after = await reminders.get(userId, created.id);
      expect(after).toMatchObject({
        nextRunAt: new Date('2026-03-30T00:30:00Z'),
        lastSentAt: new Date('2026-03-29T01:00:05Z'),
      });
      const row = await db('reminders').where({ id: created.id }).first();
      expect([row.claimed_by, row.claimed_until]).toEqual([null, null]);
      const sent = await db('reminder_events').where({ reminder_id: created.id, action: 'sent' });
      expect(sent).toHaveLength(1);
      expect(new Date(sent[0].scheduled_for)).toEqual(new Date('2026-03-29T01:00:00Z'));
    });

    it('when an occurrence is marked sent twice or by another dispatcher, then it is refused', async () => {
      const userId = await insertTestUser(db);
      const created = await reminders.create(userId, { kind: 'daily', message: 'x', time: '10:30' });
      const now = new Date('2026-03-02T10:30:00Z');
      clock.set(now);
      const [claimed] = await reminders.claimDueReminders(now, 10, 'a', 30_000);
      await expect(reminders.markSent(created.id, now, 'b')).rejects.toThrow(ConflictError);
      await reminders.markSent(created.id, claimed!.scheduledFor, 'a');
      await expect(reminders.markSent(created.id, claimed!.scheduledFor, 'a')).rejects.toThrow(ConflictError);
      // Even holding a fresh claim, the same occurrence cannot be sent again.
      await db('reminders').where({ id: created.id }).update({ claimed_by: 'a', next_run_at: now });
      await expect(reminders.markSent(created.id, now, 'a')).rejects.toThrow(/already sent/);
      await expect(reminders.markSent(missingId, now, 'a')).rejects.toThrow(NotFoundError);
      expect(await db('reminder_events').where({ reminder_id: created.id, action: 'sent' })).toHaveLength(1);
    });

    it('when a one-time reminder is sent, then it is finished and never claimed again', async () => {
      const userId = await insertTestUser(db);
      const once = await reminders.create(userId, {
        kind: 'once',
        message: 'x',
        runAt: '2026-03-02T11:00:00Z',
      });
      await dispatch('2026-03-02T11:00:00Z');
      expect(await reminders.get(userId, once.id)).toMatchObject({
        enabled: false,
        pausedReason: 'completed',
        nextRunAt: null,
      });
      expect(await dispatch('2026-03-09T11:00:00Z')).toEqual([]);
    });

    it('when the schedule is changed while an occurrence is being sent, then the new time is kept', async () => {
      const userId = await insertTestUser(db);
      const created = await reminders.create(userId, { kind: 'daily', message: 'x', time: '10:30' });
      const now = new Date('2026-03-02T10:30:00Z');
      clock.set(now);
      const [claimed] = await reminders.claimDueReminders(now, 10, 'a', 30_000);
      await reminders.update(userId, created.id, { time: '15:00' });
      const sent = await reminders.markSent(created.id, claimed!.scheduledFor, 'a');
      expect(sent.nextRunAt).toEqual(new Date('2026-03-02T15:00:00Z'));
      // And a reminder disabled meanwhile stays disabled.
      const other = await reminders.create(userId, { kind: 'daily', message: 'y', time: '10:30' });
      clock.set('2026-03-03T10:30:00Z');
      await reminders.claimDueReminders(new Date('2026-03-03T10:30:00Z'), 10, 'a', 30_000);
      await reminders.disable(userId, other.id);
      expect(await reminders.markSent(other.id, new Date('2026-03-03T10:30:00Z'), 'a')).toMatchObject({
        enabled: false,
        nextRunAt: null,
      });
    });

    it('when sending fails, then the claim is released for a retry, after the back-off when one is given', async () => {
      const userId = await insertTestUser(db);
      const created = await reminders.create(userId, { kind: 'daily', message: 'x', time: '10:30' });
      const now = new Date('2026-03-02T10:30:00Z');
      clock.set(now);
      await reminders.claimDueReminders(now, 10, 'a', 30_000);
      await reminders.markFailed(created.id, now, 'a', {
        error: `Telegram 502 ${'x'.repeat(600)}`,
        retryAfterMs: 60_000,
      });
      expect(await reminders.claimDueReminders(new Date('2026-03-02T10:30:30Z'), 10, 'b', 30_000)).toEqual(
        [],
      );
      const [retry] = await reminders.claimDueReminders(new Date('2026-03-02T10:31:00Z'), 10, 'b', 30_000);
      expect(retry).toMatchObject({ id: created.id, scheduledFor: now });
      await reminders.markFailed(created.id, now, 'b');
      expect(
        await reminders.claimDueReminders(new Date('2026-03-02T10:31:00Z'), 10, 'c', 30_000),
      ).toHaveLength(1);
      const failures = await db('reminder_events').where({ reminder_id: created.id, action: 'failed' });
      expect(failures).toHaveLength(2);
      expect([...(failures[0].reason as string)]).toHaveLength(500);
      await expect(reminders.markFailed(created.id, now, 'a')).rejects.toThrow(ConflictError);
    });

    it('when the condition is met, then the occurrence is passed over and the schedule advances', async () => {
      const userId = await insertTestUser(db);
      const created = await reminders.create(userId, {
        kind: 'daily',
        message: 'Log lunch',
        time: '12:30',
        condition: 'meal_logged',
        conditionWindowMinutes: 90,
      });
      const now = new Date('2026-03-02T12:30:00Z');
      clock.set(now);
      const [claimed] = await reminders.claimDueReminders(now, 10, 'a', 30_000);
      const updated = await reminders.skipForCondition(created.id, claimed!.scheduledFor, 'a');
      expect(updated).toMatchObject({ nextRunAt: new Date('2026-03-03T12:30:00Z'), lastSentAt: null });
      const events = await db('reminder_events').where({ reminder_id: created.id });
      expect(events.map((e) => e.action)).toEqual(['condition_met']);
    });

    it('when a due reminder falls in quiet hours, then it can be deferred to their end and fires once then', async () => {
      const userId = await insertTestUser(db);
      const created = await reminders.create(userId, { kind: 'daily', message: 'x', time: '23:00' });
      const due = new Date('2026-03-02T23:00:00Z');
      clock.set(due);
      const [claimed] = await reminders.claimDueReminders(due, 10, 'a', 30_000);
      await expect(reminders.deferClaimed(created.id, due, 'a', due)).rejects.toThrow(ValidationError);
      const deferred = await reminders.deferClaimed(
        created.id,
        claimed!.scheduledFor,
        'a',
        new Date('2026-03-03T07:00:00Z'),
      );
      expect(deferred.nextRunAt).toEqual(new Date('2026-03-03T07:00:00Z'));
      expect(await reminders.claimDueReminders(new Date('2026-03-03T06:59:00Z'), 10, 'a', 30_000)).toEqual(
        [],
      );
      const [morning] = await dispatch('2026-03-03T07:00:00Z');
      expect(morning?.scheduledFor).toEqual(new Date('2026-03-03T07:00:00Z'));
      expect((await reminders.get(userId, created.id)).nextRunAt).toEqual(new Date('2026-03-03T23:00:00Z'));
    });
  });

  describe('conditions', () => {
    it('when food was confirmed within the window, then a meal condition is met; drafts and older food are not', async () => {
      const userId = await insertTestUser(db);
      const other = await insertTestUser(db);
      const reminder = await reminders.create(userId, {
        kind: 'daily',
        message: 'Log lunch',
        time: '12:30',
        condition: 'meal_logged',
        conditionWindowMinutes: 60,
      });
      const now = new Date('2026-03-02T12:30:00Z');
      const food = (user: string, eatenAt: string, confirmed: boolean) => ({
        user_id: user,
        status: confirmed ? 'confirmed' : 'draft',
        source: 'text',
        items: JSON.stringify([]),
        eaten_at: eatenAt,
        confirmed_at: confirmed ? eatenAt : null,
      });
      await db('food_entries').insert([
        food(userId, '2026-03-02T11:00:00Z', true), // before the window
        food(userId, '2026-03-02T12:00:00Z', false), // a draft
        food(other, '2026-03-02T12:10:00Z', true), // someone else's lunch
      ]);
      expect(await reminders.isConditionMet(reminder, now)).toBe(false);
      await db('food_entries').insert(food(userId, '2026-03-02T11:30:00Z', true));
      expect(await reminders.isConditionMet(reminder, now)).toBe(true);
    });

    it('when water was logged within the window, then a water condition is met; a weight entry is not water', async () => {
      const userId = await insertTestUser(db);
      const reminder = await reminders.create(userId, {
        kind: 'daily',
        message: 'Drink',
        time: '15:00',
        condition: 'water_logged',
      });
      const now = new Date('2026-03-02T15:00:00Z');
      const metric = (kind: string, recordedAt: string) => ({
        user_id: userId,
        kind,
        value: 1,
        unit: kind === 'water' ? 'ml' : 'kg',
        recorded_at: recordedAt,
      });
      await db('metric_entries').insert([
        metric('weight', '2026-03-02T14:30:00Z'),
        metric('water', '2026-03-02T13:59:00Z'),
      ]);
      expect(await reminders.isConditionMet(reminder, now)).toBe(false);
      await db('metric_entries').insert(metric('water', '2026-03-02T14:00:00Z'));
      expect(await reminders.isConditionMet(reminder, now)).toBe(true);
    });

    it('when a reminder has no condition, then it is never met', async () => {
      const userId = await insertTestUser(db);
      const reminder = await reminders.create(userId, { kind: 'daily', message: 'x', time: '15:00' });
      expect(await reminders.isConditionMet(reminder, new Date('2026-03-02T15:00:00Z'))).toBe(false);
    });
  });

  describe('answers', () => {
    it('when a reminder is done 12 minutes after it was sent, then XP is asked for in the same transaction', async () => {
      const userId = await insertTestUser(db);
      const created = await reminders.create(userId, { kind: 'daily', message: 'Stretch', time: '10:30' });
      await expect(reminders.markDone(userId, created.id)).rejects.toThrow(/not been sent/);
      await dispatch('2026-03-02T10:30:20Z');
      clock.set('2026-03-02T10:42:30Z');
      const result = await reminders.markDone(userId, created.id);
      expect(result.withinMinutes).toBe(12);
      expect(result.event).toMatchObject({ action: 'done', scheduledFor: new Date('2026-03-02T10:30:00Z') });
      expect(result.activity.xpAwarded).toBe(15);
      expect(recorder.calls).toEqual([
        {
          activity: {
            userId,
            action: 'reminder_done',
            sourceId: `${created.id}:2026-03-02T10:30:00.000Z`,
            occurredAt: new Date('2026-03-02T10:42:30Z'),
            details: { withinMinutes: 12 },
          },
          doneEventsVisible: 1,
        },
      ]);
      await expect(reminders.markDone(userId, created.id)).rejects.toThrow(ConflictError);
      await expect(reminders.skip(userId, created.id)).rejects.toThrow(/already answered/);
    });

    it('when paying XP fails, then the done answer is not recorded either', async () => {
      const userId = await insertTestUser(db);
      const created = await reminders.create(userId, { kind: 'daily', message: 'x', time: '10:30' });
      await dispatch('2026-03-02T10:30:00Z');
      recorder.failNext = true;
      await expect(reminders.markDone(userId, created.id)).rejects.toThrow('gamification unavailable');
      expect(await db('reminder_events').where({ reminder_id: created.id, action: 'done' })).toEqual([]);
      expect((await reminders.markDone(userId, created.id)).withinMinutes).toBe(0);
    });

    it('when an earlier occurrence is named, then that one is answered; an unknown one is not found', async () => {
      const userId = await insertTestUser(db);
      const created = await reminders.create(userId, { kind: 'daily', message: 'x', time: '10:30' });
      await dispatch('2026-03-02T10:30:00Z');
      await dispatch('2026-03-03T10:30:00Z');
      clock.set('2026-03-03T11:00:00Z');
      const done = await reminders.markDone(userId, created.id, { scheduledFor: '2026-03-02T10:30:00Z' });
      expect(done.event.scheduledFor).toEqual(new Date('2026-03-02T10:30:00Z'));
      expect(done.withinMinutes).toBe(24 * 60 + 30);
      await expect(
        reminders.markDone(userId, created.id, { scheduledFor: '2026-03-01T10:30:00Z' }),
      ).rejects.toThrow(NotFoundError);
      await expect(
        reminders.snooze(userId, created.id, { minutes: 5, scheduledFor: '2026-03-02T10:30:00Z' }),
      ).rejects.toThrow(ConflictError);
      const skipped = await reminders.skip(userId, created.id, { reason: 'Busy 😅' });
      expect(skipped.event).toMatchObject({ action: 'skipped', reason: 'Busy 😅' });
    });

    it('when a reminder is snoozed, then it fires again after N minutes and the regular schedule follows', async () => {
      const userId = await insertTestUser(db, { timezone: 'Europe/Stockholm' });
      const created = await reminders.create(userId, { kind: 'daily', message: 'Meds', time: '12:00' });
      await dispatch('2026-03-02T11:00:00Z');
      clock.set('2026-03-02T11:05:00Z');
      const snoozed = await reminders.snooze(userId, created.id, { minutes: 30 });
      expect(snoozed).toMatchObject({
        snoozedUntil: new Date('2026-03-02T11:35:00Z'),
        mergedWithRegular: false,
      });
      expect(snoozed.reminder.nextRunAt).toEqual(new Date('2026-03-02T11:35:00Z'));
      expect(snoozed.event).toMatchObject({ action: 'snoozed', snoozeMinutes: 30 });
      expect(await dispatch('2026-03-02T11:34:59Z')).toEqual([]);
      const [again] = await dispatch('2026-03-02T11:35:00Z');
      expect(again?.scheduledFor).toEqual(new Date('2026-03-02T11:35:00Z'));
      expect((await reminders.get(userId, created.id)).nextRunAt).toEqual(new Date('2026-03-03T11:00:00Z'));
      clock.set('2026-03-02T11:40:00Z');
      expect((await reminders.markDone(userId, created.id)).withinMinutes).toBe(5);
    });

    it('when a snooze would end after the next regular time, then it merges into it and fires once', async () => {
      const userId = await insertTestUser(db);
      const created = await reminders.create(userId, { kind: 'daily', message: 'x', time: '10:30' });
      await dispatch('2026-03-02T10:30:00Z');
      clock.set('2026-03-02T10:40:00Z');
      const snoozed = await reminders.snooze(userId, created.id, { minutes: 1440 });
      expect(snoozed.mergedWithRegular).toBe(true);
      expect(snoozed.reminder.nextRunAt).toEqual(new Date('2026-03-03T10:30:00Z'));
    });

    it('when a snoozed occurrence is then done, then the pending snooze is dropped', async () => {
      const userId = await insertTestUser(db);
      const created = await reminders.create(userId, { kind: 'daily', message: 'x', time: '10:30' });
      await dispatch('2026-03-02T10:30:00Z');
      clock.set('2026-03-02T10:35:00Z');
      await reminders.snooze(userId, created.id, { minutes: 10 });
      await reminders.snooze(userId, created.id, { minutes: 20 });
      expect((await reminders.get(userId, created.id)).nextRunAt).toEqual(new Date('2026-03-02T10:55:00Z'));
      clock.set('2026-03-02T10:40:00Z');
      const done = await reminders.markDone(userId, created.id);
      expect(done.reminder.nextRunAt).toEqual(new Date('2026-03-03T10:30:00Z'));
      await expect(reminders.snooze(userId, created.id, { minutes: 5 })).rejects.toThrow(ConflictError);
    });

    it('when a sent one-time reminder is snoozed, then it fires once more and is finished again', async () => {
      const userId = await insertTestUser(db);
      const once = await reminders.create(userId, {
        kind: 'once',
        message: 'Call mum',
        runAt: '2026-03-02T11:00:00Z',
      });
      await dispatch('2026-03-02T11:00:00Z');
      clock.set('2026-03-02T11:01:00Z');
      const snoozed = await reminders.snooze(userId, once.id, { minutes: 15 });
      expect(snoozed.reminder).toMatchObject({ enabled: true, nextRunAt: new Date('2026-03-02T11:16:00Z') });
      await dispatch('2026-03-02T11:16:00Z');
      expect(await reminders.get(userId, once.id)).toMatchObject({
        enabled: false,
        pausedReason: 'completed',
      });
      // Snoozed again and then skipped: the pending snooze goes and it is finished.
      clock.set('2026-03-02T11:17:00Z');
      await reminders.snooze(userId, once.id, { minutes: 15 });
      await reminders.skip(userId, once.id, { reason: 'called' });
      expect(await reminders.get(userId, once.id)).toMatchObject({ enabled: false, nextRunAt: null });
    });

    it('when a finished one-time reminder gets a new time, then it is armed again', async () => {
      const userId = await insertTestUser(db);
      const once = await reminders.create(userId, {
        kind: 'once',
        message: 'x',
        runAt: '2026-03-02T11:00:00Z',
      });
      await dispatch('2026-03-02T11:00:00Z');
      const rearmed = await reminders.update(userId, once.id, { runAt: '2026-03-04T08:00:00Z' });
      expect(rearmed).toMatchObject({
        enabled: true,
        pausedReason: null,
        nextRunAt: new Date('2026-03-04T08:00:00Z'),
      });
      await expect(reminders.update(userId, once.id, { runAt: '2026-03-01T08:00:00Z' })).rejects.toThrow(
        ValidationError,
      );
    });

    it('when a disabled reminder is snoozed, then it is refused; bad minutes are refused', async () => {
      const userId = await insertTestUser(db);
      const created = await reminders.create(userId, { kind: 'daily', message: 'x', time: '10:30' });
      await dispatch('2026-03-02T10:30:00Z');
      await expect(reminders.snooze(userId, created.id, { minutes: 0 })).rejects.toThrow(ValidationError);
      await expect(reminders.snooze(userId, created.id, { minutes: 1441 })).rejects.toThrow(ValidationError);
      await reminders.disable(userId, created.id);
      await expect(reminders.snooze(userId, created.id, { minutes: 10 })).rejects.toThrow(/disabled/);
      // Answering a message that was sent still works while disabled.
      expect((await reminders.skip(userId, created.id)).event.action).toBe('skipped');
    });
  });

  describe('statistics', () => {
    it('when reminders were sent and answered, then counts, completion and response time are per reminder and overall', async () => {
      const userId = await insertTestUser(db);
      const other = await insertTestUser(db);
      const water = await reminders.create(userId, { kind: 'daily', message: 'Water', time: '10:30' });
      const walk = await reminders.create(userId, { kind: 'daily', message: 'Walk', time: '18:00' });
      const theirs = await reminders.create(other, { kind: 'daily', message: 'Theirs', time: '10:30' });
      await dispatch('2026-03-02T10:30:00Z');
      clock.set('2026-03-02T10:40:00Z');
      await reminders.markDone(userId, water.id);
      await reminders.markDone(other, theirs.id);
      await dispatch('2026-03-02T18:00:00Z');
      clock.set('2026-03-02T18:20:00Z');
      await reminders.skip(userId, walk.id, { reason: 'rain' });
      await dispatch('2026-03-03T10:30:00Z');
      clock.set('2026-03-03T10:31:00Z');
      await reminders.snooze(userId, water.id, { minutes: 10 });
      await dispatch('2026-03-03T10:41:00Z');
      clock.set('2026-03-03T10:51:00Z');
      await reminders.markDone(userId, water.id);

      clock.set('2026-03-04T00:00:00Z');
      const stats = await reminders.stats(userId);
      expect(stats.period).toEqual({
        from: new Date('2026-02-02T00:00:00Z'),
        to: new Date('2026-03-04T00:00:00Z'),
      });
      expect(stats.overall).toEqual({
        sent: 4,
        done: 2,
        skipped: 1,
        snoozed: 1,
        conditionMet: 0,
        completionRate: 0.6667,
        averageResponseMinutes: 13.3,
      });
      // Listed like the reminders themselves: the soonest next run first.
      expect(stats.reminders.map((r) => [r.message, r.sent, r.done, r.completionRate])).toEqual([
        ['Walk', 1, 0, 0],
        ['Water', 3, 2, 1],
      ]);
      const waterOnly = await reminders.stats(userId, { reminderId: water.id });
      expect(waterOnly.reminders.map((r) => r.reminderId)).toEqual([water.id]);
      expect(waterOnly.overall.sent).toBe(3);
      // A period holding only the second day.
      const secondDay = await reminders.stats(userId, {
        from: '2026-03-03T00:00:00Z',
        to: '2026-03-04T00:00:00Z',
      });
      expect(secondDay.overall).toMatchObject({
        sent: 2,
        done: 1,
        skipped: 0,
        snoozed: 1,
        completionRate: 1,
      });
    });

    it('when the period is reversed, empty or longer than a year, then it is refused', async () => {
      const userId = await insertTestUser(db);
      await expect(
        reminders.stats(userId, { from: '2026-03-04T00:00:00Z', to: '2026-03-03T00:00:00Z' }),
      ).rejects.toThrow(ValidationError);
      await expect(
        reminders.stats(userId, { from: '2026-03-03T00:00:00Z', to: '2026-03-03T00:00:00Z' }),
      ).rejects.toThrow(ValidationError);
      await expect(
        reminders.stats(userId, { from: '2024-01-01T00:00:00Z', to: '2026-03-03T00:00:00Z' }),
      ).rejects.toThrow(ValidationError);
      await expect(reminders.stats(missingId)).rejects.toThrow(NotFoundError);
    });
  });
});
