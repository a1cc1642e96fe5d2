import { Counter, Gauge, type Registry } from 'prom-client';
import type { BreakerState } from './breaker-types.js';

export type CallOutcome = 'success' | 'failure' | 'timeout' | 'rejected' | 'fallback';

export interface BreakerMetrics {
  setState(breaker: string, state: BreakerState): void;
  countCall(breaker: string, outcome: CallOutcome): void;
  countRetry(breaker: string): void;
}

const stateValue: Record<BreakerState, number> = { closed: 0, 'half-open': 1, open: 2 };

/** Reuses a metric already on the registry, so two factories sharing one registry do not collide. */
function registered<T>(
  registry: Registry,
  name: string,
  isExpected: (metric: unknown) => metric is T,
  make: () => T,
): T {
  const existing = registry.getSingleMetric(name);
  if (existing === undefined) return make();
  if (!isExpected(existing)) throw new Error(`metric ${name} is already registered with another type`);
  return existing;
}

export function createBreakerMetrics(registry: Registry): BreakerMetrics {
  const state = registered(
    registry,
    'breaker_state',
    (metric): metric is Gauge<'breaker'> => metric instanceof Gauge,
    () =>
      new Gauge({
        name: 'breaker_state',
        help: 'Circuit breaker state: 0 closed, 1 half-open, 2 open',
        labelNames: ['breaker'],
        registers: [registry],
      }),
  );
  const calls = registered(
    registry,
    'breaker_calls_total',
    (metric): metric is Counter<'breaker' | 'outcome'> => metric instanceof Counter,
    () =>
      new Counter({
        name: 'breaker_calls_total',
        help: 'Attempts through a circuit breaker by outcome (success, failure, timeout, rejected), and fallbacks used',
        labelNames: ['breaker', 'outcome'],
        registers: [registry],
      }),
  );
  const retries = registered(
    registry,
    'breaker_retries_total',
    (metric): metric is Counter<'breaker'> => metric instanceof Counter,
    () =>
      new Counter({
        name: 'breaker_retries_total',
        help: 'Retries of idempotent calls through a circuit breaker',
        labelNames: ['breaker'],
        registers: [registry],
      }),
  );
  return {
    setState: (breaker, value) => state.set({ breaker }, stateValue[value]),
    countCall: (breaker, outcome) => calls.inc({ breaker, outcome }),
    countRetry: (breaker) => retries.inc({ breaker }),
  };
}
