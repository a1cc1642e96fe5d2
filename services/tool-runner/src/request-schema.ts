import { z } from 'zod';
import { DEFAULT_LIMITS, LIMIT_BOUNDS } from './limits.js';

export { DEFAULT_LIMITS, LIMIT_BOUNDS };

const KIB = 1024;

/** Largest tool source the runner accepts; tools are small pure functions. */
export const MAX_CODE_CHARS = 256 * KIB;

function boundedInt(bounds: { min: number; max: number; default: number }) {
  return z.number().int().min(bounds.min).max(bounds.max).default(bounds.default);
}

// Strict: a misspelt limit ("timeoutMS") must be refused, not silently replaced by its default.
export const toolRunLimitsSchema = z.strictObject({
  timeoutMs: boundedInt(LIMIT_BOUNDS.timeoutMs),
  memoryMb: boundedInt(LIMIT_BOUNDS.memoryMb),
  maxOutputBytes: boundedInt(LIMIT_BOUNDS.maxOutputBytes),
  maxStackBytes: boundedInt(LIMIT_BOUNDS.maxStackBytes),
  maxLogBytes: boundedInt(LIMIT_BOUNDS.maxLogBytes),
});

export type ToolRunLimits = z.output<typeof toolRunLimitsSchema>;

const jsonPayload = z.unknown().refine((value) => value !== undefined, { message: 'is required' });

export const toolRunRequestSchema = z.object({
  executionId: z.string().min(1).max(200),
  tool: z.object({
    id: z.string().min(1).max(200),
    version: z.union([z.number().int().nonnegative(), z.string().min(1).max(100)]),
    sha256: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, { message: 'must be 64 hexadecimal characters' })
      .transform((hex) => hex.toLowerCase()),
    code: z.string().min(1).max(MAX_CODE_CHARS),
  }),
  input: jsonPayload,
  data: jsonPayload,
  limits: toolRunLimitsSchema.default(DEFAULT_LIMITS),
});

/** What callers send (limits may be partial or absent). */
export type ToolRunRequestInput = z.input<typeof toolRunRequestSchema>;
/** A validated request with every limit filled in. */
export type ToolRunRequest = z.output<typeof toolRunRequestSchema>;

export type RequestParseOutcome = { ok: true; request: ToolRunRequest } | { ok: false; message: string };

const MAX_VALIDATION_MESSAGE_CHARS = 2_000;

export function parseToolRunRequest(raw: unknown): RequestParseOutcome {
  const parsed = toolRunRequestSchema.safeParse(raw);
  if (parsed.success) {
    return { ok: true, request: parsed.data };
  }
  const message = `invalid tool run request: ${z.prettifyError(parsed.error)}`;
  return { ok: false, message: message.slice(0, MAX_VALIDATION_MESSAGE_CHARS) };
}

/** The executionId of a request that failed validation, if readable, so its result can be matched. */
export function executionIdOf(raw: unknown): string | null {
  if (typeof raw !== 'object' || raw === null || !('executionId' in raw)) {
    return null;
  }
  const { executionId } = raw;
  return typeof executionId === 'string' && executionId.length > 0 && executionId.length <= 200
    ? executionId
    : null;
}
