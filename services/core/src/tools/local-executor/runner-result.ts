import { z } from 'zod';
import type { ExecutionRequest, ExecutionResult } from '../tool-executor.js';

/**
 * Turns what a tool-runner process left behind into the executor contract's result. The runner's own
 * result schema lives in the tool-runner package, which core may not import (the sandbox boundary), so
 * its stdout contract is restated here, as strictly as core needs it: a process that breaks it is treated
 * as crashed, never trusted.
 */

/** Why a runner process ended without a usable answer, or the answer it gave. */
export type RunnerOutcome =
  /** The first complete line it wrote on stdout. */
  | { kind: 'line'; line: string }
  /** It exited (or its pipes closed) before writing a complete line. */
  | { kind: 'exited'; code: number | null; signal: string | null }
  /** It wrote more than the executor reads back, and was killed. */
  | { kind: 'overflow'; stream: 'stdout' | 'stderr'; limitBytes: number }
  /** It outlived the executor's wall-clock deadline, and was killed. */
  | { kind: 'deadline'; deadlineMs: number }
  /** The process could not be started at all. */
  | { kind: 'spawn-failed'; message: string };

export const RUNNER_CRASHED = 'RUNNER_CRASHED';
export const RUNNER_UNAVAILABLE = 'RUNNER_UNAVAILABLE';
export const RUNNER_OUTPUT_TOO_LARGE = 'RUNNER_OUTPUT_TOO_LARGE';
export const HARD_TIMEOUT = 'HARD_TIMEOUT';

const runnerResultSchema = z.object({
  executionId: z.string().nullable(),
  status: z.enum(['succeeded', 'failed', 'timeout', 'oom', 'invalid-output']),
  output: z.unknown().optional(),
  error: z.object({ code: z.string().min(1).max(100), message: z.string().max(10_000) }).optional(),
  logs: z.array(z.string()),
  durationMs: z.number().nonnegative(),
});

type RunnerResult = z.output<typeof runnerResultSchema>;

function crashed(message: string, durationMs: number): ExecutionResult {
  return { status: 'failed', error: { code: RUNNER_CRASHED, message }, durationMs };
}

function parseLine(line: string): RunnerResult | undefined {
  try {
    const parsed = runnerResultSchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : undefined;
  } catch {
    // Not JSON, or nested deeply enough to exhaust the stack: either way not a result.
    return undefined;
  }
}

/**
 * A result belongs to this execution when it names it. A request the runner refused before reading its
 * executionId comes back with null, and only as BAD_REQUEST.
 */
function answersThisExecution(result: RunnerResult, executionId: string): boolean {
  if (result.executionId === null) return result.error?.code === 'BAD_REQUEST';
  return result.executionId === executionId;
}

function fromRunnerLine(line: string, request: ExecutionRequest, durationMs: number): ExecutionResult {
  const result = parseLine(line);
  if (result === undefined) {
    return crashed('the tool runner answered with something that is not a result', durationMs);
  }
  if (!answersThisExecution(result, request.executionId)) {
    return crashed('the tool runner answered for another execution', durationMs);
  }
  if (result.status === 'succeeded') {
    if (result.output === undefined) {
      return crashed('the tool runner reported success without an output', durationMs);
    }
    return { status: 'succeeded', output: result.output, logs: result.logs, durationMs };
  }
  if (result.error === undefined) {
    return crashed(`the tool runner reported ${result.status} without an error`, durationMs);
  }
  return { status: result.status, error: result.error, logs: result.logs, durationMs };
}

/** durationMs is the executor's wall clock for the execution, start-up and hand-over included. */
export function executionResultOf(
  outcome: RunnerOutcome,
  request: ExecutionRequest,
  durationMs: number,
): ExecutionResult {
  switch (outcome.kind) {
    case 'line':
      return fromRunnerLine(outcome.line, request, durationMs);
    case 'exited': {
      const how = outcome.signal === null ? `with code ${outcome.code}` : `on signal ${outcome.signal}`;
      return crashed(`the tool runner exited ${how} without a result`, durationMs);
    }
    case 'overflow':
      return outcome.stream === 'stdout'
        ? {
            status: 'invalid-output',
            error: {
              code: RUNNER_OUTPUT_TOO_LARGE,
              message: `the tool runner wrote more than ${outcome.limitBytes} bytes of result and was stopped`,
            },
            durationMs,
          }
        : crashed(
            `the tool runner wrote more than ${outcome.limitBytes} bytes of diagnostics and was stopped`,
            durationMs,
          );
    case 'deadline':
      return {
        status: 'timeout',
        error: {
          code: HARD_TIMEOUT,
          message: `the tool runner did not answer within ${outcome.deadlineMs} ms and was stopped`,
        },
        durationMs,
      };
    case 'spawn-failed':
      return {
        status: 'failed',
        error: {
          code: RUNNER_UNAVAILABLE,
          message: `the tool runner could not be started: ${outcome.message}`,
        },
        durationMs,
      };
  }
}
