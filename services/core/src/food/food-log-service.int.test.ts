import type { Knex } from 'knex';
import pino from 'pino';
import { Registry } from 'prom-client';
import { MemoryCache } from '../cache/index.js';
import { ManualClock } from '../clock/clock.js';
import type { Db } from '../db/db.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors/index.js';
import type { Activity, ActivityOutcome, ActivityRecorder } from '../gamification/activity.js';
import { createOfflineNutritionProvider } from '../nutrition/index.js';
import {
  type FakeJsonServer,
  fdcSearchAnswer,
  offNotFoundAnswer,
  offProductAnswer,
  startFakeJsonServer,
} from '../nutrition-providers/fake-nutrition-apis.js';
import { createNutritionLookupService, type NutritionLookupService } from '../nutrition-providers/index.js';
import { type BreakerFactory, createBreakerFactory } from '../resilience/index.js';
import { insertTestUser } from '../testing/fixtures.js';
import { createTestDatabase } from '../testing/test-backends.js';
import { createFoodLogService, type FoodLogService } from './food-log-service.js';

const HOUR = 60 * 60 * 1000;
const NUTELLA = '3017620422003';

/** Records what the food log asks of gamification; can be told to fail to prove the write rolls back. */
class RecordingActivityRecorder implements ActivityRecorder {
  calls: Array<{ activity: Activity; inTransaction: boolean }> = [];
  failNext = false;

  constructor(private readonly rootDb: Knex) {}

  async recordActivity(db: Db, activity: Activity): Promise<ActivityOutcome> {
    this.calls.push({ activity, inTransaction: db !== this.rootDb && 'commit' in db });
    if (this.failNext) {
      this.failNext = false;
      throw new Error('gamification failed');
    }
    return {
      xpAwarded: 5,
      totalXp: 5 * this.calls.length,
      level: 1,
      leveledUp: false,
      achievementsUnlocked: [],
      streakMilestones: [],
    };
  }
}

describe('food log service', () => {
  let db: Knex;
  let cleanup: () => Promise<void>;
  let fdc: FakeJsonServer;
  let off: FakeJsonServer;
  const breakerFactories: BreakerFactory[] = [];
  const offline = createOfflineNutritionProvider();
  const clock = new ManualClock('2026-05-10T06:00:00Z');
  let recorder: RecordingActivityRecorder;
  let food: FoodLogService;

  function lookupService(options: { withFdc?: boolean } = {}): NutritionLookupService {
    const logger = pino({ level: 'silent' });
    const breakers = createBreakerFactory({ registry: new Registry(), logger });
    breakerFactories.push(breakers);
    return createNutritionLookupService({
      breakers,
      cache: new MemoryCache(),
      logger,
      offline,
      openFoodFacts: { baseUrl: off.baseUrl, timeoutMs: 3_000, retries: 0 },
      ...(options.withFdc
        ? { usdaFdc: { apiKey: 'k', baseUrl: fdc.baseUrl, timeoutMs: 3_000, retries: 0 } }
        : {}),
    });
  }

  function service(lookup: NutritionLookupService = lookupService()): FoodLogService {
    return createFoodLogService({
      db,
      clock,
      logger: pino({ level: 'silent' }),
      lookup,
      activityRecorder: recorder,
      offline,
    });
  }

  async function rowCount(userId: string): Promise<number> {
    const [row] = await db('food_entries')
      .where({ user_id: userId })
      .count<{ count: string | number }[]>('* as count');
    return Number(row?.count);
  }

  async function draftId(userId: string, text: string): Promise<string> {
    const result = await food.draftFromText(userId, text);
    if (!result.entry) throw new Error(`nothing matched in ${text}`);
    return result.entry.id;
  }

  beforeAll(async () => {
    ({ db, cleanup } = await createTestDatabase());
    fdc = await startFakeJsonServer(() => ({ status: 200, json: fdcSearchAnswer([]) }));
    off = await startFakeJsonServer(() => ({ status: 404, json: offNotFoundAnswer('0') }));
    await (await fetch(off.baseUrl)).text(); // loads fetch before any timed call
  });

  afterAll(async () => {
    for (const factory of breakerFactories) factory.shutdown();
    await fdc.close();
    await off.close();
    await cleanup();
  });

  beforeEach(() => {
    clock.set('2026-05-10T06:00:00Z');
    recorder = new RecordingActivityRecorder(db);
    food = service();
  });

  describe('drafting from text', () => {
    it('when "2 large eggs and 1 cup of cooked rice" is drafted, then a draft of about 348 kcal with per-item grams, nutrients and source is saved', async () => {
      const userId = await insertTestUser(db, { timezone: 'Europe/Stockholm' });
      const result = await food.draftFromText(userId, '2 large eggs and 1 cup of cooked rice');

      expect(result.status).toBe('drafted');
      expect(result.unmatched).toEqual([]);
      const entry = result.entry!;
      expect(entry).toMatchObject({
        userId,
        status: 'draft',
        source: 'text',
        meal: 'breakfast', // 08:00 in Stockholm
        description: '2 large eggs and 1 cup of cooked rice',
        eatenAt: new Date('2026-05-10T06:00:00Z'),
        localDay: '2026-05-10',
        confirmedAt: null,
        draftExpiresAt: new Date('2026-05-11T06:00:00Z'),
      });
      expect(entry.items.map((item) => [item.foodId, item.grams, item.source, item.nutrients.kcal])).toEqual([
        ['01123', 100, 'usda-sr28', 143],
        ['20045', 158, 'usda-sr28', 205.4],
      ]);
      expect(entry.items[0]?.per100g.kcal).toBe(143);
      expect(entry.totals.kcal).toBeCloseTo(348, 0);
      expect(entry.totals).toEqual({
        kcal: 348.4,
        proteinG: expect.any(Number),
        fatG: expect.any(Number),
        carbsG: expect.any(Number),
        fiberG: expect.any(Number),
        sugarG: expect.any(Number),
        sodiumMg: expect.any(Number),
      });
      expect(await food.getEntry(userId, entry.id)).toEqual(entry);
    });

    it('when part of the text matches nothing, then only the matched foods are saved and the rest comes back unmatched', async () => {
      const userId = await insertTestUser(db);
      const result = await food.draftFromText(userId, '2 eggs and 1 cup of xyzzy');

      expect(result.entry?.items.map((item) => item.foodId)).toEqual(['01123']);
      expect(result.entry?.totals.kcal).toBe(143);
      expect(result.unmatched).toEqual([
        { text: '1 cup of xyzzy', reason: 'food_not_found', message: expect.any(String) },
      ]);
      const stored = await db('food_entries').where({ user_id: userId }).first();
      expect(JSON.stringify(stored.items)).not.toContain('xyzzy');
    });

    it('when nothing in the text matches, then no draft is created and the result says so', async () => {
      const userId = await insertTestUser(db);

      expect(await food.draftFromText(userId, 'xyzzy and plugh')).toEqual({
        status: 'nothing_matched',
        entry: null,
        unmatched: [
          expect.objectContaining({ text: 'xyzzy', reason: 'food_not_found' }),
          expect.objectContaining({ text: 'plugh', reason: 'food_not_found' }),
        ],
      });
      expect(await food.draftFromText(userId, '🍕🍔')).toMatchObject({
        status: 'nothing_matched',
        unmatched: [{ text: '🍕🍔', reason: 'food_not_found' }],
      });
      expect(await rowCount(userId)).toBe(0);
    });

    it('when the text carries emoji, then the foods are read and the text is kept as written', async () => {
      const userId = await insertTestUser(db);
      const result = await food.draftFromText(userId, '🍳 2 large eggs 🥚 and ½ avocado');

      expect(result.entry?.description).toBe('🍳 2 large eggs 🥚 and ½ avocado');
      expect(result.entry?.items.map((item) => [item.foodId, item.grams])).toEqual([
        ['01123', 100],
        ['09037', 100.5],
      ]);
    });

    it('when an amount is absurd, then it is unmatched rather than counted; a 12 kg entry is refused', async () => {
      const userId = await insertTestUser(db);

      expect(await food.draftFromText(userId, '9000 g rice')).toMatchObject({
        status: 'nothing_matched',
        unmatched: [{ reason: 'invalid_quantity' }],
      });
      await expect(
        food.draftFromText(userId, '3 kg rice and 3 kg pasta and 3 kg potatoes and 3 kg bread'),
      ).rejects.toBeInstanceOf(ValidationError);
      expect(await rowCount(userId)).toBe(0);
    });

    it('when the text is empty, too long, holds NUL or lists too many foods, then it is refused', async () => {
      const userId = await insertTestUser(db);
      for (const bad of ['', '   ', 'a'.repeat(2001), 'egg\u0000', Array(41).fill('egg').join(', ')]) {
        await expect(food.draftFromText(userId, bad)).rejects.toBeInstanceOf(ValidationError);
      }
      expect(await rowCount(userId)).toBe(0);
    });

    it('when meal and eatenAt are given, then they are used; a future or pre-2000 time or unknown meal is refused', async () => {
      const userId = await insertTestUser(db);
      const result = await food.draftFromText(userId, 'a banana', {
        meal: 'snack',
        eatenAt: '2026-05-09T12:00:00+02:00',
      });

      expect(result.entry).toMatchObject({ meal: 'snack', eatenAt: new Date('2026-05-09T10:00:00Z') });
      await expect(
        food.draftFromText(userId, 'a banana', { eatenAt: '2026-05-10T07:00:00Z' }),
      ).rejects.toThrow(ValidationError);
      await expect(
        food.draftFromText(userId, 'a banana', { eatenAt: '1970-01-01T00:00:00Z' }),
      ).rejects.toThrow(ValidationError);
      await expect(
        food.draftFromText(userId, 'a banana', { meal: 'brunch' } as unknown as { meal: 'snack' }),
      ).rejects.toThrow(ValidationError);
    });

    it('when no meal is given, then it is inferred from the local time in the user zone', async () => {
      const userId = await insertTestUser(db, { timezone: 'America/New_York' });
      clock.set('2026-05-10T23:30:00Z'); // 19:30 in New York

      expect((await food.draftFromText(userId, 'a banana')).entry?.meal).toBe('dinner');
      expect(
        (await food.draftFromText(userId, 'a banana', { eatenAt: '2026-05-10T12:00:00Z' })).entry?.meal,
      ).toBe('breakfast'); // 08:00 in New York
    });

    it('when the user does not exist or the id is malformed, then it is not found and nothing is saved', async () => {
      await expect(
        food.draftFromText('6f1c2a4e-8b9d-4c1e-a2f3-0123456789ab', 'a banana'),
      ).rejects.toBeInstanceOf(NotFoundError);
      await expect(food.draftFromText('not-a-uuid', 'a banana')).rejects.toBeInstanceOf(NotFoundError);
    });

    it('when a phrase is unknown offline and FDC is configured, then a sure online match becomes an item with source usda-fdc', async () => {
      const userId = await insertTestUser(db);
      fdc.reply((request) =>
        request.query.get('query') === 'skyr'
          ? {
              status: 200,
              json: fdcSearchAnswer([{ fdcId: 777, description: 'Skyr, plain', kcal: 63, proteinG: 11 }]),
            }
          : { status: 200, json: fdcSearchAnswer([]) },
      );
      const withFdc = service(lookupService({ withFdc: true }));
      const result = await withFdc.draftFromText(userId, '150 g skyr and a banana and 1 cup of xyzzy');

      expect(
        result.entry?.items.map((item) => [item.foodId, item.source, item.grams, item.nutrients.kcal]),
      ).toEqual([
        ['09040', 'usda-sr28', 118, 105],
        ['777', 'usda-fdc', 150, 94.5],
      ]);
      expect(result.unmatched.map((unmatched) => unmatched.text)).toEqual(['1 cup of xyzzy']);
    });
  });

  describe('drafting from a barcode', () => {
    it('when Open Food Facts knows the product, then a draft of the grams given is saved with source open-food-facts', async () => {
      const userId = await insertTestUser(db);
      off.reply(() => ({
        status: 200,
        json: offProductAnswer(NUTELLA, {
          product_name: 'Nutella',
          brands: 'Ferrero',
          nutriments: { 'energy-kcal_100g': 539, proteins_100g: 6.3, sodium_100g: 0.0428 },
        }),
      }));
      const result = await food.draftFromBarcode(userId, NUTELLA, 30, { meal: 'breakfast' });

      expect(result.status).toBe('drafted');
      expect(result.entry).toMatchObject({
        source: 'barcode',
        status: 'draft',
        meal: 'breakfast',
        description: '30 g Nutella (Ferrero)',
        totals: { kcal: 161.7, proteinG: 1.9, sodiumMg: 12.8, fiberG: 0 },
      });
      expect(result.entry?.items[0]).toMatchObject({ text: NUTELLA, source: 'open-food-facts', grams: 30 });
      expect(result.entry?.incompleteNutrients).toEqual(expect.arrayContaining(['fiberG', 'sugarG']));
    });

    it('when the barcode is unknown, unavailable, or the product has no energy value, then nothing is drafted and the reason is given', async () => {
      const userId = await insertTestUser(db);
      off.reply(() => ({ status: 404, json: offNotFoundAnswer('12345678') }));
      expect(await food.draftFromBarcode(userId, '12345678', 30)).toMatchObject({
        status: 'nothing_matched',
        unmatched: [{ text: '12345678', reason: 'barcode_not_found' }],
      });
      off.reply(() => ({
        status: 200,
        json: offProductAnswer('12345678', { product_name: 'Mystery', nutriments: {} }),
      }));
      expect(await food.draftFromBarcode(userId, '12345678', 30)).toMatchObject({
        unmatched: [{ reason: 'no_nutrition_data' }],
      });
      off.reply(() => ({ status: 500, text: 'down' }));
      expect(await food.draftFromBarcode(userId, '87654321', 30)).toMatchObject({
        unmatched: [{ reason: 'barcode_lookup_unavailable' }],
      });
      expect(await rowCount(userId)).toBe(0);
    });

    it('when grams are zero, negative or absurd, or the barcode malformed, then it is refused before any lookup', async () => {
      const userId = await insertTestUser(db);
      off.requests.length = 0;
      for (const grams of [0, -10, 5001, Number.NaN]) {
        await expect(food.draftFromBarcode(userId, NUTELLA, grams)).rejects.toBeInstanceOf(ValidationError);
      }
      await expect(food.draftFromBarcode(userId, 'drop table', 30)).rejects.toBeInstanceOf(ValidationError);
      expect(off.requests).toHaveLength(0);
    });
  });

  describe('confirming', () => {
    it('when a draft is confirmed, then it is saved with confirmed_at and food_logged is recorded once in the same transaction', async () => {
      const userId = await insertTestUser(db);
      const id = await draftId(userId, 'a banana');
      clock.set('2026-05-10T06:05:00Z');
      const result = await food.confirm(userId, id);

      expect(result).toMatchObject({
        newlyConfirmed: true,
        activity: { xpAwarded: 5 },
        entry: {
          id,
          status: 'confirmed',
          confirmedAt: new Date('2026-05-10T06:05:00Z'),
          draftExpiresAt: null,
        },
      });
      expect(recorder.calls).toEqual([
        {
          activity: {
            userId,
            action: 'food_logged',
            sourceId: id,
            occurredAt: new Date('2026-05-10T06:05:00Z'),
          },
          inTransaction: true,
        },
      ]);
    });

    it('when a confirmed entry is confirmed again, even at once, then nothing changes and nothing is recorded twice', async () => {
      const userId = await insertTestUser(db);
      const id = await draftId(userId, 'a banana');
      const [first, second] = await Promise.all([food.confirm(userId, id), food.confirm(userId, id)]);
      clock.advance(HOUR);
      const third = await food.confirm(userId, id);

      expect([first.newlyConfirmed, second.newlyConfirmed].sort()).toEqual([false, true]);
      expect(third).toMatchObject({ newlyConfirmed: false, activity: null });
      expect(third.entry.confirmedAt).toEqual(new Date('2026-05-10T06:00:00Z'));
      expect(recorder.calls).toHaveLength(1);
    });

    it('when recording the activity fails, then the confirmation is rolled back', async () => {
      const userId = await insertTestUser(db);
      const id = await draftId(userId, 'a banana');
      recorder.failNext = true;

      await expect(food.confirm(userId, id)).rejects.toThrow('gamification failed');
      expect((await food.getEntry(userId, id)).status).toBe('draft');
      expect((await food.confirm(userId, id)).newlyConfirmed).toBe(true);
    });

    it('when a draft is more than 24 h old, then it cannot be confirmed or edited, with a clear error', async () => {
      const userId = await insertTestUser(db);
      const id = await draftId(userId, 'a banana');
      clock.advance(24 * HOUR - 1);
      const fresh = await draftId(userId, 'an apple');
      expect((await food.confirm(userId, id)).newlyConfirmed).toBe(true);

      clock.advance(24 * HOUR);
      const error = await food.confirm(userId, fresh).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ConflictError);
      expect(error).toMatchObject({
        message: expect.stringContaining('more than 24 hours old'),
        details: { reason: 'draft_expired', entryId: fresh },
      });
      await expect(food.editEntry(userId, fresh, { meal: 'lunch' })).rejects.toBeInstanceOf(ConflictError);
      expect(recorder.calls).toHaveLength(1);
    });
  });

  describe("another user's entries", () => {
    it("when a user names another user's entry, then every operation answers not found and the entry is untouched", async () => {
      const owner = await insertTestUser(db);
      const intruder = await insertTestUser(db);
      const id = await draftId(owner, 'a banana');

      await expect(food.getEntry(intruder, id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(food.confirm(intruder, id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(food.editEntry(intruder, id, { items: [{ index: 0, grams: 1 }] })).rejects.toBeInstanceOf(
        NotFoundError,
      );
      await expect(food.discardDraft(intruder, id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(food.deleteEntry(intruder, id)).rejects.toBeInstanceOf(NotFoundError);
      expect(await food.listEntries(intruder, { status: 'all' })).toEqual([]);

      const untouched = await food.getEntry(owner, id);
      expect(untouched).toMatchObject({ status: 'draft', items: [{ grams: 118 }] });
      expect(recorder.calls).toHaveLength(0);
    });

    it('when ids are malformed or unknown, then they read as not found', async () => {
      const userId = await insertTestUser(db);
      const unknown = '6f1c2a4e-8b9d-4c1e-a2f3-0123456789ab';
      for (const id of ['not-a-uuid', unknown]) {
        await expect(food.getEntry(userId, id)).rejects.toBeInstanceOf(NotFoundError);
        await expect(food.confirm(userId, id)).rejects.toBeInstanceOf(NotFoundError);
        await expect(food.editEntry(userId, id, { meal: 'lunch' })).rejects.toBeInstanceOf(NotFoundError);
        await expect(food.deleteEntry(userId, id)).rejects.toBeInstanceOf(NotFoundError);
        await expect(food.discardDraft(userId, id)).rejects.toBeInstanceOf(NotFoundError);
      }
      await expect(food.deleteEntry('nope', unknown)).rejects.toBeInstanceOf(NotFoundError);
      await expect(food.dailySummary(unknown)).rejects.toBeInstanceOf(NotFoundError);
    });
  });

  describe('editing, deleting and discarding', () => {
    it('when item grams change or an item is removed, then nutrients and totals are recomputed', async () => {
      const userId = await insertTestUser(db);
      const id = await draftId(userId, '2 large eggs and 1 cup of cooked rice');
      await food.confirm(userId, id);
      clock.advance(HOUR);
      const halfRice = await food.editEntry(userId, id, { items: [{ index: 1, grams: 79 }] });

      expect(halfRice.entry.items[1]).toMatchObject({ grams: 79, unit: 'g', portion: null });
      expect(halfRice.entry.items[1]?.nutrients.kcal).toBe(102.7);
      expect(halfRice.entry.totals.kcal).toBe(245.7);
      expect(halfRice.entry.status).toBe('confirmed');
      expect(halfRice.entry.updatedAt).toEqual(new Date('2026-05-10T07:00:00Z'));

      const eggsOnly = await food.editEntry(userId, id, { items: [{ index: 1, remove: true }] });
      expect(eggsOnly.entry.items.map((item) => item.foodId)).toEqual(['01123']);
      expect(eggsOnly.entry.totals.kcal).toBe(143);
      expect(recorder.calls).toHaveLength(1);
    });

    it('when item changes name a missing index, repeat an index, remove every item or give absurd grams, then nothing changes', async () => {
      const userId = await insertTestUser(db);
      const id = await draftId(userId, 'a banana');
      const attempts = [
        { items: [{ index: 3, grams: 10 }] },
        {
          items: [
            { index: 0, grams: 10 },
            { index: 0, grams: 20 },
          ],
        },
        { items: [{ index: 0, remove: true as const }] },
        { items: [{ index: 0, grams: 0 }] },
        { items: [{ index: 0, grams: 1e9 }] },
        { items: [{ index: 0, grams: -1 }] },
        {},
      ];
      for (const edit of attempts) {
        await expect(food.editEntry(userId, id, edit)).rejects.toBeInstanceOf(ValidationError);
      }
      expect((await food.getEntry(userId, id)).items[0]?.grams).toBe(118);
    });

    it('when the text is edited, then items, description and totals are replaced and unreadable parts come back', async () => {
      const userId = await insertTestUser(db);
      const id = await draftId(userId, 'a banana');
      const edited = await food.editEntry(userId, id, {
        text: '3 oz salmon and 1 cup of xyzzy',
        meal: 'dinner',
      });

      expect(edited.entry).toMatchObject({ description: '3 oz salmon and 1 cup of xyzzy', meal: 'dinner' });
      expect(edited.entry.items).toHaveLength(1);
      expect(edited.entry.items[0]?.grams).toBeCloseTo(85, 0);
      expect(edited.unmatched.map((unmatched) => unmatched.text)).toEqual(['1 cup of xyzzy']);

      await expect(food.editEntry(userId, id, { text: 'xyzzy' })).rejects.toBeInstanceOf(ValidationError);
      expect((await food.getEntry(userId, id)).description).toBe('3 oz salmon and 1 cup of xyzzy');
    });

    it('when eatenAt is edited, then the local day moves; a future time is refused', async () => {
      const userId = await insertTestUser(db, { timezone: 'Europe/Stockholm' });
      const id = await draftId(userId, 'a banana');
      const moved = await food.editEntry(userId, id, { eatenAt: '2026-05-08T21:30:00Z' });

      expect(moved.entry).toMatchObject({ localDay: '2026-05-08', meal: 'breakfast' });
      await expect(food.editEntry(userId, id, { eatenAt: '2026-06-01T00:00:00Z' })).rejects.toBeInstanceOf(
        ValidationError,
      );
    });

    it('when an entry is deleted, then it is gone; deleting again is not found', async () => {
      const userId = await insertTestUser(db);
      const id = await draftId(userId, 'a banana');
      await food.confirm(userId, id);
      await food.deleteEntry(userId, id);

      await expect(food.getEntry(userId, id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(food.deleteEntry(userId, id)).rejects.toBeInstanceOf(NotFoundError);
    });

    it('when a draft is discarded, then it is gone; a confirmed entry cannot be discarded', async () => {
      const userId = await insertTestUser(db);
      const draft = await draftId(userId, 'a banana');
      const confirmed = await draftId(userId, 'an apple');
      await food.confirm(userId, confirmed);

      await food.discardDraft(userId, draft);
      await expect(food.getEntry(userId, draft)).rejects.toBeInstanceOf(NotFoundError);
      await expect(food.discardDraft(userId, confirmed)).rejects.toBeInstanceOf(ConflictError);
      expect((await food.getEntry(userId, confirmed)).status).toBe('confirmed');
    });
  });

  describe('listing', () => {
    it('when entries are listed by local days, then confirmed ones come by default and drafts on request', async () => {
      const userId = await insertTestUser(db, { timezone: 'Europe/Stockholm' });
      const yesterday = await draftId(userId, 'an apple');
      await food.editEntry(userId, yesterday, { eatenAt: '2026-05-09T10:00:00Z' });
      await food.confirm(userId, yesterday);
      const today = await draftId(userId, 'a banana');
      await food.confirm(userId, today);
      const draft = await draftId(userId, 'an orange');

      expect((await food.listEntries(userId)).map((entry) => entry.id)).toEqual([today]);
      expect((await food.listEntries(userId, { from: '2026-05-09' })).map((entry) => entry.id)).toEqual([
        yesterday,
        today,
      ]);
      expect((await food.listEntries(userId, { to: '2026-05-09' })).map((entry) => entry.id)).toEqual([
        yesterday,
      ]);
      expect((await food.listEntries(userId, { status: 'draft' })).map((entry) => entry.id)).toEqual([draft]);
      expect(await food.listEntries(userId, { status: 'all' })).toHaveLength(2);
    });

    it('when the range is reversed, longer than 366 days or malformed, then it is refused', async () => {
      const userId = await insertTestUser(db);
      await expect(food.listEntries(userId, { from: '2026-05-10', to: '2026-05-01' })).rejects.toThrow(
        ValidationError,
      );
      await expect(food.listEntries(userId, { from: '2024-01-01', to: '2026-05-01' })).rejects.toThrow(
        ValidationError,
      );
      await expect(food.listEntries(userId, { from: '10/05/2026' })).rejects.toThrow(ValidationError);
    });
  });

  describe('daily summary', () => {
    async function logAt(userId: string, text: string, eatenAt: string): Promise<string> {
      const result = await food.draftFromText(userId, text, { eatenAt });
      const id = result.entry!.id;
      await food.confirm(userId, id);
      return id;
    }

    it('when the user has goals, then today shows totals against them, per meal, remaining kcal; drafts do not count', async () => {
      const userId = await insertTestUser(db, { timezone: 'Europe/Stockholm' });
      await db('user_profiles')
        .where({ user_id: userId })
        .update({ daily_kcal_goal: 2000, protein_goal_g: 100 });
      const id = await draftId(userId, '2 large eggs and 1 cup of cooked rice');
      await food.confirm(userId, id);
      await draftId(userId, '3 kg rice');
      const summary = await food.dailySummary(userId);

      expect(summary).toMatchObject({
        day: '2026-05-10',
        entryCount: 1,
        totals: { kcal: 348.4 },
        remainingKcal: 1651.6,
        goals: { kcal: 2000, proteinG: 100, carbsG: null, fatG: null },
        meals: { breakfast: { entryCount: 1, totals: { kcal: 348.4 } }, lunch: { entryCount: 0 } },
      });
      expect(Object.keys(summary.progress).sort()).toEqual(['kcal', 'proteinG']);
      expect(summary.entries.map((entry) => entry.id)).toEqual([id]);
    });

    it('when the user has no goals, then nothing is compared', async () => {
      const userId = await insertTestUser(db);
      await logAt(userId, 'a banana', '2026-05-10T05:00:00Z');
      const summary = await food.dailySummary(userId);

      expect(summary).toMatchObject({ progress: {}, remainingKcal: null, totals: { kcal: 105 } });
    });

    it('when food is logged at 23:30 local, then it counts for that local day, not the next', async () => {
      const userId = await insertTestUser(db, { timezone: 'Europe/Stockholm' });
      clock.set('2026-05-11T08:00:00Z');
      await logAt(userId, 'a banana', '2026-05-10T21:30:00Z'); // 23:30 in Stockholm (UTC+2)

      expect((await food.dailySummary(userId, '2026-05-10')).totals.kcal).toBe(105);
      expect((await food.dailySummary(userId, '2026-05-11')).entryCount).toBe(0);
    });

    it('when the day starts at 04:00, then food at 02:00 counts for the previous day', async () => {
      const userId = await insertTestUser(db, { timezone: 'Europe/Stockholm', dayStartHour: 4 });
      clock.set('2026-05-11T08:00:00Z');
      await logAt(userId, 'an apple', '2026-05-11T00:00:00Z'); // 02:00 local on the 11th

      const summary = await food.dailySummary(userId, '2026-05-10');
      expect(summary.entryCount).toBe(1);
      expect(summary.start).toEqual(new Date('2026-05-10T02:00:00Z'));
      expect(summary.entries[0]?.localDay).toBe('2026-05-10');
      expect((await food.dailySummary(userId)).day).toBe('2026-05-11');
    });

    it('when the clocks go forward (a 23-hour day), then the whole local day and only it is counted', async () => {
      const userId = await insertTestUser(db, { timezone: 'Europe/Stockholm' });
      clock.set('2026-03-30T12:00:00Z');
      await logAt(userId, 'a banana', '2026-03-28T23:30:00Z'); // 00:30 on the 29th (UTC+1)
      await logAt(userId, 'an apple', '2026-03-29T21:59:00Z'); // 23:59 on the 29th (UTC+2)
      await logAt(userId, 'an orange', '2026-03-29T22:00:00Z'); // 00:00 on the 30th

      const summary = await food.dailySummary(userId, '2026-03-29');
      expect(summary.end.getTime() - summary.start.getTime()).toBe(23 * HOUR);
      expect(summary.entryCount).toBe(2);
      expect((await food.dailySummary(userId, '2026-03-30')).entryCount).toBe(1);
    });

    it('when the clocks go back (a 25-hour day), then 23:30 local still counts for that day', async () => {
      const userId = await insertTestUser(db, { timezone: 'America/New_York' });
      clock.set('2026-11-03T12:00:00Z');
      await logAt(userId, 'a banana', '2026-11-01T04:30:00Z'); // 00:30 EDT on 1 November
      await logAt(userId, 'an apple', '2026-11-02T04:30:00Z'); // 23:30 EST on 1 November

      const summary = await food.dailySummary(userId, '2026-11-01');
      expect(summary.end.getTime() - summary.start.getTime()).toBe(25 * HOUR);
      expect(summary.entryCount).toBe(2);
      expect(summary.meals.snack.entryCount).toBe(2);
    });

    it('when the day is in the future or malformed, then it is refused', async () => {
      const userId = await insertTestUser(db, { timezone: 'Pacific/Kiritimati' }); // UTC+14: already the 10th, 20:00
      expect((await food.dailySummary(userId)).day).toBe('2026-05-10');
      await expect(food.dailySummary(userId, '2026-05-11')).rejects.toBeInstanceOf(ValidationError);
      await expect(food.dailySummary(userId, '2026-02-30')).rejects.toBeInstanceOf(ValidationError);
      await expect(food.dailySummary(userId, 'yesterday')).rejects.toBeInstanceOf(ValidationError);
    });
  });

  describe('weekly summary', () => {
    it('when 3 of 7 days have entries, then per-day totals, the week total and both averages are given', async () => {
      const userId = await insertTestUser(db, { timezone: 'Europe/Stockholm' });
      await db('user_profiles').where({ user_id: userId }).update({ daily_kcal_goal: 1500 });
      clock.set('2026-05-10T18:00:00Z');
      for (const [text, eatenAt] of [
        ['a banana', '2026-05-04T10:00:00Z'],
        ['an apple', '2026-05-04T16:00:00Z'],
        ['2 large eggs', '2026-05-07T21:30:00Z'], // 23:30 local: still the 7th
        ['1 cup of cooked rice', '2026-05-10T11:00:00Z'],
        ['a banana', '2026-05-03T21:00:00Z'], // 23:00 on the 3rd: before the week
      ] as const) {
        const id = (await food.draftFromText(userId, text, { eatenAt })).entry!.id;
        await food.confirm(userId, id);
      }
      const week = await food.weeklySummary(userId);

      expect(week).toMatchObject({ startDay: '2026-05-04', endDay: '2026-05-10', daysWithinKcalGoal: 3 });
      expect(week.days.map((day) => [day.day, day.entryCount, day.totals.kcal])).toEqual([
        ['2026-05-04', 2, 199.6],
        ['2026-05-05', 0, 0],
        ['2026-05-06', 0, 0],
        ['2026-05-07', 1, 143],
        ['2026-05-08', 0, 0],
        ['2026-05-09', 0, 0],
        ['2026-05-10', 1, 205.4],
      ]);
      expect(week.totals.kcal).toBe(548);
      expect(week.averages.overLoggedDays).toMatchObject({ dayCount: 3, totals: { kcal: 182.7 } });
      expect(week.averages.overAllDays).toMatchObject({ dayCount: 7, totals: { kcal: 78.3 } });

      const earlier = await food.weeklySummary(userId, '2026-05-06');
      expect(earlier.days[0]?.day).toBe('2026-04-30');
      expect(earlier.totals.kcal).toBe(304.6); // the 4th and the banana late on the 3rd
      await expect(food.weeklySummary(userId, '2026-05-12')).rejects.toBeInstanceOf(ValidationError);
    });
  });
});
