import { LIMIT_BOUNDS } from '../limits.js';
import type { ToolRunLimits, ToolRunRequest } from '../request-schema.js';
import { failureResult, type ToolRunResult } from '../result.js';

/**
 * The CLI runs the tool in a worker thread whose native stack is sized from limits.maxStackBytes.
 * QuickJS counts only the WebAssembly module's C stack; the host's native stack grows with it at a ratio
 * that depends on what recurses. Measured with quickjs-emscripten 0.32 (QuickJS 2025-09-13): about 2
 * native bytes per counted byte for plain recursion, 6 for nested JSON.parse, 10 for JSON.stringify and
 * 21 for parsing nested object literals. 64 leaves three times the worst we saw, so deep nesting ends as a
 * QuickJS "stack overflow" instead of exhausting the host stack.
 */
export const NATIVE_STACK_BYTES_PER_GUEST_STACK_BYTE = 64;

/** Room for Node itself and the harness on top of the interpreter's share. */
const BASE_THREAD_STACK_MB = 4;

const MIB = 1024 * 1024;

export function sandboxThreadStackMb(maxStackBytes: number): number {
  return BASE_THREAD_STACK_MB + Math.ceil((maxStackBytes * NATIVE_STACK_BYTES_PER_GUEST_STACK_BYTE) / MIB);
}

/**
 * The CLI starts its thread before it has read the request (so thread start-up overlaps reading and
 * validating it), hence sized for the largest stack limit a request may ask for. The stack is reserved
 * address space; pages are only committed as they are used.
 */
export const SANDBOX_THREAD_STACK_MB = sandboxThreadStackMb(LIMIT_BOUNDS.maxStackBytes.max);

/**
 * The interrupt handler enforces timeoutMs inside QuickJS. The thread is terminated only if it is still
 * running this long after the deadline (which also covers loading the WebAssembly module in the thread).
 */
export const HARD_DEADLINE_GRACE_MS = 5_000;

export function hardDeadlineMs(limits: ToolRunLimits): number {
  return limits.timeoutMs + HARD_DEADLINE_GRACE_MS;
}

export function hardTimeoutResult(request: ToolRunRequest, durationMs: number): ToolRunResult {
  return failureResult({
    executionId: request.executionId,
    status: 'timeout',
    code: 'HARD_TIMEOUT',
    message: `the sandbox did not stop at its ${request.limits.timeoutMs} ms deadline and was terminated`,
    limits: request.limits,
    durationMs,
  });
}

export function threadFailureResult(
  request: ToolRunRequest,
  detail: string,
  durationMs: number,
): ToolRunResult {
  return failureResult({
    executionId: request.executionId,
    status: 'failed',
    code: 'INTERNAL_ERROR',
    message: `the sandbox thread failed: ${detail}`,
    limits: request.limits,
    durationMs,
  });
}

/** The thread's report, already checked against the result schema (undefined when it failed the check). */
export function resultFromThreadReport(
  request: ToolRunRequest,
  report: ToolRunResult | undefined,
  durationMs: number,
): ToolRunResult {
  const result = report;
  if (result === undefined || result.executionId !== request.executionId) {
    return threadFailureResult(
      request,
      'it reported something that is not a result for this execution',
      durationMs,
    );
  }
  return result;
}

/** What the sandbox thread posts once it has prepared QuickJS, before any result. */
export const SANDBOX_READY_MESSAGE = 'sandbox-ready';

export function isSandboxReadyMessage(message: unknown): boolean {
  return message === SANDBOX_READY_MESSAGE;
}
