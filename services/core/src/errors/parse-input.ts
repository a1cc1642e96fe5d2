import type { z } from 'zod';
import { ValidationError } from './validation-error.js';

/** zod issues as the `details` of a ValidationError: `[{ path: 'a.b', message }]`. */
export function issueDetails(error: z.ZodError): Array<{ path: string; message: string }> {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

/** Parses input at a service's edge; a failure is a ValidationError naming every failing field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(`Invalid ${what}`, issueDetails(result.error));
  return result.data;
}
