import { existsSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError } from '../../config/index.js';
import type { Logger } from '../../logging/logger.js';
import type { ExecutionRequest, ExecutionResult, ToolExecutor } from '../tool-executor.js';
import { ExecutionSlots } from './execution-slots.js';
import { RunnerPool } from './runner-pool.js';
import { RunnerProcess } from './runner-process.js';
import { executionResultOf, RUNNER_CRASHED, RUNNER_UNAVAILABLE } from './runner-result.js';

const KIB = 1024;

export interface LocalSandboxExecutorOptions {
  /** The built tool-runner CLI (services/tool-runner/dist/main.js). Must exist. */
  runnerPath: string;
  /** Node binary that runs the runner; defaults to the one running this process. */
  nodePath?: string;
  /** Runner processes kept started and ready (each serves one execution); 0 starts one per execution. Default 2. */
  warmPoolSize?: number;
  /** Executions running at once; the rest wait. Default: the machine's available parallelism. */
  maxConcurrent?: number;
  /** Executions waiting for a slot; more are refused at once ('rejected', EXECUTOR_BUSY). Default 100. */
  maxQueued?: number;
  /** V8 heap cap of each runner process (--max-old-space-size), in MB. Default 128. */
  runnerHeapMb?: number;
  /**
   * Wall clock beyond limits.timeoutMs before the runner's process group is killed ('timeout',
   * HARD_TIMEOUT). Covers a cold start and the runner's own 5 s watchdog. Default 10 000.
   */
  killGraceMs?: number;
  /** How long a runner that has answered may take to exit before it is killed. Default 2 000. */
  exitGraceMs?: number;
  /** Log bytes a tool may keep (the runner's maxLogBytes). Default 16 KiB. */
  maxLogBytes?: number;
  /** QuickJS stack limit (the runner's maxStackBytes); the runner's default when unset. */
  maxStackBytes?: number;
  /** Result bytes read back from a runner. Default: room for the output and logs at their caps, JSON-escaped. */
  maxStdoutBytes?: number;
  /** Diagnostic bytes read back from a runner's stderr. Default 64 KiB. */
  maxStderrBytes?: number;
  /** Where each runner's empty working directory is created. Default: the OS temporary directory. */
  tmpDir?: string;
  logger?: Logger;
  /** Milliseconds from a monotonic source; defaults to performance.now. */
  now?: () => number;
  /** Told which process took an execution (metrics; tests kill it from outside). */
  onExecutionStarted?: (event: { executionId: string; pid: number }) => void;
}

interface ExecutorSettings {
  runnerPath: string;
  nodePath: string;
  warmPoolSize: number;
  maxConcurrent: number;
  maxQueued: number;
  runnerHeapMb: number;
  killGraceMs: number;
  exitGraceMs: number;
  maxLogBytes: number;
  maxStackBytes: number | undefined;
  maxStdoutBytes: number | undefined;
  maxStderrBytes: number;
  tmpDir: string;
}

const REFILL_DELAY_MS = 1_000;
/** What a runner may write on stdout before it has a request: nothing, really. */
const MAX_IDLE_STDOUT_BYTES = 4 * KIB;
/** Room for the result's own fields and an error message around the output and logs. */
const RESULT_ENVELOPE_BYTES = 64 * KIB;
/** Worst case of JSON escaping: a control character becomes \u00XX. */
const JSON_ESCAPE_FACTOR = 6;
const DEFAULT_WARMUP_TIMEOUT_MS = 30_000;

function positiveInteger(name: string, value: number | undefined, fallback: number, min = 1): number {
  const chosen = value ?? fallback;
  if (!Number.isInteger(chosen) || chosen < min) {
    throw new RangeError(`LocalSandboxExecutor: ${name} must be an integer >= ${min}, got ${chosen}`);
  }
  return chosen;
}

function settingsOf(options: LocalSandboxExecutorOptions): ExecutorSettings {
  const runnerPath = path.resolve(options.runnerPath);
  if (!existsSync(runnerPath)) {
    throw new ConfigError([
      `TOOL_RUNNER_PATH: the tool runner was not found at ${runnerPath}; build it with \`npx tsc -b\``,
    ]);
  }
  return {
    runnerPath,
    nodePath: options.nodePath ?? process.execPath,
    warmPoolSize: positiveInteger('warmPoolSize', options.warmPoolSize, 2, 0),
    maxConcurrent: positiveInteger(
      'maxConcurrent',
      options.maxConcurrent,
      Math.max(1, availableParallelism()),
    ),
    maxQueued: positiveInteger('maxQueued', options.maxQueued, 100, 0),
    runnerHeapMb: positiveInteger('runnerHeapMb', options.runnerHeapMb, 128, 16),
    killGraceMs: positiveInteger('killGraceMs', options.killGraceMs, 10_000),
    exitGraceMs: positiveInteger('exitGraceMs', options.exitGraceMs, 2_000),
    maxLogBytes: positiveInteger('maxLogBytes', options.maxLogBytes, 16 * KIB, 0),
    maxStackBytes:
      options.maxStackBytes === undefined
        ? undefined
        : positiveInteger('maxStackBytes', options.maxStackBytes, 0),
    maxStdoutBytes:
      options.maxStdoutBytes === undefined
        ? undefined
        : positiveInteger('maxStdoutBytes', options.maxStdoutBytes, 0),
    maxStderrBytes: positiveInteger('maxStderrBytes', options.maxStderrBytes, 64 * KIB),
    tmpDir: options.tmpDir ?? tmpdir(),
  };
}

/**
 * The executor contract on this machine: every execution runs the tool-runner CLI in a child process of
 * its own (QuickJS in WebAssembly, fresh per execution) with an empty environment, an empty temporary
 * working directory, a heap cap, a wall-clock kill of its whole process group and capped read-back. A
 * small pool keeps runners started and ready so an execution skips start-up; the pool starts filling at
 * construction. Tool code never runs in this process, and nothing a runner does (crash, hang, garbage,
 * flood) reaches the caller as anything but an ExecutionResult.
 */
export class LocalSandboxExecutor implements ToolExecutor {
  readonly kind = 'local' as const;

  private readonly settings: ExecutorSettings;
  private readonly pool: RunnerPool<RunnerProcess>;
  private readonly slots: ExecutionSlots;
  /** Executions not yet answered, queued ones included. */
  private readonly inFlight = new Set<Promise<ExecutionResult>>();
  /** Runners handed an execution and not yet gone. */
  private readonly active = new Set<RunnerProcess>();
  private readonly logger: Logger | undefined;
  private readonly now: () => number;
  private readonly onExecutionStarted: LocalSandboxExecutorOptions['onExecutionStarted'];
  private closing: Promise<void> | undefined;

  constructor(options: LocalSandboxExecutorOptions) {
    this.settings = settingsOf(options);
    this.logger = options.logger;
    this.now = options.now ?? (() => performance.now());
    this.onExecutionStarted = options.onExecutionStarted;
    this.slots = new ExecutionSlots(this.settings.maxConcurrent, this.settings.maxQueued);
    this.pool = new RunnerPool({
      size: this.settings.warmPoolSize,
      launch: () => this.launchRunner(),
      refillDelayMs: REFILL_DELAY_MS,
    });
    this.pool.fill();
  }

  execute(request: ExecutionRequest): Promise<ExecutionResult> {
    const execution = this.executeInSlot(request);
    this.inFlight.add(execution);
    void execution.finally(() => this.inFlight.delete(execution));
    return execution;
  }

  /**
   * Resolves true once the pool's runners are all ready (false after timeoutMs). Optional: executions do
   * not wait for it; call it at start-up so the first executions are warm.
   */
  warmUp(timeoutMs = DEFAULT_WARMUP_TIMEOUT_MS): Promise<boolean> {
    return this.pool.warmUp(timeoutMs);
  }

  /** Refuses new executions, kills the waiting runners, and resolves once running executions are over. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.slots.close();
      await this.pool.close();
      await Promise.all(this.inFlight);
      await Promise.all([...this.active].map((runner) => runner.finished));
    })();
    return this.closing;
  }

  private async executeInSlot(request: ExecutionRequest): Promise<ExecutionResult> {
    const grant = await this.slots.acquire();
    if (!grant.granted) {
      return {
        status: 'rejected',
        error:
          grant.reason === 'busy'
            ? { code: 'EXECUTOR_BUSY', message: 'too many tool executions are waiting; try again shortly' }
            : { code: 'EXECUTOR_CLOSED', message: 'the tool executor is shutting down' },
        durationMs: 0,
      };
    }
    try {
      return await this.runInRunner(request);
    } finally {
      grant.release();
      this.pool.fill();
    }
  }

  private launchRunner(): RunnerProcess {
    const { nodePath, runnerPath, runnerHeapMb, tmpDir, maxStderrBytes } = this.settings;
    return new RunnerProcess({
      nodePath,
      runnerPath,
      heapMb: runnerHeapMb,
      tmpDir,
      maxStderrBytes,
      maxIdleStdoutBytes: MAX_IDLE_STDOUT_BYTES,
    });
  }

  private async runInRunner(request: ExecutionRequest): Promise<ExecutionResult> {
    const startedAt = this.now();
    const elapsedMs = (): number => Math.max(0, Math.round(this.now() - startedAt));
    const requestText = this.encode(request);
    if (requestText === undefined) {
      return {
        status: 'failed',
        error: { code: 'BAD_REQUEST', message: 'the input and data must be JSON-serialisable' },
        durationMs: elapsedMs(),
      };
    }
    const runner = this.pool.take();
    this.active.add(runner);
    void runner.finished.then(() => this.active.delete(runner));
    const { onExecutionStarted } = this;
    if (onExecutionStarted !== undefined) {
      void runner.spawned.then((pid) => {
        if (pid !== undefined) onExecutionStarted({ executionId: request.executionId, pid });
      });
    }
    const outcome = await runner.run(requestText, {
      deadlineMs: request.limits.timeoutMs + this.settings.killGraceMs,
      maxStdoutBytes: this.maxStdoutBytes(request),
    });
    runner.retire(this.settings.exitGraceMs);
    const result = executionResultOf(outcome, request, elapsedMs());
    const code = result.error?.code;
    if (code === RUNNER_CRASHED || code === RUNNER_UNAVAILABLE || outcome.kind !== 'line') {
      this.logger?.warn(
        {
          executionId: request.executionId,
          outcome: outcome.kind === 'line' ? 'unusable-line' : outcome,
          errorCode: code,
          diagnostics: runner.diagnostics().slice(0, 2 * KIB),
        },
        'tool runner ended without a usable result',
      );
    }
    return result;
  }

  /** The runner's request; undefined when input or data cannot be JSON (the service never sends such). */
  private encode(request: ExecutionRequest): string | undefined {
    const { limits } = request;
    const { maxLogBytes, maxStackBytes } = this.settings;
    try {
      return JSON.stringify({
        executionId: request.executionId,
        tool: {
          id: request.tool.id,
          version: request.tool.version,
          sha256: request.tool.sha256,
          code: request.tool.code,
        },
        input: request.input,
        data: request.data,
        limits: {
          timeoutMs: limits.timeoutMs,
          memoryMb: limits.memoryMb,
          maxOutputBytes: limits.maxOutputBytes,
          maxLogBytes,
          ...(maxStackBytes === undefined ? {} : { maxStackBytes }),
        },
      });
    } catch {
      return undefined;
    }
  }

  private maxStdoutBytes(request: ExecutionRequest): number {
    return (
      this.settings.maxStdoutBytes ??
      JSON_ESCAPE_FACTOR * (request.limits.maxOutputBytes + this.settings.maxLogBytes) + RESULT_ENVELOPE_BYTES
    );
  }
}
