import { AppError } from './app-error.js';

export class ConflictError extends AppError {
  readonly status = 409;
  readonly code = 'conflict';
}
