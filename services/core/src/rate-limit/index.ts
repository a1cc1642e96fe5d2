export { createRateLimiter, type RateLimiterOptions } from './create-rate-limiter.js';
export type { RateLimitDecision, RateLimiter } from './rate-limiter.js';
