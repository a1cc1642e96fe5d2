import type { Logger } from 'pino';
import type { Cache } from '../cache/index.js';
import { ValidationError } from '../errors/index.js';
import {
  createOfflineNutritionProvider,
  type FoodNutrition,
  type NutritionProvider,
} from '../nutrition/index.js';
import type { Breaker, BreakerFactory } from '../resilience/index.js';
import type { FetchFunction } from './fetch-json.js';
import { barcodeCacheKey, nameCacheKey, normalizeBarcode, normalizeFoodQuery } from './lookup-keys.js';
import { createOpenFoodFactsClient, OPEN_FOOD_FACTS_SOURCE } from './open-food-facts-client.js';
import { createUsdaFdcClient, USDA_FDC_SOURCE } from './usda-fdc-client.js';

export const DEFAULT_SEARCH_LIMIT = 5;
export const MAX_SEARCH_LIMIT = 25;

export interface FoodNameLookup {
  /** The query as it was looked up: trimmed, lower case, spaces collapsed. */
  query: string;
  /** Best match first; each food keeps the source it came from, also when it was read from the cache. */
  foods: FoodNutrition[];
  /** The answer came from the cache, not from a provider. */
  cached: boolean;
  /** An online provider is configured but could not answer, so the offline table did. */
  degraded: boolean;
}

export type BarcodeLookup =
  | { barcode: string; status: 'found'; food: FoodNutrition; cached: boolean }
  /** not_found: Open Food Facts does not know it; unavailable: it could not be asked (the offline table has no barcodes). */
  | { barcode: string; status: 'not_found' | 'unavailable'; food: null; cached: false };

export interface NutritionLookupService {
  /** Cache → USDA FoodData Central (when configured and its breaker is closed) → the offline SR28 table. */
  lookupByName(query: string, options?: { limit?: number }): Promise<FoodNameLookup>;
  /** Cache → Open Food Facts (when configured and its breaker is closed). */
  lookupByBarcode(barcode: string): Promise<BarcodeLookup>;
}

export interface OnlineProviderSettings {
  baseUrl: string;
  /** Per attempt; USDA 5 s, Open Food Facts 10 s by default. */
  timeoutMs?: number;
  /** Extra attempts for a failed GET (they are idempotent). Default 2. */
  retries?: number;
}

export interface NutritionLookupDependencies {
  breakers: BreakerFactory;
  cache: Cache;
  logger: Logger;
  /** Seconds an online answer is cached. Default 86400 (24 h). */
  cacheTtlSeconds?: number;
  /** Default: the shipped USDA SR28 table. */
  offline?: NutritionProvider;
  /** Default: the global fetch. */
  fetch?: FetchFunction;
  /** Set only when FDC_API_KEY is set. */
  usdaFdc?: OnlineProviderSettings & { apiKey: string };
  openFoodFacts?: OnlineProviderSettings & { userAgent?: string };
}

interface NameAnswer {
  foods: FoodNutrition[];
  online: boolean;
}

type ProductAnswer = { status: 'found'; food: FoodNutrition } | { status: 'not_found' | 'unavailable' };

const DEFAULT_TTL_SECONDS = 86_400;
const DEFAULT_RETRIES = 2;
const USDA_FDC_TIMEOUT_MS = 5_000;
const OPEN_FOOD_FACTS_TIMEOUT_MS = 10_000;
const DEFAULT_USER_AGENT = 'HealthAgent/0.1 (self-hosted health assistant)';

class ChainedNutritionLookup implements NutritionLookupService {
  private readonly ttlSeconds: number;
  private offlineProvider: NutritionProvider | undefined;
  private readonly fdc: Breaker<[string, number], NameAnswer> | undefined;
  private readonly openFoodFacts: Breaker<[string], ProductAnswer> | undefined;

  constructor(private readonly deps: NutritionLookupDependencies) {
    this.ttlSeconds = deps.cacheTtlSeconds ?? DEFAULT_TTL_SECONDS;
    this.offlineProvider = deps.offline;
    const fetchFn: FetchFunction = deps.fetch ?? ((input, init) => fetch(input, init));
    this.fdc = deps.usdaFdc ? this.createFdcBreaker(deps.usdaFdc, fetchFn) : undefined;
    this.openFoodFacts = deps.openFoodFacts
      ? this.createOpenFoodFactsBreaker(deps.openFoodFacts, fetchFn)
      : undefined;
  }

  async lookupByName(query: string, options: { limit?: number } = {}): Promise<FoodNameLookup> {
    const normalized = normalizeFoodQuery(query);
    const limit = options.limit ?? DEFAULT_SEARCH_LIMIT;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SEARCH_LIMIT) {
      const message = `must be a whole number from 1 to ${MAX_SEARCH_LIMIT}`;
      throw new ValidationError(`limit ${message}`, [{ path: 'limit', message }]);
    }
    if (!this.fdc) return this.offlineAnswer(normalized, limit, false);
    const key = nameCacheKey(normalized, limit);
    const cached = await this.readCache<FoodNutrition[]>(key);
    if (cached) return { query: normalized, foods: cached, cached: true, degraded: false };
    const answer = await this.fdc.call(normalized, limit);
    if (!answer.online) return { query: normalized, foods: answer.foods, cached: false, degraded: true };
    if (answer.foods.length === 0) return this.offlineAnswer(normalized, limit, false);
    await this.writeCache(key, answer.foods);
    return { query: normalized, foods: answer.foods, cached: false, degraded: false };
  }

  async lookupByBarcode(barcode: string): Promise<BarcodeLookup> {
    const normalized = normalizeBarcode(barcode);
    if (!this.openFoodFacts) return { barcode: normalized, status: 'unavailable', food: null, cached: false };
    const key = barcodeCacheKey(normalized);
    const cached = await this.readCache<FoodNutrition>(key);
    if (cached) return { barcode: normalized, status: 'found', food: cached, cached: true };
    const answer = await this.openFoodFacts.call(normalized);
    if (answer.status !== 'found')
      return { barcode: normalized, status: answer.status, food: null, cached: false };
    await this.writeCache(key, answer.food);
    return { barcode: normalized, status: 'found', food: answer.food, cached: false };
  }

  /** Built on first use: indexing the SR28 table takes a second or two, which a process that never looks food up should not pay. */
  private get offline(): NutritionProvider {
    this.offlineProvider ??= createOfflineNutritionProvider();
    return this.offlineProvider;
  }

  private async offlineAnswer(query: string, limit: number, degraded: boolean): Promise<FoodNameLookup> {
    const { foods } = await this.offline.lookup(query, { limit });
    return { query, foods, cached: false, degraded };
  }

  private createFdcBreaker(
    settings: NonNullable<NutritionLookupDependencies['usdaFdc']>,
    fetchFn: FetchFunction,
  ): Breaker<[string, number], NameAnswer> {
    const timeoutMs = settings.timeoutMs ?? USDA_FDC_TIMEOUT_MS;
    const client = createUsdaFdcClient({
      baseUrl: settings.baseUrl,
      apiKey: settings.apiKey,
      timeoutMs,
      fetch: fetchFn,
    });
    return this.deps.breakers.create(
      USDA_FDC_SOURCE,
      async (query: string, limit: number): Promise<NameAnswer> => ({
        foods: await client.search(query, limit),
        online: true,
      }),
      {
        timeoutMs,
        idempotent: true,
        retries: settings.retries ?? DEFAULT_RETRIES,
        fallback: {
          name: 'usda-sr28-offline',
          fn: async (query: string, limit: number) => ({
            foods: (await this.offline.lookup(query, { limit })).foods,
            online: false,
          }),
        },
      },
    );
  }

  private createOpenFoodFactsBreaker(
    settings: NonNullable<NutritionLookupDependencies['openFoodFacts']>,
    fetchFn: FetchFunction,
  ): Breaker<[string], ProductAnswer> {
    const timeoutMs = settings.timeoutMs ?? OPEN_FOOD_FACTS_TIMEOUT_MS;
    const client = createOpenFoodFactsClient({
      baseUrl: settings.baseUrl,
      timeoutMs,
      fetch: fetchFn,
      userAgent: settings.userAgent ?? DEFAULT_USER_AGENT,
    });
    return this.deps.breakers.create(
      OPEN_FOOD_FACTS_SOURCE,
      async (barcode: string): Promise<ProductAnswer> => {
        const food = await client.product(barcode);
        return food ? { status: 'found', food } : { status: 'not_found' };
      },
      {
        timeoutMs,
        idempotent: true,
        retries: settings.retries ?? DEFAULT_RETRIES,
        // There is no offline barcode table: the caller is told the lookup is unavailable.
        fallback: { name: 'barcode-unavailable', fn: async () => ({ status: 'unavailable' }) },
      },
    );
  }

  /** A cache that does not answer only costs a provider call; it never fails the lookup. */
  private async readCache<T>(key: string): Promise<T | undefined> {
    try {
      return await this.deps.cache.get<T>(key);
    } catch (error) {
      this.deps.logger.warn({ err: error, key }, 'nutrition cache read failed');
      return undefined;
    }
  }

  private async writeCache(key: string, value: unknown): Promise<void> {
    try {
      await this.deps.cache.set(key, value, this.ttlSeconds);
    } catch (error) {
      this.deps.logger.warn({ err: error, key }, 'nutrition cache write failed');
    }
  }
}

/** The one nutrition lookup chain; each online provider sits behind its own circuit breaker. */
export function createNutritionLookupService(deps: NutritionLookupDependencies): NutritionLookupService {
  return new ChainedNutritionLookup(deps);
}
