import type { V1ObjectMeta } from '@kubernetes/client-node';

/** API coordinates of the ToolExecution custom resource (see k8s/crds/). */
export const TOOL_EXECUTION_GROUP = 'tools.health-agent.io';
export const TOOL_EXECUTION_VERSION = 'v1alpha1';
export const TOOL_EXECUTION_API_VERSION = `${TOOL_EXECUTION_GROUP}/${TOOL_EXECUTION_VERSION}` as const;
export const TOOL_EXECUTION_KIND = 'ToolExecution';
export const TOOL_EXECUTION_PLURAL = 'toolexecutions';

/** The key inside the referenced ConfigMap that holds the tool-runner request (code + input + data + limits). */
export const TOOL_REQUEST_CONFIG_MAP_KEY = 'request.json';

/**
 * Bounds of spec.limits. The timeout, memory and output bounds mirror what the tool-runner accepts
 * (services/tool-runner/src/request-schema.ts) so the API server refuses what the runner would refuse;
 * the CRD schema carries the same numbers and a test keeps them in step.
 */
export const TOOL_EXECUTION_LIMIT_BOUNDS = {
  timeoutMs: { min: 1, max: 60_000 },
  memoryMb: { min: 4, max: 512 },
  cpuMillis: { min: 10, max: 2_000 },
  maxOutputBytes: { min: 16, max: 16 * 1024 * 1024 },
} as const;

/** status.result is stored in etcd with the object; it is capped well below the 1.5 MiB object limit. */
export const MAX_STATUS_RESULT_CHARS = 64 * 1024;
export const MAX_STATUS_ERROR_CODE_CHARS = 64;
export const MAX_STATUS_ERROR_MESSAGE_CHARS = 4 * 1024;

export const TOOL_EXECUTION_PHASES = ['Pending', 'Running', 'Succeeded', 'Failed'] as const;
export type ToolExecutionPhase = (typeof TOOL_EXECUTION_PHASES)[number];

/** Which approved tool version to run; sha256 is the content address of its code (64 lowercase hex). */
export interface ToolReference {
  name: string;
  version: string;
  sha256: string;
}

export interface ConfigMapReference {
  name: string;
}

export interface ToolExecutionLimits {
  timeoutMs: number;
  memoryMb: number;
  cpuMillis: number;
  maxOutputBytes: number;
}

export interface ToolExecutionSpec {
  tool: ToolReference;
  /** ConfigMap in the same namespace holding the request under TOOL_REQUEST_CONFIG_MAP_KEY. */
  configMapRef: ConfigMapReference;
  limits: ToolExecutionLimits;
}

/** Mirrors metav1.Condition, the shape every Kubernetes status condition uses. */
export interface ToolExecutionCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
  lastTransitionTime: string;
  observedGeneration?: number;
}

/** A stable, machine-readable code (e.g. QuotaExceeded, DeadlineExceeded) and a message for people. */
export interface ToolExecutionError {
  code: string;
  message: string;
}

export interface ToolExecutionStatus {
  phase?: ToolExecutionPhase;
  jobName?: string;
  /** RFC 3339 timestamps. */
  startedAt?: string;
  finishedAt?: string;
  /** The tool-runner's JSON result, verbatim, at most MAX_STATUS_RESULT_CHARS characters. */
  result?: string;
  /** True when the runner's result was longer than the cap and `result` was not stored. */
  resultTruncated?: boolean;
  error?: ToolExecutionError;
  conditions?: ToolExecutionCondition[];
  observedGeneration?: number;
}

export interface ToolExecution {
  apiVersion: typeof TOOL_EXECUTION_API_VERSION;
  kind: typeof TOOL_EXECUTION_KIND;
  metadata: V1ObjectMeta;
  spec: ToolExecutionSpec;
  status?: ToolExecutionStatus;
}
