import type { ToolRunLimits } from '../request-schema.js';
import type { ToolRunErrorCode, ToolRunStatus } from '../result.js';

/** A value thrown inside QuickJS, as the harness's describe() reported it. */
export interface GuestError {
  name: string;
  message: string;
}

/** Where the tool was when it failed: compiling its source, running, or serialising its output. */
export type GuestPhase = 'compile' | 'run' | 'serialize';

export interface FailureClassification {
  status: Exclude<ToolRunStatus, 'succeeded'>;
  code: ToolRunErrorCode;
  message: string;
}

export const MAX_ERROR_MESSAGE_CHARS = 1_000;

const TRUNCATED_SUFFIX = '... [truncated]';

export function truncateText(text: string, maxChars: number): string {
  return text.length <= maxChars ? text : `${text.slice(0, maxChars)}${TRUNCATED_SUFFIX}`;
}

// QuickJS reports exhausted memory as InternalError "out of memory"; "string too long" is its cap on one
// string's length, reached by doubling-string bombs before the byte limit. Tool code could throw a fake
// InternalError with these messages, but that only mislabels its own failure.
const OUT_OF_MEMORY_MESSAGES: ReadonlySet<string> = new Set(['out of memory', 'string too long']);

function isOutOfMemory(error: GuestError): boolean {
  return error.name === 'InternalError' && OUT_OF_MEMORY_MESSAGES.has(error.message);
}

// QuickJS's own stack check throws InternalError (or SyntaxError while parsing) "stack overflow".
function isStackOverflow(error: GuestError): boolean {
  return error.message === 'stack overflow';
}

function label(error: GuestError): string {
  return error.name === '' ? error.message : `${error.name}: ${error.message}`;
}

export function timeoutClassification(limits: ToolRunLimits): FailureClassification {
  return {
    status: 'timeout',
    code: 'TIMEOUT',
    message: `the tool did not finish within ${limits.timeoutMs} ms`,
  };
}

export function outOfMemoryClassification(limits: ToolRunLimits): FailureClassification {
  return {
    status: 'oom',
    code: 'OUT_OF_MEMORY',
    message: `the tool exceeded its memory limit of ${limits.memoryMb} MB`,
  };
}

/** Why the tool failed as far as the host knows, whatever the tool threw as a result. */
export type StopReason = 'deadline' | 'memory';

export interface ClassificationContext {
  phase: GuestPhase;
  stoppedFor: StopReason | undefined;
  limits: ToolRunLimits;
}

/** Maps what a tool threw, and where, to the result status and a stable code. */
export function classifyGuestError(error: GuestError, context: ClassificationContext): FailureClassification {
  const { limits } = context;
  if (context.stoppedFor === 'deadline') {
    return timeoutClassification(limits);
  }
  if (context.stoppedFor === 'memory' || isOutOfMemory(error)) {
    return outOfMemoryClassification(limits);
  }
  if (isStackOverflow(error)) {
    return {
      status: 'failed',
      code: 'STACK_OVERFLOW',
      message: `the tool exceeded its stack limit of ${limits.maxStackBytes} bytes (recursion or nesting too deep)`,
    };
  }
  const text = truncateText(label(error), MAX_ERROR_MESSAGE_CHARS);
  switch (context.phase) {
    case 'compile':
      return { status: 'failed', code: 'SYNTAX_ERROR', message: text };
    case 'serialize':
      return {
        status: 'invalid-output',
        code: 'INVALID_OUTPUT',
        message: `serialising the output threw ${text}`,
      };
    case 'run':
      return { status: 'failed', code: 'TOOL_ERROR', message: text };
  }
}
