export {
  IMAGE_BY_DIGEST_HINT,
  type ImageByDigest,
  isImageByDigest,
  parseImageByDigest,
} from './image-reference.js';
export { isDns1123Label, type JobNameSource, MAX_JOB_NAME_LENGTH, toolJobName } from './job-name.js';
export {
  activeDeadlineSeconds,
  buildToolJob,
  EXECUTION_LABEL,
  EXECUTION_UID_LABEL,
  executionLabelValue,
  MANAGED_BY_LABEL,
  MANAGED_BY_VALUE,
  REQUEST_MOUNT_PATH,
  TOOL_JOB_DEFAULTS,
  TOOL_RUNNER_COMMAND,
  TOOL_RUNNER_CONTAINER_NAME,
  TOOL_RUNNER_UID,
  type ToolJobOptions,
} from './job-spec.js';
export {
  loadOperatorConfig,
  type OperatorConfig,
  OperatorConfigError,
  operatorConfigSchema,
} from './operator-config.js';
export { restrictedProfileViolations } from './pod-security-restricted.js';
export * from './tool-execution-types.js';
export { ToolJobSpecError } from './tool-job-spec-error.js';
