import { z } from 'zod';
import { toolRunLimitsSchema } from './request-schema.js';
import { TOOL_RUN_ERROR_CODES, TOOL_RUN_STATUSES, type ToolRunResult } from './result.js';

/** The result contract as a schema: executors validate the CLI's stdout with it. */
export const toolRunResultSchema = z.object({
  executionId: z.string().nullable(),
  status: z.enum(TOOL_RUN_STATUSES),
  output: z.json().optional(),
  error: z.object({ code: z.enum(TOOL_RUN_ERROR_CODES), message: z.string() }).optional(),
  logs: z.array(z.string()),
  durationMs: z.number().nonnegative(),
  limits: toolRunLimitsSchema,
}) satisfies z.ZodType<ToolRunResult>;

export function parseToolRunResult(value: unknown): ToolRunResult | undefined {
  const parsed = toolRunResultSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
