export {
  DEFAULT_LIMITS,
  executionIdOf,
  LIMIT_BOUNDS,
  MAX_CODE_CHARS,
  parseToolRunRequest,
  type RequestParseOutcome,
  type ToolRunLimits,
  type ToolRunRequest,
  type ToolRunRequestInput,
  toolRunRequestSchema,
} from './request-schema.js';
export {
  BAD_REQUEST_EXIT_CODE,
  EXIT_CODES,
  exitCodeFor,
  type JsonValue,
  TOOL_RUN_ERROR_CODES,
  TOOL_RUN_STATUSES,
  type ToolRunError,
  type ToolRunErrorCode,
  type ToolRunResult,
  type ToolRunStatus,
} from './result.js';
export { parseToolRunResult, toolRunResultSchema } from './result-schema.js';
export { sha256Hex } from './sandbox/code-integrity.js';
export {
  DEFAULT_MAX_PENDING_JOBS,
  type MonotonicClock,
  type RunToolOptions,
  runTool,
} from './sandbox/run-tool.js';
export {
  loadSandboxModule,
  type SandboxModule,
  sandboxMemoryPages,
  type WasmMemoryWatch,
} from './sandbox/sandbox-module.js';
