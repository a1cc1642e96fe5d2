export { LocalSandboxExecutor, type LocalSandboxExecutorOptions } from './local-sandbox-executor.js';
export {
  HARD_TIMEOUT,
  RUNNER_CRASHED,
  RUNNER_OUTPUT_TOO_LARGE,
  RUNNER_UNAVAILABLE,
} from './runner-result.js';
