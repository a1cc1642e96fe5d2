import { z } from 'zod';
import { ValidationError } from '../errors/index.js';

export const MAX_QUERY_LENGTH = 200;

/** Bumped when the cached shape changes, so old entries are simply never read again. */
const CACHE_VERSION = 'v1';

const querySchema = z
  .string()
  .transform((value) => value.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim())
  .pipe(
    z
      .string()
      .min(1, 'a food name is required')
      .max(MAX_QUERY_LENGTH, `a food name is at most ${MAX_QUERY_LENGTH} characters`)
      // NUL and other control characters never belong in a food name and break PostgreSQL text.
      .refine((value) => !/\p{Cc}/u.test(value), 'control characters are not allowed'),
  );

/** EAN-8, UPC-A (12), EAN-13 and GTIN-14; spaces and dashes as printed under the bars are dropped. */
const barcodeSchema = z
  .string()
  .transform((value) => value.replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^(\d{8}|\d{12,14})$/, 'a barcode is 8, 12, 13 or 14 digits'));

function validated<T>(schema: z.ZodType<T, string>, value: string, field: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  // The same details shape as the HTTP error handler gives zod failures: one { path, message } per problem.
  throw new ValidationError(
    result.error.issues[0]?.message ?? `invalid ${field}`,
    result.error.issues.map((issue) => ({ path: field, message: issue.message })),
  );
}

/** The query as the cache and the providers see it: one spelling for "Rice ", "rice" and "RICE". */
export function normalizeFoodQuery(query: string): string {
  return validated(querySchema, query, 'query');
}

export function normalizeBarcode(barcode: string): string {
  return validated(barcodeSchema, barcode, 'barcode');
}

export function nameCacheKey(normalizedQuery: string, limit: number): string {
  return `nutrition:${CACHE_VERSION}:name:${limit}:${normalizedQuery}`;
}

export function barcodeCacheKey(normalizedBarcode: string): string {
  return `nutrition:${CACHE_VERSION}:barcode:${normalizedBarcode}`;
}
