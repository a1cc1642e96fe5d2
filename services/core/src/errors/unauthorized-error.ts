import { AppError } from './app-error.js';

export class UnauthorizedError extends AppError {
  readonly status = 401;
  readonly code = 'unauthorized';
}
