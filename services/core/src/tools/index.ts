export { FakeToolExecutor } from './fake-tool-executor.js';
export * from './local-executor/index.js';
export { checkToolCode, MAX_TOOL_CODE_BYTES, toolCodeSha256 } from './tool-code.js';
export type { ProfileBasics } from './tool-data-repository.js';
export {
  type DeclaredRead,
  declaredReadExamples,
  MAX_DECLARED_READS,
  parseDeclaredRead,
  parseDeclaredReads,
  readableMetricKinds,
} from './tool-declared-reads.js';
export type {
  ExecutionLimits,
  ExecutionRequest,
  ExecutionResult,
  ExecutionStatus,
  ToolExecutor,
} from './tool-executor.js';
export { assertToolExecutorAvailable, KUBERNETES_EXECUTOR_UNAVAILABLE } from './tool-executor-selection.js';
export { parseInputSchema, type SupportedJsonSchema, validateToolInput } from './tool-input-schema.js';
export { checkToolOutput } from './tool-output.js';
export { TOOL_NAME_PATTERN, toolNameSchema } from './tool-schemas.js';
export {
  createToolService,
  MAX_TOOL_INPUT_BYTES,
  type ToolService,
  type ToolServiceDependencies,
} from './tool-service.js';
export { createToolServiceFromConfig } from './tool-service-from-config.js';
export * from './tool-types.js';
