import { Redis } from 'ioredis';
import pino from 'pino';
import { Registry } from 'prom-client';
import { type Cache, MemoryCache, RedisCache } from '../cache/index.js';
import { ValidationError } from '../errors/index.js';
import { createOfflineNutritionProvider } from '../nutrition/index.js';
import { type BreakerFactory, createBreakerFactory } from '../resilience/index.js';
import { testRedisUrl } from '../testing/test-backends.js';
import {
  type FakeJsonServer,
  fdcSearchAnswer,
  offNotFoundAnswer,
  offProductAnswer,
  startFakeJsonServer,
} from './fake-nutrition-apis.js';
import {
  createNutritionLookupService,
  type NutritionLookupDependencies,
} from './nutrition-lookup-service.js';

const NUTELLA = '3017620422003';
const yogurt = {
  fdcId: 2259793,
  description: 'Yogurt, Greek, plain',
  kcal: 97,
  proteinG: 9,
  fatG: 5,
  carbsG: 3.98,
  sodiumMg: 35,
};
const nutellaProduct = {
  product_name: 'Nutella',
  brands: 'Ferrero, Nutella',
  serving_size: '15 g',
  serving_quantity: 15,
  nutriments: {
    'energy-kcal_100g': 539,
    proteins_100g: 6.3,
    fat_100g: 30.9,
    carbohydrates_100g: 57.5,
    fiber_100g: '3.4',
    sugars_100g: 56.3,
    sodium_100g: 0.0428,
  },
};

async function metric(
  registry: Registry,
  name: string,
  labels: Record<string, string>,
): Promise<number | undefined> {
  const values = (await registry.getSingleMetric(name)?.get())?.values ?? [];
  return values.find((value) => Object.entries(labels).every(([key, label]) => value.labels[key] === label))
    ?.value;
}

describe('nutrition lookup chain against fake USDA FDC and Open Food Facts servers', () => {
  let fdc: FakeJsonServer;
  let off: FakeJsonServer;
  let registry: Registry;
  const factories: BreakerFactory[] = [];
  const offline = createOfflineNutritionProvider();

  beforeAll(async () => {
    fdc = await startFakeJsonServer(() => ({ status: 200, json: fdcSearchAnswer([yogurt]) }));
    off = await startFakeJsonServer(() => ({ status: 200, json: offProductAnswer(NUTELLA, nutellaProduct) }));
    // Loading fetch and the SR28 index takes a while the first time; do it before any timed call.
    await (await fetch(fdc.baseUrl)).text();
    await offline.lookup('banana');
  });

  afterEach(() => {
    for (const factory of factories.splice(0)) factory.shutdown();
  });

  afterAll(async () => {
    await fdc.close();
    await off.close();
  });

  beforeEach(() => {
    fdc.requests.length = 0;
    off.requests.length = 0;
    fdc.reply(() => ({ status: 200, json: fdcSearchAnswer([yogurt]) }));
    off.reply(() => ({ status: 200, json: offProductAnswer(NUTELLA, nutellaProduct) }));
  });

  /** Generous for answers, so a slow machine does not time out; the hanging-server tests pass a short one. */
  function lookup(overrides: Partial<NutritionLookupDependencies> = {}, retries = 0, timeoutMs = 3_000) {
    registry = new Registry();
    const logger = pino({ level: 'silent' });
    const breakers = createBreakerFactory({
      registry,
      logger,
      defaults: { retryBaseDelayMs: 5, retryMaxDelayMs: 10 },
    });
    factories.push(breakers);
    return createNutritionLookupService({
      breakers,
      cache: new MemoryCache(),
      logger,
      offline,
      usdaFdc: { apiKey: 'test-key', baseUrl: fdc.baseUrl, timeoutMs, retries },
      openFoodFacts: { baseUrl: off.baseUrl, timeoutMs, retries },
      ...overrides,
    });
  }

  describe('by name (USDA FoodData Central)', () => {
    it('when FDC answers, then its foods come back with source usda-fdc, per-100 g nutrients and the key sent', async () => {
      const result = await lookup().lookupByName('  Greek   YOGURT ');

      expect(result).toMatchObject({ query: 'greek yogurt', cached: false, degraded: false });
      expect(result.foods).toHaveLength(1);
      expect(result.foods[0]).toMatchObject({
        id: '2259793',
        source: 'usda-fdc',
        name: 'Yogurt, Greek, plain',
      });
      expect(result.foods[0]?.per100g).toMatchObject({
        kcal: 97,
        proteinG: 9,
        fatG: 5,
        carbsG: 3.98,
        sodiumMg: 35,
        fiberG: null,
      });
      expect(fdc.requests).toHaveLength(1);
      expect(fdc.requests[0]?.path).toBe('/fdc/v1/foods/search');
      expect(fdc.requests[0]?.query.get('query')).toBe('greek yogurt');
      expect(fdc.requests[0]?.query.get('api_key')).toBe('test-key');
      expect(fdc.requests[0]?.query.get('pageSize')).toBe('5');
    });

    it('when the same food is asked again in another spelling, then the cache answers, the server is not called and the source stays usda-fdc', async () => {
      const service = lookup();
      await service.lookupByName('greek yogurt');
      const again = await service.lookupByName('GREEK yogurt');

      expect(again.cached).toBe(true);
      expect(again.foods[0]?.source).toBe('usda-fdc');
      expect(fdc.requests).toHaveLength(1);
    });

    it('when a cached answer is older than the TTL, then FDC is asked again', async () => {
      let now = 0;
      const service = lookup({ cache: new MemoryCache({ clock: { now: () => now } }), cacheTtlSeconds: 60 });
      await service.lookupByName('greek yogurt');
      now += 61_000;
      const again = await service.lookupByName('greek yogurt');

      expect(again.cached).toBe(false);
      expect(fdc.requests).toHaveLength(2);
    });

    it('when no FDC key is configured, then the offline SR28 table answers and no request is made', async () => {
      const service = lookup({ usdaFdc: undefined });
      const result = await service.lookupByName('banana');

      expect(result).toMatchObject({ query: 'banana', cached: false, degraded: false });
      expect(result.foods[0]).toMatchObject({ id: '09040', source: 'usda-sr28', name: 'Bananas, raw' });
      expect(fdc.requests).toHaveLength(0);
    });

    it('when FDC answers 500, then each attempt is retried, the offline table answers, and nothing is cached', async () => {
      fdc.reply(() => ({ status: 500, json: { error: 'boom' } }));
      const service = lookup({}, 1);
      const result = await service.lookupByName('banana');

      expect(result.degraded).toBe(true);
      expect(result.foods[0]).toMatchObject({ source: 'usda-sr28', name: 'Bananas, raw' });
      expect(fdc.requests).toHaveLength(2);

      fdc.reply(() => ({
        status: 200,
        json: fdcSearchAnswer([{ fdcId: 1, description: 'Banana, raw', kcal: 89 }]),
      }));
      const recovered = await service.lookupByName('banana');
      expect(recovered).toMatchObject({ cached: false, degraded: false });
      expect(recovered.foods[0]?.source).toBe('usda-fdc');
    });

    it('when the first attempt fails and the retry succeeds, then the online answer is used', async () => {
      let calls = 0;
      fdc.reply(() => {
        calls += 1;
        return calls === 1 ? { status: 503, text: 'busy' } : { status: 200, json: fdcSearchAnswer([yogurt]) };
      });
      const result = await lookup({}, 2).lookupByName('greek yogurt');

      expect(result).toMatchObject({ degraded: false, cached: false });
      expect(result.foods[0]?.source).toBe('usda-fdc');
      expect(fdc.requests).toHaveLength(2);
      expect(await metric(registry, 'breaker_retries_total', { breaker: 'usda-fdc' })).toBe(1);
    });

    it('when FDC never answers, then the lookup gives up after the timeout and the offline table answers', async () => {
      fdc.reply(() => 'hang');
      const started = Date.now();
      const result = await lookup({}, 0, 200).lookupByName('banana');

      expect(Date.now() - started).toBeLessThan(2_000);
      expect(result.degraded).toBe(true);
      expect(result.foods[0]?.source).toBe('usda-sr28');
      expect(fdc.requests).toHaveLength(1);
    });

    it('when FDC answers malformed JSON or an unexpected shape, then the offline table answers', async () => {
      fdc.reply(() => ({ status: 200, text: '{"foods": [' }));
      const service = lookup();
      expect((await service.lookupByName('banana')).foods[0]?.source).toBe('usda-sr28');

      fdc.reply(() => ({ status: 200, json: { foods: 'not a list' } }));
      const shape = await service.lookupByName('banana');
      expect(shape.degraded).toBe(true);
      expect(shape.foods[0]?.source).toBe('usda-sr28');
    });

    it('when FDC lists foods in an unusable shape among good ones, then only the good ones are kept', async () => {
      fdc.reply(() => ({
        status: 200,
        json: { foods: [{ fdcId: 9 }, 'junk', ...(fdcSearchAnswer([yogurt]) as { foods: unknown[] }).foods] },
      }));
      const result = await lookup().lookupByName('greek yogurt');

      expect(result.foods.map((food) => food.id)).toEqual(['2259793']);
    });

    it('when FDC finds nothing, then the offline table is asked and the empty answer is not cached', async () => {
      fdc.reply(() => ({ status: 200, json: fdcSearchAnswer([]) }));
      const service = lookup();
      const result = await service.lookupByName('banana');

      expect(result).toMatchObject({ degraded: false, cached: false });
      expect(result.foods[0]?.source).toBe('usda-sr28');
      await service.lookupByName('banana');
      expect(fdc.requests).toHaveLength(2);
    });

    it('when 5 lookups fail in a row, then the breaker opens and the next lookup uses the offline table without calling FDC', async () => {
      fdc.reply(() => ({ status: 500, json: {} }));
      const service = lookup();
      for (let i = 0; i < 5; i++) expect((await service.lookupByName(`banana ${i}`)).degraded).toBe(true);
      expect(fdc.requests).toHaveLength(5);
      expect(await metric(registry, 'breaker_state', { breaker: 'usda-fdc' })).toBe(2);

      fdc.reply(() => ({ status: 200, json: fdcSearchAnswer([yogurt]) }));
      const result = await service.lookupByName('banana');
      expect(result.degraded).toBe(true);
      expect(result.foods[0]).toMatchObject({ source: 'usda-sr28', name: 'Bananas, raw' });
      expect(fdc.requests).toHaveLength(5);
    });

    it('when the cache itself fails, then the lookup still answers from FDC', async () => {
      const broken: Cache = {
        get: () => Promise.reject(new Error('cache down')),
        set: () => Promise.reject(new Error('cache down')),
        delete: () => Promise.resolve(),
        getOrSet: (_key, _ttl, load) => load(),
        ping: () => Promise.resolve(false),
        close: () => Promise.resolve(),
      };
      const result = await lookup({ cache: broken }).lookupByName('greek yogurt');

      expect(result.foods[0]?.source).toBe('usda-fdc');
    });

    it('when the query is empty, too long, holds control characters or the limit is absurd, then it is refused before any request', async () => {
      const service = lookup();
      await expect(service.lookupByName('   ')).rejects.toBeInstanceOf(ValidationError);
      await expect(service.lookupByName('x'.repeat(201))).rejects.toBeInstanceOf(ValidationError);
      await expect(service.lookupByName('rice\u0000')).rejects.toBeInstanceOf(ValidationError);
      await expect(service.lookupByName('rice', { limit: 0 })).rejects.toBeInstanceOf(ValidationError);
      await expect(service.lookupByName('rice', { limit: 1000 })).rejects.toBeInstanceOf(ValidationError);
      expect(fdc.requests).toHaveLength(0);
    });

    it('when the query carries emoji, then it is sent as written and the answer is used', async () => {
      const result = await lookup().lookupByName('🥣 greek yogurt');

      expect(fdc.requests[0]?.query.get('query')).toBe('🥣 greek yogurt');
      expect(result.foods[0]?.source).toBe('usda-fdc');
    });
  });

  describe('by barcode (Open Food Facts)', () => {
    it('when the product exists, then its per-100 g nutrients come back with sodium in mg and the label serving as a portion', async () => {
      const result = await lookup().lookupByBarcode(`${NUTELLA.slice(0, 7)} ${NUTELLA.slice(7)}`);

      expect(result).toMatchObject({ barcode: NUTELLA, status: 'found', cached: false });
      expect(result.food).toMatchObject({
        id: NUTELLA,
        source: 'open-food-facts',
        name: 'Nutella (Ferrero)',
      });
      expect(result.food?.per100g).toMatchObject({
        kcal: 539,
        proteinG: 6.3,
        fatG: 30.9,
        carbsG: 57.5,
        fiberG: 3.4,
        sugarG: 56.3,
        sodiumMg: 42.8,
        calciumMg: null,
      });
      expect(result.food?.portions).toEqual([{ amount: 1, description: '15 g', grams: 15 }]);
      expect(off.requests[0]?.path).toBe(`/api/v2/product/${NUTELLA}.json`);
      expect(off.requests[0]?.headers['user-agent']).toMatch(/^HealthAgent\//);
    });

    it('when the same barcode is scanned again, then the cache answers without calling Open Food Facts', async () => {
      const service = lookup();
      await service.lookupByBarcode(NUTELLA);
      const again = await service.lookupByBarcode(NUTELLA);

      expect(again).toMatchObject({ status: 'found', cached: true });
      expect(again.food?.source).toBe('open-food-facts');
      expect(off.requests).toHaveLength(1);
    });

    it('when Open Food Facts does not know the barcode (404 or status 0), then the answer is not_found and is not cached', async () => {
      off.reply(() => ({ status: 404, json: offNotFoundAnswer('12345678') }));
      const service = lookup();
      expect(await service.lookupByBarcode('12345678')).toEqual({
        barcode: '12345678',
        status: 'not_found',
        food: null,
        cached: false,
      });
      off.reply(() => ({ status: 200, json: offNotFoundAnswer('12345678') }));
      expect((await service.lookupByBarcode('12345678')).status).toBe('not_found');
      expect(off.requests).toHaveLength(2);
      expect(await metric(registry, 'breaker_state', { breaker: 'open-food-facts' })).toBe(0);
    });

    it('when Open Food Facts fails with 500, hangs or sends malformed JSON, then the answer is unavailable', async () => {
      const service = lookup({}, 0, 200);
      off.reply(() => ({ status: 500, text: 'oops' }));
      expect((await service.lookupByBarcode(NUTELLA)).status).toBe('unavailable');
      off.reply(() => 'hang');
      expect((await service.lookupByBarcode(NUTELLA)).status).toBe('unavailable');
      off.reply(() => ({ status: 200, text: '<html>' }));
      expect((await service.lookupByBarcode(NUTELLA)).status).toBe('unavailable');
      off.reply(() => ({ status: 200, json: { status: 1, product: { product_name: 42 } } }));
      expect((await service.lookupByBarcode(NUTELLA)).status).toBe('unavailable');
    });

    it('when 5 barcode lookups fail in a row, then the breaker opens and the next is unavailable without a request', async () => {
      off.reply(() => ({ status: 502, text: 'bad gateway' }));
      const service = lookup();
      for (let i = 0; i < 5; i++) await service.lookupByBarcode(NUTELLA);
      expect(off.requests).toHaveLength(5);

      off.reply(() => ({ status: 200, json: offProductAnswer(NUTELLA, nutellaProduct) }));
      expect((await service.lookupByBarcode(NUTELLA)).status).toBe('unavailable');
      expect(off.requests).toHaveLength(5);
    });

    it('when Open Food Facts is not configured, then barcodes are unavailable', async () => {
      const result = await lookup({ openFoodFacts: undefined }).lookupByBarcode(NUTELLA);

      expect(result.status).toBe('unavailable');
      expect(off.requests).toHaveLength(0);
    });

    it('when the barcode is not 8, 12, 13 or 14 digits, then it is refused before any request', async () => {
      const service = lookup();
      for (const bad of ['', '123', '12345678901', 'abcdefgh', '3017620422003🍫', '1'.repeat(15)]) {
        await expect(service.lookupByBarcode(bad)).rejects.toBeInstanceOf(ValidationError);
      }
      expect(off.requests).toHaveLength(0);
    });
  });

  it('when one replica looked a product up, then another sharing the cache (Redis when the run has one) answers from it', async () => {
    const redisUrl = testRedisUrl();
    const client = redisUrl ? new Redis(redisUrl) : undefined;
    const keyPrefix = `test:nutrition:${process.pid}:${Date.now()}:`;
    const shared: Cache = client
      ? new RedisCache({ client, keyPrefix, ownsClient: false })
      : new MemoryCache();
    try {
      await lookup({ cache: shared }).lookupByBarcode(NUTELLA);
      const result = await lookup({ cache: shared }).lookupByBarcode(NUTELLA);

      expect(result).toMatchObject({ status: 'found', cached: true });
      expect(result.food?.per100g.sodiumMg).toBe(42.8);
      expect(off.requests).toHaveLength(1);
    } finally {
      if (client) {
        const keys = await client.keys(`${keyPrefix}*`);
        if (keys.length > 0) await client.del(...keys);
        client.disconnect();
      }
    }
  });
});
