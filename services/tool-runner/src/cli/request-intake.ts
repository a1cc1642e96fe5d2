import { jsonNestingDepth, MAX_JSON_DEPTH } from '../json-depth.js';
import {
  DEFAULT_LIMITS,
  executionIdOf,
  parseToolRunRequest,
  type ToolRunRequest,
} from '../request-schema.js';
import { failureResult, type ToolRunResult } from '../result.js';

/** Largest request the CLI reads: tool code plus input and data, well above what a ConfigMap can hold. */
export const MAX_REQUEST_BYTES = 8 * 1024 * 1024;

export type TextReadOutcome = { ok: true; text: string } | { ok: false; message: string };

/** Reads a whole stream as UTF-8, refusing it as soon as it grows past maxBytes. */
export async function readBoundedText(
  source: AsyncIterable<Uint8Array | string>,
  maxBytes: number,
): Promise<TextReadOutcome> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of source) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
    total += bytes.length;
    if (total > maxBytes) {
      return { ok: false, message: `the request is larger than ${maxBytes} bytes` };
    }
    chunks.push(bytes);
  }
  return { ok: true, text: Buffer.concat(chunks).toString('utf8') };
}

export function badRequestResult(executionId: string | null, message: string): ToolRunResult {
  return failureResult({
    executionId,
    status: 'failed',
    code: 'BAD_REQUEST',
    message,
    limits: DEFAULT_LIMITS,
    durationMs: 0,
  });
}

export type RequestIntake = { ok: true; request: ToolRunRequest } | { ok: false; result: ToolRunResult };

/** Turns the request text into a validated request, or into the bad-request result to print. */
export function intakeRequest(text: string): RequestIntake {
  // The request wraps input and data in one more level each.
  if (jsonNestingDepth(text) > MAX_JSON_DEPTH + 2) {
    return {
      ok: false,
      result: badRequestResult(
        null,
        `the request nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels`,
      ),
    };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'unparseable';
    return { ok: false, result: badRequestResult(null, `the request is not valid JSON: ${reason}`) };
  }
  const parsed = parseToolRunRequest(raw);
  return parsed.ok ? parsed : { ok: false, result: badRequestResult(executionIdOf(raw), parsed.message) };
}
