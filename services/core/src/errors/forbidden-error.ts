import { AppError } from './app-error.js';

export class ForbiddenError extends AppError {
  readonly status = 403;
  readonly code = 'forbidden';
}
