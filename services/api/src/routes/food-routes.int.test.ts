import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ManualClock } from '@health-agent/core';
import { startTestApi, type TestApi, type TestUser } from '../testing/test-api.js';

interface ErrorBody {
  error: { code: string; message: string; details: Array<{ path: string; message: string }> | null };
}

interface ItemBody {
  foodId: string;
  foodName: string;
  source: string;
  grams: number;
  nutrients: Record<string, number | null>;
}

interface EntryBody {
  id: string;
  userId: string;
  status: 'draft' | 'confirmed';
  meal: string | null;
  description: string;
  items: ItemBody[];
  totals: Record<string, number>;
  eatenAt: string;
  localDay: string;
  confirmedAt: string | null;
  draftExpiresAt: string | null;
}

interface DraftBody {
  status: 'drafted' | 'nothing_matched';
  entry: EntryBody | null;
  unmatched: Array<{ text: string; reason: string }>;
}

interface ConfirmBody {
  entry: EntryBody;
  newlyConfirmed: boolean;
  activity: { xpAwarded: number; totalXp: number } | null;
}

interface DailyBody {
  day: string;
  entryCount: number;
  totals: Record<string, number>;
  remainingKcal: number | null;
  meals: Record<string, { entryCount: number }>;
  entries: EntryBody[];
}

jest.setTimeout(60_000);

const NUTELLA = '3017620422003';
const paths = (body: ErrorBody) => (body.error.details ?? []).map((detail) => detail.path);

/** Open Food Facts at the protocol level: one known product, everything else unknown. */
async function startFakeOpenFoodFacts(): Promise<{ baseUrl: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url?.startsWith(`/api/v2/product/${NUTELLA}.json`)) {
      res.end(
        JSON.stringify({
          status: 1,
          product: { product_name: 'Nutella', brands: 'Ferrero', nutriments: { 'energy-kcal_100g': 539 } },
        }),
      );
      return;
    }
    res.statusCode = 404;
    res.end(JSON.stringify({ status: 0, status_verbose: 'product not found' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('food routes', () => {
  const clock = new ManualClock('2026-03-15T07:30:00Z');
  let off: { baseUrl: string; close(): Promise<void> };
  let t: TestApi;
  let alice: TestUser;
  let bob: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    off = await startFakeOpenFoodFacts();
    t = await startTestApi({ clock, env: { OFF_BASE_URL: off.baseUrl } });
    alice = await t.createUser();
    bob = await t.createUser();
    admin = await t.createUser({ role: 'admin' });
    await t.db('user_profiles').where({ user_id: alice.userId }).update({ timezone: 'Europe/Stockholm' });
  });
  afterAll(async () => {
    await t.close();
    await off.close();
  });
  beforeEach(() => clock.set('2026-03-15T07:30:00Z'));

  const draft = (user: TestUser, body: unknown, userId = 'me') =>
    t.call<DraftBody & ErrorBody>('POST', `/v1/users/${userId}/food-entries/drafts`, { key: user.key, body });
  const confirm = (user: TestUser, entryId: string, userId = 'me') =>
    t.call<ConfirmBody & ErrorBody>('POST', `/v1/users/${userId}/food-entries/${entryId}/confirm`, {
      key: user.key,
    });

  it('when "2 large eggs and 1 cup of cooked rice" is drafted and confirmed, then it is about 348 kcal, earns XP and shows in today\'s summary', async () => {
    const drafted = await draft(alice, { text: '2 large eggs and 1 cup of cooked rice' });
    expect(drafted.status).toBe(201);
    expect(drafted.body.status).toBe('drafted');
    const entry = drafted.body.entry!;
    expect(entry.totals.kcal).toBeCloseTo(348, 0);
    expect(entry).toMatchObject({
      status: 'draft',
      meal: 'breakfast',
      localDay: '2026-03-15',
      draftExpiresAt: '2026-03-16T07:30:00.000Z',
    });
    expect(entry.items.map((item) => [item.foodName, item.grams, item.source])).toEqual([
      ['Egg, whole, raw, fresh', 100, 'usda-sr28'],
      ['Rice, white, long-grain, regular, enriched, cooked', 158, 'usda-sr28'],
    ]);

    const before = await t.call<DailyBody>('GET', '/v1/users/me/summaries/daily', { key: alice.key });
    expect(before.body.entryCount).toBe(0);

    const confirmed = await confirm(alice, entry.id);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ newlyConfirmed: true, entry: { status: 'confirmed' } });
    expect(confirmed.body.activity?.xpAwarded).toBeGreaterThan(0);
    expect((await t.services.gamification.getProgress(alice.userId)).totalXp).toBe(
      confirmed.body.activity?.totalXp,
    );

    const again = await confirm(alice, entry.id);
    expect(again.body).toMatchObject({ newlyConfirmed: false, activity: null });

    const summary = await t.call<DailyBody>('GET', '/v1/users/me/summaries/daily', { key: alice.key });
    expect(summary.status).toBe(200);
    expect(summary.body).toMatchObject({
      day: '2026-03-15',
      entryCount: 1,
      meals: { breakfast: { entryCount: 1 } },
    });
    expect(summary.body.totals.kcal).toBeCloseTo(348, 0);
    expect(summary.body.entries.map((listed) => listed.id)).toEqual([entry.id]);
  });

  it('when part of the text is unknown, then it comes back unmatched; when nothing matches, it is 200 with no draft', async () => {
    const partly = await draft(alice, { text: 'a banana and 2 cups of blorptang' });
    expect(partly.status).toBe(201);
    expect(partly.body.unmatched).toEqual([
      expect.objectContaining({ text: '2 cups of blorptang', reason: 'food_not_found' }),
    ]);
    expect(partly.body.entry?.items).toHaveLength(1);

    const nothing = await draft(alice, { text: 'blorptang' });
    expect(nothing.status).toBe(200);
    expect(nothing.body).toMatchObject({ status: 'nothing_matched', entry: null });
  });

  it('when the text carries emoji and accents, then the foods are read and the text is kept as written', async () => {
    const text = '🍌 a banana and ½ avocado 🥑 and crème brûlée 🍮';
    const result = await draft(alice, { text });
    expect(result.status).toBe(201);
    expect(result.body.entry?.description).toBe(text);
    expect(result.body.entry?.items.map((item) => [item.foodId, item.grams])).toEqual([
      ['09040', 118],
      ['09037', 100.5],
    ]);
    // Without a weight SR28 cannot portion it: the user is asked rather than given a guess.
    expect(result.body.unmatched).toEqual([
      expect.objectContaining({ text: 'creme brulee', reason: 'no_portion' }),
    ]);
  });

  it('when grams are edited, then totals are recomputed; when the entry is deleted, then it is 204 and then 404', async () => {
    const entry = (await draft(alice, { text: '1 cup of cooked rice' })).body.entry!;
    const edited = await t.call<{ entry: EntryBody } & ErrorBody>(
      'PATCH',
      `/v1/users/me/food-entries/${entry.id}`,
      {
        key: alice.key,
        body: { items: [{ index: 0, grams: 79 }], meal: 'lunch' },
      },
    );
    expect(edited.status).toBe(200);
    expect(edited.body.entry).toMatchObject({ meal: 'lunch', totals: { kcal: 102.7 } });

    const fetched = await t.call<EntryBody>('GET', `/v1/users/me/food-entries/${entry.id}`, {
      key: alice.key,
    });
    expect(fetched.body.items[0]?.grams).toBe(79);

    const deleted = await t.call('DELETE', `/v1/users/me/food-entries/${entry.id}`, { key: alice.key });
    expect(deleted.status).toBe(204);
    const gone = await t.call<ErrorBody>('DELETE', `/v1/users/me/food-entries/${entry.id}`, {
      key: alice.key,
    });
    expect(gone.status).toBe(404);
  });

  it('when a draft is discarded, then it is 204; a confirmed entry cannot be discarded (409)', async () => {
    const kept = (await draft(alice, { text: 'an apple' })).body.entry!;
    await confirm(alice, kept.id);
    const dropped = (await draft(alice, { text: 'an orange' })).body.entry!;

    expect(
      (await t.call('DELETE', `/v1/users/me/food-entries/drafts/${dropped.id}`, { key: alice.key })).status,
    ).toBe(204);
    const refused = await t.call<ErrorBody>('DELETE', `/v1/users/me/food-entries/drafts/${kept.id}`, {
      key: alice.key,
    });
    expect(refused.status).toBe(409);
  });

  it('when a draft is more than 24 h old, then confirming it is 409 with a clear message', async () => {
    const entry = (await draft(alice, { text: 'a pear' })).body.entry!;
    clock.set('2026-03-16T07:31:00Z');
    const late = await confirm(alice, entry.id);
    expect(late.status).toBe(409);
    expect(late.body.error.message).toContain('more than 24 hours old');
    expect(late.body.error.details).toMatchObject({ reason: 'draft_expired' });
  });

  it('when a barcode is drafted, then Open Food Facts numbers are used with their source; unknown barcodes draft nothing', async () => {
    const result = await t.call<DraftBody>('POST', '/v1/users/me/food-entries/drafts/barcode', {
      key: alice.key,
      body: { barcode: NUTELLA, grams: 20 },
    });
    expect(result.status).toBe(201);
    expect(result.body.entry).toMatchObject({
      totals: { kcal: 107.8 },
      items: [{ source: 'open-food-facts', grams: 20 }],
    });

    const unknown = await t.call<DraftBody>('POST', '/v1/users/me/food-entries/drafts/barcode', {
      key: alice.key,
      body: { barcode: '12345678', grams: 20 },
    });
    expect(unknown.status).toBe(200);
    expect(unknown.body).toMatchObject({
      status: 'nothing_matched',
      unmatched: [{ reason: 'barcode_not_found' }],
    });

    const lookup = await t.call<{ status: string; food: { source: string } }>(
      'GET',
      `/v1/foods/barcode/${NUTELLA}`,
      {
        key: bob.key,
      },
    );
    expect(lookup.body).toMatchObject({ status: 'found', food: { source: 'open-food-facts' } });
  });

  it('when foods are searched, then the offline table answers with its source; an empty query is 400', async () => {
    const result = await t.call<{ foods: Array<{ name: string; source: string }>; degraded: boolean }>(
      'GET',
      '/v1/foods/search?q=banana&limit=3',
      { key: bob.key },
    );
    expect(result.status).toBe(200);
    expect(result.body.foods).toHaveLength(3);
    expect(result.body.foods[0]).toMatchObject({ name: 'Bananas, raw', source: 'usda-sr28' });
    expect(result.body.degraded).toBe(false);

    expect((await t.call<ErrorBody>('GET', '/v1/foods/search?q=', { key: bob.key })).status).toBe(400);
    expect(
      (await t.call<ErrorBody>('GET', '/v1/foods/search?q=egg&limit=1000', { key: bob.key })).status,
    ).toBe(400);
  });

  it("when a user names another user's id or entry, then every food route is 404 and nothing changes", async () => {
    const entry = (await draft(alice, { text: 'a kiwi' })).body.entry!;
    const attempts: Array<[string, string, unknown?]> = [
      ['POST', `/v1/users/${alice.userId}/food-entries/drafts`, { text: 'an apple' }],
      ['POST', `/v1/users/${alice.userId}/food-entries/drafts/barcode`, { barcode: NUTELLA, grams: 10 }],
      ['GET', `/v1/users/${alice.userId}/food-entries`],
      ['GET', `/v1/users/${alice.userId}/summaries/daily`],
      ['GET', `/v1/users/${alice.userId}/summaries/weekly`],
      ['POST', `/v1/users/me/food-entries/${entry.id}/confirm`],
      ['GET', `/v1/users/me/food-entries/${entry.id}`],
      ['PATCH', `/v1/users/me/food-entries/${entry.id}`, { meal: 'snack' }],
      ['DELETE', `/v1/users/me/food-entries/drafts/${entry.id}`],
      ['DELETE', `/v1/users/me/food-entries/${entry.id}`],
    ];
    for (const [method, path, body] of attempts) {
      const result = await t.call<ErrorBody>(method, path, { key: bob.key, ...(body ? { body } : {}) });
      expect([method, path, result.status]).toEqual([method, path, 404]);
    }
    const untouched = await t.call<EntryBody>('GET', `/v1/users/me/food-entries/${entry.id}`, {
      key: alice.key,
    });
    expect(untouched.body).toMatchObject({ status: 'draft', meal: 'breakfast' });
  });

  it('when an admin acts on a user, then it may draft, confirm and read for them', async () => {
    const drafted = await draft(admin, { text: 'an apple' }, bob.userId);
    expect(drafted.status).toBe(201);
    expect(drafted.body.entry?.userId).toBe(bob.userId);
    expect((await confirm(admin, drafted.body.entry!.id, bob.userId)).status).toBe(200);
    const listed = await t.call<{ entries: EntryBody[] }>('GET', `/v1/users/${bob.userId}/food-entries`, {
      key: admin.key,
    });
    expect(listed.body.entries.map((listedEntry) => listedEntry.id)).toContain(drafted.body.entry!.id);
  });

  it('when values are negative, zero, absurd, unknown or in the future, then the 400 names the field and nothing is stored', async () => {
    const count = async () =>
      Number((await t.db('food_entries').where({ user_id: bob.userId }).count('* as n'))[0]?.n);
    const before = await count();
    const cases: Array<[unknown, string]> = [
      [{ text: '' }, 'body.text'],
      [{}, 'body.text'],
      [{ text: 'an apple', meal: 'brunch' }, 'body.meal'],
      [{ text: 'an apple', eatenAt: 'yesterday' }, 'body.eatenAt'],
      [{ text: 'an apple', eatenAt: '2026-03-16T07:30:00Z' }, 'eatenAt'],
      [{ text: 'an apple', colour: 'red' }, 'body'],
      [{ text: 'x'.repeat(2001) }, 'body.text'],
    ];
    for (const [body, path] of cases) {
      const result = await draft(bob, body);
      expect([JSON.stringify(body).slice(0, 60), result.status]).toEqual([
        JSON.stringify(body).slice(0, 60),
        400,
      ]);
      expect(paths(result.body).join(' ')).toContain(path);
    }
    for (const grams of [0, -5, 1e9]) {
      const result = await t.call<ErrorBody>('POST', '/v1/users/me/food-entries/drafts/barcode', {
        key: bob.key,
        body: { barcode: NUTELLA, grams },
      });
      expect(result.status).toBe(400);
      expect(paths(result.body)).toContain('body.grams');
    }
    const badBarcode = await t.call<ErrorBody>('POST', '/v1/users/me/food-entries/drafts/barcode', {
      key: bob.key,
      body: { barcode: "1' OR 1=1", grams: 10 },
    });
    expect(badBarcode.status).toBe(400);
    const absurd = await draft(bob, { text: '900 kg of rice' });
    expect(absurd.body).toMatchObject({
      status: 'nothing_matched',
      unmatched: [{ reason: 'implausible_amount' }],
    });
    expect(await count()).toBe(before);
  });

  it('when the body is malformed JSON or huge, then it is 400 or 413 and nothing is stored', async () => {
    const malformed = await t.call<ErrorBody>('POST', '/v1/users/me/food-entries/drafts', {
      key: bob.key,
      rawBody: '{"text":',
    });
    expect(malformed.status).toBe(400);
    const huge = await draft(bob, { text: 'an apple', note: 'x'.repeat(200_000) });
    expect(huge.status).toBe(413);
  });

  it('when no key is given, then every food route is 401', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    for (const [method, path] of [
      ['POST', '/v1/users/me/food-entries/drafts'],
      ['POST', `/v1/users/me/food-entries/${id}/confirm`],
      ['PATCH', `/v1/users/me/food-entries/${id}`],
      ['DELETE', `/v1/users/me/food-entries/${id}`],
      ['GET', '/v1/users/me/food-entries'],
      ['GET', '/v1/users/me/summaries/daily'],
      ['GET', '/v1/users/me/summaries/weekly'],
      ['GET', '/v1/foods/search?q=egg'],
    ] as const) {
      expect([method, path, (await t.call(method, path)).status]).toEqual([method, path, 401]);
    }
  });

  it('when food is eaten at 23:30 local time, then the daily summary counts it for that local day', async () => {
    const carol = await t.createUser();
    await t.db('user_profiles').where({ user_id: carol.userId }).update({ timezone: 'America/New_York' });
    clock.set('2026-03-16T12:00:00Z');
    const late = await draft(carol, { text: 'a banana', eatenAt: '2026-03-15T23:30:00-04:00' });
    expect(late.body.entry).toMatchObject({ localDay: '2026-03-15', meal: 'snack' });
    await confirm(carol, late.body.entry!.id);

    const day = await t.call<DailyBody>('GET', '/v1/users/me/summaries/daily?day=2026-03-15', {
      key: carol.key,
    });
    expect(day.body).toMatchObject({ entryCount: 1, totals: { kcal: 105 } });
    const next = await t.call<DailyBody>('GET', '/v1/users/me/summaries/daily?day=2026-03-16', {
      key: carol.key,
    });
    expect(next.body.entryCount).toBe(0);
    const week = await t.call<{ days: Array<{ day: string; entryCount: number }> }>(
      'GET',
      '/v1/users/me/summaries/weekly?endDay=2026-03-16',
      { key: carol.key },
    );
    expect(week.body.days.find((entry) => entry.day === '2026-03-15')?.entryCount).toBe(1);
    const future = await t.call<ErrorBody>('GET', '/v1/users/me/summaries/daily?day=2026-03-18', {
      key: carol.key,
    });
    expect(future.status).toBe(400);
  });
});
