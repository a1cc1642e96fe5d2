import { AppError } from './app-error.js';

export class ValidationError extends AppError {
  readonly status = 400;
  readonly code = 'validation_failed';
}
