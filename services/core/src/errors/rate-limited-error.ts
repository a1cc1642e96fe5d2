import { AppError } from './app-error.js';

export class RateLimitedError extends AppError {
  readonly status = 429;
  readonly code = 'rate_limited';
}
