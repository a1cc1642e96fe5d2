import { type Config, ConfigError } from '../config/index.js';

export const KUBERNETES_EXECUTOR_UNAVAILABLE =
  'TOOL_EXECUTOR=kubernetes needs the operator, which is not part of this release; use local';

/**
 * Refuses, at start-up, an executor this release cannot provide: the process stops
 * with a message saying what to set instead, rather than failing at the first tool call.
 */
export function assertToolExecutorAvailable(config: Pick<Config, 'TOOL_EXECUTOR'>): void {
  if (config.TOOL_EXECUTOR === 'kubernetes') throw new ConfigError([KUBERNETES_EXECUTOR_UNAVAILABLE]);
}
