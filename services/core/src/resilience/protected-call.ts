import CircuitBreaker from 'opossum';
import type { Logger } from 'pino';
import { DependencyUnavailableError } from '../errors/index.js';
import type { BreakerMetrics } from './breaker-metrics.js';
import type { Breaker, BreakerState, NamedFallback } from './breaker-types.js';
import type { Clock } from './clock.js';
import { type BackoffPolicy, fullJitterDelayMs } from './retry-backoff.js';

export interface ProtectedCallSettings<TArgs extends unknown[], R> {
  timeoutMs: number;
  failureThreshold: number;
  resetTimeoutMs: number;
  /** Already zero for calls that are not idempotent. */
  retries: number;
  backoff: BackoffPolicy;
  fallback?: NamedFallback<TArgs, R>;
}

export interface ProtectedCallDependencies {
  clock: Clock;
  random: () => number;
  logger: Logger;
  metrics: BreakerMetrics;
}

type FailedAttempt = { kind: 'failure' | 'timeout' | 'rejected'; error: unknown };
type Attempt<R> = { kind: 'success'; value: R } | FailedAttempt;

/** opossum documents the `state` option (to restore a breaker's state) but @types/opossum lacks it. */
type CircuitOptions = CircuitBreaker.Options & { state?: { closed: boolean; halfOpen: boolean } };

/** Longest delay setTimeout accepts; used to keep opossum's own reset timer out of the way. */
const NEVER_MS = 2 ** 31 - 1;

/**
 * One dependency behind an opossum circuit. opossum rejects fast while open and lets exactly one
 * trial call through while half-open; this class adds what opossum 10 cannot do: opening on
 * consecutive failures (opossum only knows an error percentage over a rolling window), timing
 * calls out and moving to half-open through the injected clock (opossum uses real timers and has
 * no public half-open method, so a half-open circuit is made with opossum's `state` option),
 * retries and a named fallback.
 */
export class ProtectedCall<TArgs extends unknown[], R> implements Breaker<TArgs, R> {
  private circuit: CircuitBreaker<TArgs, R>;
  private consecutiveFailures = 0;
  private resetTimer: unknown;
  private readonly timeoutErrors = new WeakSet<object>();

  constructor(
    readonly name: string,
    private readonly fn: (...args: TArgs) => Promise<R>,
    private readonly settings: ProtectedCallSettings<TArgs, R>,
    private readonly deps: ProtectedCallDependencies,
  ) {
    this.circuit = this.createCircuit('closed');
    deps.metrics.setState(name, 'closed');
  }

  get state(): BreakerState {
    if (this.circuit.opened) return 'open';
    if (this.circuit.halfOpen) return 'half-open';
    return 'closed';
  }

  async call(...args: TArgs): Promise<R> {
    const startedAt = this.deps.clock.now();
    for (let retry = 0; ; retry++) {
      const attempt = await this.attempt(args);
      if (attempt.kind === 'success') return attempt.value;
      if (attempt.kind === 'rejected' || retry >= this.settings.retries) {
        return this.giveUp(args, attempt, this.deps.clock.now() - startedAt);
      }
      const delayMs = fullJitterDelayMs(retry, this.settings.backoff, this.deps.random);
      this.deps.metrics.countRetry(this.name);
      this.deps.logger.info(
        { retry: retry + 1, delayMs, reason: attempt.kind, err: attempt.error },
        'retrying call',
      );
      await this.sleep(delayMs);
    }
  }

  /** Stops the timers this breaker holds, for a clean process shutdown. */
  shutdown(): void {
    this.clearResetTimer();
    this.circuit.shutdown();
  }

  private async attempt(args: TArgs): Promise<Attempt<R>> {
    try {
      const value = await this.circuit.fire(...args);
      this.deps.metrics.countCall(this.name, 'success');
      this.consecutiveFailures = 0;
      return { kind: 'success', value };
    } catch (error) {
      const kind = this.classify(error);
      this.deps.metrics.countCall(this.name, kind);
      if (kind !== 'rejected') this.countFailure();
      return { kind, error };
    }
  }

  private classify(error: unknown): FailedAttempt['kind'] {
    if (error instanceof Error && CircuitBreaker.isOurError(error)) return 'rejected';
    if (typeof error === 'object' && error !== null && this.timeoutErrors.has(error)) return 'timeout';
    return 'failure';
  }

  private countFailure(): void {
    this.consecutiveFailures += 1;
    // A failed half-open trial is opossum's to handle: it opens the circuit itself.
    if (this.circuit.closed && this.consecutiveFailures >= this.settings.failureThreshold) {
      this.circuit.open();
    }
  }

  private async giveUp(args: TArgs, attempt: FailedAttempt, elapsedMs: number): Promise<R> {
    const { fallback } = this.settings;
    if (fallback) {
      this.deps.metrics.countCall(this.name, 'fallback');
      const err = attempt.kind === 'rejected' ? undefined : attempt.error;
      this.deps.logger.warn(
        { fallback: fallback.name, reason: attempt.kind, elapsedMs, err },
        'using fallback',
      );
      return fallback.fn(...args);
    }
    if (attempt.kind !== 'rejected') throw attempt.error;
    throw new DependencyUnavailableError(
      `${this.name} is unavailable: circuit ${this.state}`,
      { breaker: this.name, state: this.state },
      { cause: attempt.error },
    );
  }

  private createCircuit(initial: 'closed' | 'half-open'): CircuitBreaker<TArgs, R> {
    const options: CircuitOptions = {
      name: this.name,
      timeout: false, // timed out through the injected clock instead
      resetTimeout: NEVER_MS, // half-open comes from the injected clock instead
      volumeThreshold: Number.MAX_SAFE_INTEGER, // never open on opossum's error percentage
      enableSnapshots: false,
      ...(initial === 'half-open' ? { state: { closed: false, halfOpen: true } } : {}),
    };
    const circuit = new CircuitBreaker<TArgs, R>((...args: TArgs) => this.runWithTimeout(args), options);
    circuit.on('open', () => this.onOpen());
    circuit.on('close', () => this.onClose());
    return circuit;
  }

  private runWithTimeout(args: TArgs): Promise<R> {
    const { timeoutMs } = this.settings;
    return new Promise<R>((resolve, reject) => {
      const timer = this.deps.clock.setTimeout(() => {
        const error = new DependencyUnavailableError(`${this.name} timed out after ${timeoutMs} ms`, {
          breaker: this.name,
          timeoutMs,
        });
        this.timeoutErrors.add(error);
        reject(error);
      }, timeoutMs);
      // The executor turns a synchronous throw of fn into a rejection.
      new Promise<R>((run) => run(this.fn(...args))).then(
        (value) => {
          this.deps.clock.clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          this.deps.clock.clearTimeout(timer);
          reject(error);
        },
      );
    });
  }

  private onOpen(): void {
    this.deps.metrics.setState(this.name, 'open');
    this.deps.logger.warn(
      { consecutiveFailures: this.consecutiveFailures, resetTimeoutMs: this.settings.resetTimeoutMs },
      'circuit opened',
    );
    this.clearResetTimer();
    this.resetTimer = this.deps.clock.setTimeout(() => this.enterHalfOpen(), this.settings.resetTimeoutMs);
  }

  private enterHalfOpen(): void {
    this.resetTimer = undefined;
    const previous = this.circuit;
    this.circuit = this.createCircuit('half-open');
    previous.shutdown();
    this.deps.metrics.setState(this.name, 'half-open');
    this.deps.logger.info('circuit half-open: the next call is a trial');
  }

  private onClose(): void {
    this.consecutiveFailures = 0;
    this.clearResetTimer();
    this.deps.metrics.setState(this.name, 'closed');
    this.deps.logger.info('circuit closed');
  }

  private clearResetTimer(): void {
    if (this.resetTimer === undefined) return;
    this.deps.clock.clearTimeout(this.resetTimer);
    this.resetTimer = undefined;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.deps.clock.setTimeout(resolve, ms));
  }
}
