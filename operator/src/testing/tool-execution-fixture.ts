import type { ToolJobOptions } from '../job-spec.js';
import {
  TOOL_EXECUTION_API_VERSION,
  TOOL_EXECUTION_KIND,
  type ToolExecution,
  type ToolExecutionLimits,
} from '../tool-execution-types.js';

export const TEST_DIGEST = `sha256:${'ab'.repeat(32)}`;
export const TEST_IMAGE = `ghcr.io/health-agent/tool-runner@${TEST_DIGEST}`;
export const TEST_NAMESPACE = 'health-agent-tools';

export interface ToolExecutionOverrides {
  name?: string;
  namespace?: string;
  uid?: string;
  generation?: number;
  limits?: Partial<ToolExecutionLimits>;
  configMapName?: string;
}

/** A ToolExecution as the API server would hand it to the operator. */
export function aToolExecution(overrides: ToolExecutionOverrides = {}): ToolExecution {
  return {
    apiVersion: TOOL_EXECUTION_API_VERSION,
    kind: TOOL_EXECUTION_KIND,
    metadata: {
      name: overrides.name ?? 'calorie-trend-7f3a',
      namespace: overrides.namespace ?? TEST_NAMESPACE,
      uid: overrides.uid ?? '5f0c6f1e-9d1b-4f5e-8a55-0c1d2e3f4a5b',
      generation: overrides.generation ?? 1,
    },
    spec: {
      tool: { name: 'calorie_trend', version: '3', sha256: 'cd'.repeat(32) },
      configMapRef: { name: overrides.configMapName ?? 'calorie-trend-7f3a-request' },
      limits: { timeoutMs: 2_000, memoryMb: 32, cpuMillis: 250, maxOutputBytes: 65_536, ...overrides.limits },
    },
  };
}

export function toolJobOptions(overrides: Partial<ToolJobOptions> = {}): ToolJobOptions {
  return { image: TEST_IMAGE, namespace: TEST_NAMESPACE, ttlSecondsAfterFinished: 300, ...overrides };
}
