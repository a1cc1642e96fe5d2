import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import type { RunnerOutcome } from './runner-result.js';
import { runnerArgs, runnerSpawnOptions } from './runner-spawn.js';

/**
 * What the runner writes to stderr once it is ready to answer fast (modules loaded, QuickJS compiled and
 * primed). Restated from services/tool-runner/src/cli/readiness.ts, which core may not import.
 */
export const RUNNER_READY_LINE = 'tool-runner: ready';

export interface RunnerLaunchSettings {
  nodePath: string;
  runnerPath: string;
  heapMb: number;
  /** Parent of the process's own temporary working directory. */
  tmpDir: string;
  /** Diagnostics read back from stderr; more gets the process killed. */
  maxStderrBytes: number;
  /** stdout read back before a request is sent (a runner writes nothing there while it waits). */
  maxIdleStdoutBytes: number;
}

export interface RunnerRun {
  /** Wall clock from now until the process group is killed. */
  deadlineMs: number;
  /** Result bytes read back; more gets the process killed. */
  maxStdoutBytes: number;
}

const NEWLINE = 0x0a;

/**
 * One tool-runner child process, used for exactly one request: started ahead of time (a warm pool) or on
 * demand, given the request on stdin, read back with caps, killed as a process group when it overstays,
 * and its temporary working directory removed once it has exited. Nothing it does can throw into the
 * caller: every way it can end is a RunnerOutcome.
 */
export class RunnerProcess {
  /** Resolves when the runner reports ready; never, if it dies first (see finished). */
  readonly ready: Promise<void>;
  /** The process id once spawned; undefined if it could not be spawned. */
  readonly spawned: Promise<number | undefined>;
  /** Resolves once the process has exited and its working directory is gone. */
  readonly finished: Promise<void>;

  private child: ChildProcess | undefined;
  private readyState = false;
  private exitedState = false;
  private killRequested = false;
  private outcome: RunnerOutcome | undefined;
  private waiter: ((outcome: RunnerOutcome) => void) | undefined;
  private deadline: NodeJS.Timeout | undefined;
  private retirement: NodeJS.Timeout | undefined;
  private maxStdoutBytes: number;
  private readonly stdoutChunks: Buffer[] = [];
  private stdoutBytes = 0;
  private stderrText = '';
  private stderrBytes = 0;
  private markReady: () => void = () => undefined;
  private markSpawned: (pid: number | undefined) => void = () => undefined;

  constructor(private readonly settings: RunnerLaunchSettings) {
    this.maxStdoutBytes = settings.maxIdleStdoutBytes;
    this.ready = new Promise((resolve) => {
      this.markReady = resolve;
    });
    this.spawned = new Promise((resolve) => {
      this.markSpawned = resolve;
    });
    this.finished = this.start();
  }

  /** True once the runner said it is ready and has not ended since. */
  isReady(): boolean {
    return this.readyState && this.isUsable();
  }

  /** True while it can still take a request: alive, and nothing has ended it yet. */
  isUsable(): boolean {
    return this.outcome === undefined && !this.exitedState && !this.killRequested;
  }

  /** Sends the request and resolves with how the process answered or ended; never rejects. */
  run(requestText: string, run: RunnerRun): Promise<RunnerOutcome> {
    this.maxStdoutBytes = run.maxStdoutBytes;
    return new Promise((resolve) => {
      if (this.outcome !== undefined) {
        resolve(this.outcome);
        return;
      }
      this.waiter = resolve;
      this.deadline = setTimeout(() => {
        this.settle({ kind: 'deadline', deadlineMs: run.deadlineMs });
        this.kill();
      }, run.deadlineMs);
      void this.spawned.then(() => this.child?.stdin?.end(requestText));
    });
  }

  /** After its answer: the process gets graceMs to exit on its own, then its group is killed. */
  retire(graceMs: number): void {
    if (this.exitedState || this.retirement !== undefined) return;
    this.retirement = setTimeout(() => this.kill(), graceMs);
  }

  /** SIGKILL to the process group; a process not spawned yet never will be. */
  kill(): void {
    this.killRequested = true;
    const pid = this.child?.pid;
    if (pid === undefined || this.exitedState) return;
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // The group is gone already, or was never formed: the process itself is the target then.
      this.child?.kill('SIGKILL');
    }
  }

  /** What the runner wrote to stderr besides its ready line (capped), for logs. */
  diagnostics(): string {
    return this.stderrText.replace(`${RUNNER_READY_LINE}\n`, '').trim();
  }

  private async start(): Promise<void> {
    let workingDirectory: string | undefined;
    try {
      workingDirectory = await mkdtemp(path.join(this.settings.tmpDir, 'ha-tool-run-'));
      if (this.killRequested) {
        this.settle({ kind: 'exited', code: null, signal: 'SIGKILL' });
        return;
      }
      const child = spawn(
        this.settings.nodePath,
        runnerArgs(this.settings.runnerPath, this.settings.heapMb),
        runnerSpawnOptions(workingDirectory),
      );
      this.child = child;
      await this.supervise(child);
    } catch (error) {
      this.settle({ kind: 'spawn-failed', message: error instanceof Error ? error.message : String(error) });
    } finally {
      this.exitedState = true;
      this.markSpawned(undefined);
      clearTimeout(this.deadline);
      clearTimeout(this.retirement);
      if (workingDirectory !== undefined) {
        await rm(workingDirectory, { recursive: true, force: true }).catch(() => undefined);
      }
    }
  }

  private supervise(child: ChildProcess): Promise<void> {
    return new Promise((resolve) => {
      child.stdout?.on('data', (chunk: Buffer) => this.onStdout(chunk));
      child.stderr?.on('data', (chunk: Buffer) => this.onStderr(chunk));
      // EPIPE when the runner stops reading early (an oversized request): its result says why. A broken
      // pipe otherwise ends as 'close' like any other death; none of it may reach the host as an error.
      for (const stream of [child.stdin, child.stdout, child.stderr]) stream?.on('error', () => undefined);
      child.once('spawn', () => this.markSpawned(child.pid));
      child.on('error', (error) => {
        if (child.pid === undefined) {
          this.settle({ kind: 'spawn-failed', message: error.message });
          resolve();
        }
      });
      child.once('close', (code, signal) => {
        this.exitedState = true;
        this.settle({ kind: 'exited', code, signal });
        resolve();
      });
    });
  }

  private onStdout(chunk: Buffer): void {
    if (this.outcome !== undefined) return;
    const before = this.stdoutBytes;
    this.stdoutBytes += chunk.length;
    const newline = chunk.indexOf(NEWLINE);
    if (newline >= 0 && before + newline <= this.maxStdoutBytes) {
      this.stdoutChunks.push(chunk.subarray(0, newline));
      this.settle({ kind: 'line', line: Buffer.concat(this.stdoutChunks).toString('utf8') });
      this.stdoutChunks.length = 0;
      return;
    }
    if (this.stdoutBytes > this.maxStdoutBytes) {
      this.stdoutChunks.length = 0;
      this.settle({ kind: 'overflow', stream: 'stdout', limitBytes: this.maxStdoutBytes });
      this.kill();
      return;
    }
    this.stdoutChunks.push(chunk);
  }

  private onStderr(chunk: Buffer): void {
    this.stderrBytes += chunk.length;
    if (this.stderrBytes > this.settings.maxStderrBytes) {
      this.settle({ kind: 'overflow', stream: 'stderr', limitBytes: this.settings.maxStderrBytes });
      this.kill();
      return;
    }
    this.stderrText += chunk.toString('utf8');
    if (!this.readyState && this.stderrText.includes(RUNNER_READY_LINE)) {
      this.readyState = true;
      this.markReady();
    }
  }

  private settle(outcome: RunnerOutcome): void {
    if (this.outcome !== undefined) return;
    this.outcome = outcome;
    clearTimeout(this.deadline);
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.(outcome);
  }
}
