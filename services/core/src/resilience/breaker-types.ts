export type BreakerState = 'closed' | 'half-open' | 'open';

/** A fallback is named so logs and dashboards say which degraded path answered. */
export interface NamedFallback<TArgs extends unknown[], R> {
  name: string;
  fn: (...args: TArgs) => Promise<R>;
}

export interface BreakerOptions<TArgs extends unknown[], R> {
  /** Time allowed for one call of the protected function. Default 10000. */
  timeoutMs?: number;
  /** Retries are only made for calls that are safe to repeat. Default false. */
  idempotent?: boolean;
  /** Extra attempts after the first one fails or times out (idempotent calls only). Default 0. */
  retries?: number;
  /** Backoff ceiling for the first retry, doubled on each further retry. */
  retryBaseDelayMs?: number;
  /** Backoff ceiling never exceeds this. */
  retryMaxDelayMs?: number;
  /** Answers when the circuit is open or the call finally fails. */
  fallback?: NamedFallback<TArgs, R>;
  /** Consecutive failed calls that open the circuit. Default 5. */
  failureThreshold?: number;
  /** Time the circuit stays open before letting one trial call through. Default 30000. */
  resetTimeoutMs?: number;
}

/** The factory-wide defaults for the numeric options. */
export type BreakerDefaults = Required<Omit<BreakerOptions<unknown[], unknown>, 'idempotent' | 'fallback'>>;

export interface Breaker<TArgs extends unknown[], R> {
  readonly name: string;
  readonly state: BreakerState;
  call(...args: TArgs): Promise<R>;
}
