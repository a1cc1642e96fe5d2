/**
 * tool-runner CLI: `node dist/main.js [request.json]` reads one request from the file or stdin, runs it in
 * QuickJS and prints one JSON result line; the exit code follows the status (see result.ts).
 *
 * The tool runs in a worker thread whose native stack is sized for the interpreter (see
 * cli/sandbox-thread.ts), in a QuickJS module whose WebAssembly memory is capped for the request's
 * limits (see sandbox/sandbox-module.ts), under a watchdog that terminates it if it outlives its
 * deadline. The thread is started first and prepares QuickJS (see cli/sandbox-preparation.ts) while this
 * thread loads zod and reads and validates the request; this same file is the thread's entry point. Both
 * roles load what they need with dynamic imports so that neither pays for the other's modules.
 *
 * Once both are ready, before any request has arrived, the CLI writes READY_LINE to stderr: an executor
 * that spawns runners ahead of time knows from it that this one will answer fast.
 */
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { READY_LINE } from './cli/readiness.js';
import {
  hardDeadlineMs,
  hardTimeoutResult,
  isSandboxReadyMessage,
  resultFromThreadReport,
  SANDBOX_READY_MESSAGE,
  SANDBOX_THREAD_STACK_MB,
  threadFailureResult,
} from './cli/sandbox-thread.js';
import { DEFAULT_LIMITS } from './limits.js';
import type { ToolRunRequest } from './request-schema.js';
import { exitCodeFor, failureResult, type ToolRunResult } from './result.js';

const clock = (): number => performance.now();

interface SandboxThread {
  /** Resolves once the thread has prepared QuickJS; never, if the thread failed (run() reports that). */
  ready: Promise<void>;
  run(
    request: ToolRunRequest,
    parseReport: (message: unknown) => ToolRunResult | undefined,
  ): Promise<ToolRunResult>;
}

function startSandboxThread(): SandboxThread {
  const worker = new Worker(path.resolve(process.argv[1] ?? 'main.js'), {
    env: {},
    stdout: true,
    stderr: true,
    resourceLimits: { stackSizeMb: SANDBOX_THREAD_STACK_MB },
  });
  // stdout carries only the result line; anything the thread prints goes to stderr.
  worker.stdout.pipe(process.stderr);
  worker.stderr.pipe(process.stderr);
  // Until a request is sent, a failing thread is reported by run(), not as an unhandled error.
  let earlyFailure: string | undefined;
  const noteEarlyFailure = (detail: string): void => {
    earlyFailure ??= detail;
  };
  worker.once('error', (error) => noteEarlyFailure(`${error.name}: ${error.message}`));
  worker.once('exit', (code) => noteEarlyFailure(`it exited with code ${code} before the request was sent`));
  const ready = new Promise<void>((resolve) => {
    const onReady = (message: unknown): void => {
      if (isSandboxReadyMessage(message)) {
        worker.off('message', onReady);
        resolve();
      }
    };
    worker.on('message', onReady);
  });

  return {
    ready,
    run: (request, parseReport) => {
      const startedAt = clock();
      const elapsedMs = (): number => Math.round(clock() - startedAt);
      return new Promise((resolve) => {
        if (earlyFailure !== undefined) {
          resolve(threadFailureResult(request, earlyFailure, elapsedMs()));
          return;
        }
        let settled = false;
        const finish = (result: ToolRunResult): void => {
          if (settled) {
            return;
          }
          settled = true;
          clearTimeout(watchdog);
          resolve(result);
        };
        const watchdog = setTimeout(
          () => finish(hardTimeoutResult(request, elapsedMs())),
          hardDeadlineMs(request.limits),
        );
        worker.on('message', (message: unknown) => {
          if (!isSandboxReadyMessage(message)) {
            finish(resultFromThreadReport(request, parseReport(message), elapsedMs()));
          }
        });
        worker.once('error', (error) =>
          finish(threadFailureResult(request, `${error.name}: ${error.message}`, elapsedMs())),
        );
        worker.once('exit', (code) =>
          finish(threadFailureResult(request, `it exited with code ${code} without a result`, elapsedMs())),
        );
        worker.postMessage(request);
      });
    },
  };
}

function serveSandboxThread(): void {
  let requested = false;
  const preparing = import('./cli/sandbox-preparation.js').then(
    async ({ coldSandboxRunner, prepareSandboxRunner, quickjsWasmPath }) => {
      try {
        return await prepareSandboxRunner(quickjsWasmPath(process.argv[1] ?? 'main.js'), {
          requestWaiting: () => requested,
        });
      } catch {
        // Preparing only saves time: without it every run compiles QuickJS itself.
        return coldSandboxRunner;
      }
    },
  );
  void preparing.then(() => parentPort?.postMessage(SANDBOX_READY_MESSAGE));
  parentPort?.once('message', async (message: ToolRunRequest) => {
    requested = true;
    // Validated by the main thread before it was sent. The module's memory is sized from its limits.
    const sandbox = await preparing;
    parentPort?.postMessage(await sandbox.run(message));
  });
}

function writeToStdout(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(text, (error) => (error ? reject(error) : resolve()));
  });
}

async function main(): Promise<void> {
  const thread = startSandboxThread();
  let exitCode: number;
  try {
    const loading = Promise.all([import('./cli/run-cli.js'), import('./result-schema.js')]);
    const validatorsPrimed = import('./cli/validator-primer.js').then(({ primeValidators }) =>
      primeValidators(),
    );
    void Promise.all([validatorsPrimed, thread.ready]).then(
      () => process.stderr.write(`${READY_LINE}\n`),
      () => undefined,
    );
    const [{ runCli }, { parseToolRunResult }] = await loading;
    exitCode = await runCli(
      {
        argv: process.argv,
        stdin: process.stdin,
        openFile: (file) => createReadStream(file),
        writeStdout: writeToStdout,
      },
      (request) => thread.run(request, parseToolRunResult),
    );
  } catch {
    // Last resort: the contract still gets one failed result line, without host details.
    const result = failureResult({
      executionId: null,
      status: 'failed',
      code: 'INTERNAL_ERROR',
      message: 'the runner failed unexpectedly',
      limits: DEFAULT_LIMITS,
      durationMs: 0,
    });
    exitCode = exitCodeFor(result);
    await writeToStdout(`${JSON.stringify(result)}\n`).catch(() => undefined);
  }
  // Also ends the sandbox thread, wherever it is.
  process.exit(exitCode);
}

if (isMainThread) {
  void main();
} else {
  serveSandboxThread();
}
