/**
 * The execution contract: one interface, two implementations (LocalSandboxExecutor
 * runs the tool-runner in a child process; KubernetesExecutor asks the operator for a
 * Job). Tool code never runs in a service process.
 */
export type ExecutionStatus = 'succeeded' | 'failed' | 'timeout' | 'oom' | 'invalid-output' | 'rejected';

export interface ExecutionLimits {
  timeoutMs: number;
  memoryMb: number;
  maxOutputBytes: number;
}

export interface ExecutionRequest {
  executionId: string;
  tool: { id: string; version: number; sha256: string; code: string };
  input: unknown;
  /** The declared reads, fetched for the calling user only. */
  data: Record<string, unknown>;
  limits: ExecutionLimits;
}

export interface ExecutionResult {
  status: ExecutionStatus;
  output?: unknown;
  error?: { code: string; message: string };
  logs?: string[];
  durationMs: number;
}

export interface ToolExecutor {
  readonly kind: 'local' | 'kubernetes';
  execute(request: ExecutionRequest): Promise<ExecutionResult>;
  close(): Promise<void>;
}
