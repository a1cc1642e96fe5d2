import { InputFile } from 'grammy';
import { z } from 'zod';
import type { ApiPayload } from './api-stage.js';

/** Files larger than this are not kept in the database; their send fails instead of queueing. */
export const MAX_QUEUED_FILE_BYTES = 5 * 1024 * 1024;

const queuedCallSchema = z.object({
  method: z.enum(['sendMessage', 'sendPhoto', 'sendDocument']),
  params: z.record(z.string(), z.unknown()),
  files: z.record(z.string(), z.object({ filename: z.string().optional(), base64: z.string() })).default({}),
});

/** A Bot API call as the outbox stores it: JSON, with uploaded files inlined as base64. */
export type QueuedCall = z.infer<typeof queuedCallSchema>;

export class UnqueueableCallError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnqueueableCallError';
  }
}

/**
 * Turns a send into JSON for the outbox. Uploads must be in memory (charts and exports are);
 * a stream has been consumed by the failed attempt and cannot be replayed.
 */
export async function toQueuedCall(method: string, payload: ApiPayload): Promise<QueuedCall> {
  const parsedMethod = queuedCallSchema.shape.method.safeParse(method);
  if (!parsedMethod.success) throw new UnqueueableCallError(`${method} is not a message send`);
  const params: Record<string, unknown> = {};
  const files: QueuedCall['files'] = {};
  for (const [key, value] of Object.entries(payload)) {
    if (!(value instanceof InputFile)) {
      params[key] = value;
      continue;
    }
    // toRaw() hands back in-memory bytes unchanged; anything else is a one-shot stream.
    const raw = await value.toRaw().catch(() => undefined);
    if (!(raw instanceof Uint8Array)) throw new UnqueueableCallError(`the ${key} upload is a stream`);
    if (raw.byteLength > MAX_QUEUED_FILE_BYTES)
      throw new UnqueueableCallError(`the ${key} upload is too large`);
    files[key] = {
      ...(value.filename ? { filename: value.filename } : {}),
      base64: Buffer.from(raw).toString('base64'),
    };
  }
  return { method: parsedMethod.data, params, files };
}

/** The stored call back as a payload for the Bot API; throws on a row that is not one of ours. */
export function fromQueuedCall(stored: unknown): { method: QueuedCall['method']; payload: ApiPayload } {
  const call = queuedCallSchema.parse(stored);
  const payload: ApiPayload = { ...call.params };
  for (const [key, file] of Object.entries(call.files)) {
    payload[key] = new InputFile(Buffer.from(file.base64, 'base64'), file.filename);
  }
  return { method: call.method, payload };
}
