/** Base of every operational error: carries an HTTP status and a stable, documented code. */
export abstract class AppError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
  readonly details: unknown;

  constructor(message: string, details?: unknown, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.details = details ?? null;
  }

  toJSON(): { error: { code: string; message: string; details: unknown } } {
    return { error: { code: this.code, message: this.message, details: this.details } };
  }
}
