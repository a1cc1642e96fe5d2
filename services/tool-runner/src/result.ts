// No zod here: the sandbox thread loads this file and should start fast.
import type { ToolRunLimits } from './request-schema.js';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export const TOOL_RUN_STATUSES = ['succeeded', 'failed', 'timeout', 'oom', 'invalid-output'] as const;
export type ToolRunStatus = (typeof TOOL_RUN_STATUSES)[number];

/** Stable codes callers may branch on; the message is for people. */
export const TOOL_RUN_ERROR_CODES = [
  /** The request was not valid JSON or failed the schema (exit code 64). */
  'BAD_REQUEST',
  /** sha256(tool.code) differs from tool.sha256: the code is not the approved version. */
  'SHA256_MISMATCH',
  'SYNTAX_ERROR',
  /** The code neither evaluates to a function nor defines `run`. */
  'NOT_A_FUNCTION',
  /** The tool threw, or its promise rejected. */
  'TOOL_ERROR',
  /** QuickJS refused to go deeper than limits.maxStackBytes. */
  'STACK_OVERFLOW',
  /** The host's own stack ran out inside the interpreter; the QuickJS module must be discarded. */
  'HOST_STACK_OVERFLOW',
  /** A returned promise can never settle: nothing is left to run. */
  'PROMISE_NEVER_SETTLED',
  'TIMEOUT',
  /** More promise jobs than the runner allows, before the deadline. */
  'JOB_LIMIT',
  /** The sandbox thread ignored its deadline and was terminated (CLI only). */
  'HARD_TIMEOUT',
  'OUT_OF_MEMORY',
  'INVALID_OUTPUT',
  'OUTPUT_TOO_LARGE',
  /** A bug or broken environment in the runner itself; never caused by tool code alone. */
  'INTERNAL_ERROR',
] as const;
export type ToolRunErrorCode = (typeof TOOL_RUN_ERROR_CODES)[number];

export interface ToolRunError {
  code: ToolRunErrorCode;
  message: string;
}

/** One tool call's outcome; result-schema.ts holds the matching zod schema. */
export interface ToolRunResult {
  executionId: string | null;
  status: ToolRunStatus;
  output?: JsonValue;
  error?: ToolRunError;
  logs: string[];
  durationMs: number;
  limits: ToolRunLimits;
}

export const EXIT_CODES: Readonly<Record<ToolRunStatus, number>> = {
  succeeded: 0,
  failed: 1,
  timeout: 2,
  oom: 3,
  'invalid-output': 4,
};

/** EX_USAGE from sysexits.h: the caller sent something we cannot run. */
export const BAD_REQUEST_EXIT_CODE = 64;

export function exitCodeFor(result: ToolRunResult): number {
  return result.error?.code === 'BAD_REQUEST' ? BAD_REQUEST_EXIT_CODE : EXIT_CODES[result.status];
}

export interface FailureDetails {
  executionId: string | null;
  status: Exclude<ToolRunStatus, 'succeeded'>;
  code: ToolRunErrorCode;
  message: string;
  limits: ToolRunLimits;
  durationMs: number;
  logs?: string[];
}

export function failureResult(details: FailureDetails): ToolRunResult {
  return {
    executionId: details.executionId,
    status: details.status,
    error: { code: details.code, message: details.message },
    logs: details.logs ?? [],
    durationMs: details.durationMs,
    limits: details.limits,
  };
}
