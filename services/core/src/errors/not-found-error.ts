import { AppError } from './app-error.js';

export class NotFoundError extends AppError {
  readonly status = 404;
  readonly code = 'not_found';
}
