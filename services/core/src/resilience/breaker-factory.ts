import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { createBreakerMetrics } from './breaker-metrics.js';
import type { Breaker, BreakerDefaults, BreakerOptions } from './breaker-types.js';
import { type Clock, systemClock } from './clock.js';
import { ProtectedCall } from './protected-call.js';

export const breakerDefaults: BreakerDefaults = {
  timeoutMs: 10_000,
  retries: 0,
  retryBaseDelayMs: 200,
  retryMaxDelayMs: 5_000,
  failureThreshold: 5,
  resetTimeoutMs: 30_000,
};

export interface BreakerFactoryDependencies {
  /** Metrics go here; never the global registry, so tests and processes do not collide. */
  registry: Registry;
  logger: Logger;
  clock?: Clock;
  /** Source of jitter, in [0, 1). */
  random?: () => number;
  defaults?: Partial<BreakerDefaults>;
}

export interface BreakerFactory {
  create<TArgs extends unknown[], R>(
    name: string,
    fn: (...args: TArgs) => Promise<R>,
    options?: BreakerOptions<TArgs, R>,
  ): Breaker<TArgs, R>;
  /** Stops every breaker's timers; for process shutdown. */
  shutdown(): void;
}

/** The one place outbound dependencies get their circuit breakers, so all share policy and metrics. */
export function createBreakerFactory(deps: BreakerFactoryDependencies): BreakerFactory {
  const metrics = createBreakerMetrics(deps.registry);
  const clock = deps.clock ?? systemClock;
  const random = deps.random ?? Math.random;
  const defaults = { ...breakerDefaults, ...deps.defaults };
  const breakers = new Map<string, { shutdown(): void }>();

  return {
    create<TArgs extends unknown[], R>(
      name: string,
      fn: (...args: TArgs) => Promise<R>,
      options: BreakerOptions<TArgs, R> = {},
    ): Breaker<TArgs, R> {
      // One name is one time series; two breakers under it would garble the metrics.
      if (breakers.has(name)) throw new Error(`a breaker named ${name} already exists`);
      const logger = deps.logger.child({ breaker: name });
      const settings = { ...defaults, ...options };
      if (settings.retries > 0 && !options.idempotent) {
        logger.warn({ retries: settings.retries }, 'retries ignored: the call is not idempotent');
      }
      const breaker = new ProtectedCall(
        name,
        fn,
        {
          timeoutMs: settings.timeoutMs,
          failureThreshold: settings.failureThreshold,
          resetTimeoutMs: settings.resetTimeoutMs,
          retries: options.idempotent ? settings.retries : 0,
          backoff: { baseDelayMs: settings.retryBaseDelayMs, maxDelayMs: settings.retryMaxDelayMs },
          ...(options.fallback ? { fallback: options.fallback } : {}),
        },
        { clock, random, logger, metrics },
      );
      breakers.set(name, breaker);
      return breaker;
    },
    shutdown(): void {
      for (const breaker of breakers.values()) breaker.shutdown();
    },
  };
}
