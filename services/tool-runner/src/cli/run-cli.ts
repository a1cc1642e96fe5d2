import type { ToolRunRequest } from '../request-schema.js';
import { exitCodeFor, failureResult, type ToolRunResult } from '../result.js';
import { truncateText } from '../sandbox/guest-error.js';
import {
  badRequestResult,
  intakeRequest,
  MAX_REQUEST_BYTES,
  readBoundedText,
  type TextReadOutcome,
} from './request-intake.js';

/** The process around the CLI, injected so tests need no real stdin, files or stdout. */
export interface CliIo {
  /** process.argv: [node, script, requestFile?]; without a file the request comes from stdin. */
  argv: readonly string[];
  stdin: AsyncIterable<Uint8Array | string>;
  openFile(path: string): AsyncIterable<Uint8Array | string>;
  writeStdout(text: string): Promise<void>;
}

/** Runs a validated request somewhere isolated (the CLI uses a worker thread). */
export type ToolExecutor = (request: ToolRunRequest) => Promise<ToolRunResult>;

const MAX_DETAIL_CHARS = 300;

function describeHostError(error: unknown): string {
  return truncateText(
    error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    MAX_DETAIL_CHARS,
  );
}

/** Reads one request, runs it, prints one JSON result line and returns the process exit code. */
export async function runCli(io: CliIo, execute: ToolExecutor): Promise<number> {
  const result = await produceResult(io, execute);
  await io.writeStdout(`${JSON.stringify(result)}\n`);
  return exitCodeFor(result);
}

async function produceResult(io: CliIo, execute: ToolExecutor): Promise<ToolRunResult> {
  const requestPath = io.argv[2];
  let read: TextReadOutcome;
  try {
    const source = requestPath === undefined ? io.stdin : io.openFile(requestPath);
    read = await readBoundedText(source, MAX_REQUEST_BYTES);
  } catch (error) {
    return badRequestResult(null, `the request could not be read (${describeHostError(error)})`);
  }
  if (!read.ok) {
    return badRequestResult(null, read.message);
  }
  const intake = intakeRequest(read.text);
  if (!intake.ok) {
    return intake.result;
  }
  const { request } = intake;
  try {
    return await execute(request);
  } catch (error) {
    return failureResult({
      executionId: request.executionId,
      status: 'failed',
      code: 'INTERNAL_ERROR',
      message: `the runner failed unexpectedly (${describeHostError(error)})`,
      limits: request.limits,
      durationMs: 0,
    });
  }
}
