import { AppError } from './app-error.js';

export class DependencyUnavailableError extends AppError {
  readonly status = 503;
  readonly code = 'dependency_unavailable';
}
