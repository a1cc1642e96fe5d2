export interface RateLimitDecision {
  allowed: boolean;
  /** Points left in the current window. */
  remaining: number;
  /** When refused, how long until enough points are back; 0 when allowed. */
  retryAfterMs: number;
}

/** Quotas per key (a user, an API key, an IP), in-process or shared through Redis. */
export interface RateLimiter {
  consume(key: string, points?: number): Promise<RateLimitDecision>;
}
