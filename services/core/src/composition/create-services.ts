import type { Redis } from 'ioredis';
import type { Registry } from 'prom-client';
import { AccessService } from '../access/index.js';
import { type AuditService, createAuditService } from '../audit/index.js';
import type { Cache } from '../cache/index.js';
import type { Clock } from '../clock/clock.js';
import type { Config } from '../config/index.js';
import { createDataRightsService, type DataRightsService } from '../data-rights/index.js';
import type { Db } from '../db/db.js';
import { createFoodLogService, type FoodLogService } from '../food/index.js';
import { createGamificationService, type GamificationService } from '../gamification/index.js';
import { databaseHealthCheck, HealthService } from '../health/health-service.js';
import { createHealthMetricsService, type HealthMetricsService } from '../health-metrics/index.js';
import type { Logger } from '../logging/logger.js';
import { createMemoryService, type MemoryService } from '../memory/index.js';
import { createNutritionLookupService, type NutritionLookupService } from '../nutrition-providers/index.js';
import { createOutboxService, type OutboxService } from '../outbox/index.js';
import { ProfileService } from '../profiles/index.js';
import { createRateLimiter, type RateLimiter } from '../rate-limit/index.js';
import { createRemindersService, type RemindersService } from '../reminders/index.js';
import { type BreakerFactory, createBreakerFactory } from '../resilience/index.js';
import {
  assertToolExecutorAvailable,
  createToolServiceFromConfig,
  type ToolExecutor,
  type ToolService,
} from '../tools/index.js';
import { createTrackersService, type TrackersService } from '../trackers/index.js';

export interface ServiceDependencies {
  db: Db;
  cache: Cache;
  clock: Clock;
  logger: Logger;
  registry: Registry;
  config: Config;
  /** When given, rate limits are shared through Redis across replicas. */
  redis?: Redis;
  /** Runs tool code in a sandbox; without one, tool executions answer 503. */
  toolExecutor?: ToolExecutor;
}

export interface Services {
  health: HealthService;
  breakers: BreakerFactory;
  apiRateLimiter: RateLimiter;
  access: AccessService;
  profiles: ProfileService;
  /** XP, streaks, achievements, challenges; also every logging service's ActivityRecorder. */
  gamification: GamificationService;
  /** Water, weight, sleep, exercise, mood, steps and medication entries; trends and daily totals. */
  healthMetrics: HealthMetricsService;
  /** Custom trackers with typed fields and their entries. */
  trackers: TrackersService;
  /** Dynamic tools: lifecycle, approval, quotas and sandboxed execution on the caller's data. */
  tools: ToolService;
  /** The audit trail, for admins. */
  audit: AuditService;
  /** Categorised facts about the user with full-text relevance, and the capped conversation history. */
  memory: MemoryService;
  /** Export everything of a user (JSON, food CSV) and delete a user; both audited. */
  dataRights: DataRightsService;
  /** Daily, weekly and one-time reminders: CRUD, answers, statistics, and claiming for the dispatcher. */
  reminders: RemindersService;
  /** Messages that could not be delivered at once, retried by workers; recipients who blocked the bot. */
  outbox: OutboxService;
  /** Food by name or barcode: cache, then USDA FDC / Open Food Facts behind breakers, then the offline SR28 table. */
  nutritionLookup: NutritionLookupService;
  /** Food entries from text or barcode: drafts, confirmation, edits, daily and weekly summaries. */
  food: FoodLogService;
}

/**
 * The composition root of the domain: builds every repository and service from
 * injected infrastructure. Nothing else constructs them.
 */
export function createServices(deps: ServiceDependencies): Services {
  const { config, logger, registry, cache, db } = deps;
  assertToolExecutorAvailable(config);
  const breakers = createBreakerFactory({
    registry,
    logger,
    defaults: {
      failureThreshold: config.BREAKER_FAILURE_THRESHOLD,
      resetTimeoutMs: config.BREAKER_RESET_TIMEOUT_MS,
      timeoutMs: config.BREAKER_CALL_TIMEOUT_MS,
    },
  });
  const health = new HealthService([
    databaseHealthCheck(db),
    {
      name: 'cache',
      check: async () => {
        if (!(await cache.ping())) throw new Error('cache does not answer');
      },
    },
  ]);
  const apiRateLimiter = createRateLimiter({
    points: config.RATE_LIMIT_POINTS,
    durationSeconds: config.RATE_LIMIT_WINDOW_SECONDS,
    keyPrefix: `${config.CACHE_KEY_PREFIX}rl:api`,
    ...(deps.redis ? { redis: deps.redis } : {}),
  });
  const access = new AccessService({ db, clock: deps.clock, adminTelegramIds: config.ADMIN_TELEGRAM_IDS });
  const profiles = new ProfileService({ db, clock: deps.clock });
  const gamification = createGamificationService({ db, clock: deps.clock, logger });
  const healthMetrics = createHealthMetricsService({
    db,
    clock: deps.clock,
    logger,
    activityRecorder: gamification,
  });
  const trackers = createTrackersService({ db, clock: deps.clock, logger, activityRecorder: gamification });
  const tools = createToolServiceFromConfig({
    db,
    clock: deps.clock,
    logger,
    config,
    ...(deps.redis ? { redis: deps.redis } : {}),
    ...(deps.toolExecutor ? { executor: deps.toolExecutor } : {}),
  });
  const audit = createAuditService({ db });
  const memory = createMemoryService({ db, clock: deps.clock, logger });
  const dataRights = createDataRightsService({ db, clock: deps.clock, logger });
  const reminders = createRemindersService({ db, clock: deps.clock, logger, activityRecorder: gamification });
  const nutritionLookup = createNutritionLookupService({
    breakers,
    cache,
    logger,
    cacheTtlSeconds: config.NUTRITION_CACHE_TTL_SECONDS,
    ...(config.FDC_API_KEY ? { usdaFdc: { apiKey: config.FDC_API_KEY, baseUrl: config.FDC_BASE_URL } } : {}),
    ...(config.OFF_BASE_URL ? { openFoodFacts: { baseUrl: config.OFF_BASE_URL } } : {}),
  });
  const food = createFoodLogService({
    db,
    clock: deps.clock,
    logger,
    lookup: nutritionLookup,
    activityRecorder: gamification,
  });
  return {
    health,
    breakers,
    apiRateLimiter,
    access,
    profiles,
    gamification,
    healthMetrics,
    trackers,
    tools,
    audit,
    memory,
    dataRights,
    reminders,
    outbox: createOutboxService({ db, clock: deps.clock, logger, maxAttempts: config.OUTBOX_MAX_ATTEMPTS }),
    nutritionLookup,
    food,
  };
}
