import type { QuickJSContext, QuickJSHandle, QuickJSRuntime, QuickJSWASMModule } from 'quickjs-emscripten';
import { jsonNestingDepth, MAX_JSON_DEPTH } from '../json-depth.js';
import type { ToolRunLimits, ToolRunRequest } from '../request-schema.js';
import { failureResult, type JsonValue, type ToolRunResult } from '../result.js';
import { readCapturedLogs } from './captured-logs.js';
import { codeMatchesDigest, sha256Hex } from './code-integrity.js';
import {
  classifyGuestError,
  type FailureClassification,
  type GuestError,
  type GuestPhase,
  MAX_ERROR_MESSAGE_CHARS,
  outOfMemoryClassification,
  timeoutClassification,
  truncateText,
} from './guest-error.js';
import { buildGuestPrelude, SERIALIZED } from './guest-prelude.js';
import { type MonotonicClock, RunGuard } from './run-guard.js';
import { cleanupReserveBytes, type WasmMemoryWatch } from './sandbox-module.js';

export type { MonotonicClock };

export interface RunToolOptions {
  /** Defaults to performance.now; injected so tests control time. */
  clock?: MonotonicClock;
  /**
   * Watches the module's capped WebAssembly memory (from loadSandboxModule), the real bound on the tool's
   * total memory. Without it only QuickJS's own limit applies, which in this build refuses single
   * allocations above memoryMb but not their total (see sandbox-module.ts).
   */
  memory?: WasmMemoryWatch;
  /** Most promise jobs one run may execute; an endless microtask chain ends as a timeout. */
  maxPendingJobs?: number;
}

export const DEFAULT_MAX_PENDING_JOBS = 200_000;

const MIB = 1024 * 1024;
const PENDING_JOB_BATCH = 1_000;
/** Time and memory the harness gets after the tool's budget is spent, to describe errors and copy logs. */
const CLEANUP_GRACE_MS = 100;
const CLEANUP_MEMORY_HEADROOM_BYTES = 2 * MIB;
const TOOL_FILENAME = 'tool.js';

const defaultClock: MonotonicClock = () => performance.now();

/**
 * Runs one tool call in a fresh QuickJS runtime and context and returns its result; never throws.
 *
 * The tool source is a script. The tool is the global binding `run` if the script defines one as a
 * function (`function run(input, data) {...}`, `const run = ...`), otherwise the script's completion value
 * if that is a function (`(input, data) => ...`). Source that only parses as an expression, such as an
 * anonymous `function (input, data) {...}`, is evaluated wrapped in parentheses.
 *
 * Give each untrusted run a module of its own (loadSandboxModule): after the tool exhausts the host stack
 * (HOST_STACK_OVERFLOW) or the module's memory, or after an INTERNAL_ERROR, the module is in an unknown
 * state and its runtime is deliberately not disposed.
 */
export function runTool(
  quickjs: QuickJSWASMModule,
  request: ToolRunRequest,
  options: RunToolOptions = {},
): ToolRunResult {
  const clock = options.clock ?? defaultClock;
  const startedAt = clock();
  const elapsedMs = (): number => Math.max(0, Math.round(clock() - startedAt));
  const fail = (classification: FailureClassification, logs: string[] = []): ToolRunResult =>
    failureResult({
      executionId: request.executionId,
      ...classification,
      limits: request.limits,
      durationMs: elapsedMs(),
      logs,
    });

  const { code, sha256 } = request.tool;
  if (!codeMatchesDigest(code, sha256)) {
    return fail({
      status: 'failed',
      code: 'SHA256_MISMATCH',
      message: `the tool code hashes to ${sha256Hex(code)}, not to the approved ${sha256}`,
    });
  }
  const payload = encodePayload(request);
  if (typeof payload === 'string') {
    return fail({ status: 'failed', code: 'BAD_REQUEST', message: payload });
  }

  let run: SandboxRun;
  try {
    run = runInFreshRuntime(quickjs, request, payload, {
      clock,
      memory: options.memory,
      maxPendingJobs: options.maxPendingJobs ?? DEFAULT_MAX_PENDING_JOBS,
    });
  } catch (error) {
    return fail(classifyHostError(error, request.limits, options.memory));
  }
  if (run.settled.kind === 'failure') {
    return fail(run.settled.classification, run.logs);
  }
  return {
    executionId: request.executionId,
    status: 'succeeded',
    output: run.settled.output,
    logs: run.logs,
    durationMs: elapsedMs(),
    limits: request.limits,
  };
}

interface EncodedPayload {
  inputText: string;
  dataText: string;
}

function encodePayload(request: ToolRunRequest): EncodedPayload | string {
  let inputText: unknown;
  let dataText: unknown;
  try {
    inputText = JSON.stringify(request.input);
    dataText = JSON.stringify(request.data);
  } catch {
    // Cycles, BigInt, or nesting deep enough to exhaust the host stack.
  }
  if (typeof inputText !== 'string' || typeof dataText !== 'string') {
    return 'input and data must be JSON-serialisable';
  }
  if (jsonNestingDepth(inputText) > MAX_JSON_DEPTH || jsonNestingDepth(dataText) > MAX_JSON_DEPTH) {
    return `input and data may not nest arrays and objects deeper than ${MAX_JSON_DEPTH} levels`;
  }
  return { inputText, dataText };
}

/** Host exceptions escaping quickjs-emscripten: the interpreter itself broke, not the tool. */
function classifyHostError(
  error: unknown,
  limits: ToolRunLimits,
  memory: WasmMemoryWatch | undefined,
): FailureClassification {
  // QuickJS does not survive every failed allocation: at the memory ceiling it can trap.
  if (memory?.growthRefused()) {
    return outOfMemoryClassification(limits);
  }
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return {
      status: 'failed',
      code: 'HOST_STACK_OVERFLOW',
      message: 'the tool nested too deeply for the host stack inside the interpreter; the run was abandoned',
    };
  }
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return {
    status: 'failed',
    code: 'INTERNAL_ERROR',
    message: truncateText(`the sandbox failed unexpectedly (${detail})`, MAX_ERROR_MESSAGE_CHARS),
  };
}

interface Harness {
  resolveTool: QuickJSHandle;
  parseArgs: QuickJSHandle;
  releaseReserve: QuickJSHandle;
  invoke: QuickJSHandle;
  serialize: QuickJSHandle;
  describe: QuickJSHandle;
  logs: QuickJSHandle;
}

interface Session {
  runtime: QuickJSRuntime;
  context: QuickJSContext;
  harness: Harness;
  guard: RunGuard;
  limits: ToolRunLimits;
  maxPendingJobs: number;
  /** Registers a handle to be disposed with the session. */
  own(handle: QuickJSHandle): QuickJSHandle;
}

type ToolOutcome =
  /** serialize()'s [tag, text] pair, read back after the tool's budget is spent. */
  | { kind: 'serialized'; pair: QuickJSHandle }
  | { kind: 'thrown'; phase: GuestPhase; error: QuickJSHandle }
  | { kind: 'failure'; classification: FailureClassification };

type Settled =
  | { kind: 'output'; output: JsonValue }
  | { kind: 'failure'; classification: FailureClassification };

interface SandboxRun {
  settled: Settled;
  logs: string[];
}

interface RunSettings {
  clock: MonotonicClock;
  memory: WasmMemoryWatch | undefined;
  maxPendingJobs: number;
}

function runInFreshRuntime(
  quickjs: QuickJSWASMModule,
  request: ToolRunRequest,
  payload: EncodedPayload,
  settings: RunSettings,
): SandboxRun {
  const { limits } = request;
  const { maxPendingJobs } = settings;
  const guard = new RunGuard(settings.clock, settings.memory);
  const runtime = quickjs.newRuntime();
  const owned: QuickJSHandle[] = [];
  const own = (handle: QuickJSHandle): QuickJSHandle => {
    owned.push(handle);
    return handle;
  };
  let context: QuickJSContext | undefined;
  let completed = false;
  try {
    runtime.setMaxStackSize(limits.maxStackBytes);
    runtime.setInterruptHandler(guard.shouldInterrupt);
    context = runtime.newContext();
    const harness = createHarness(context, request, own);
    const inputText = own(context.newString(payload.inputText));
    const dataText = own(context.newString(payload.dataText));
    // The limit starts after the trusted set-up, so input that does not fit surfaces as the tool's oom.
    runtime.setMemoryLimit(limits.memoryMb * MIB);
    const session: Session = { runtime, context, harness, guard, limits, maxPendingJobs, own };

    guard.startToolBudget(limits.timeoutMs);
    const outcome = executeTool(session, request.tool.code, inputText, dataText);

    guard.startCleanup(CLEANUP_GRACE_MS);
    releaseCleanupReserve(context, harness);
    runtime.setMemoryLimit(limits.memoryMb * MIB + CLEANUP_MEMORY_HEADROOM_BYTES);
    const settled = settle(session, outcome);
    const logs = readCapturedLogs(context, harness.logs, limits.maxLogBytes);
    completed = true;
    return { settled, logs };
  } finally {
    // After a host exception the interpreter may be mid-operation; disposing could abort the module.
    // With jobs still queued (an endless microtask chain), QuickJS's leak assertion aborts the module
    // while freeing: the runtime is left to the process's exit instead, so the settled result stands.
    if (completed && !runtime.hasPendingJob()) {
      disposeQuietly(owned, context, runtime);
    }
  }
}

/**
 * Frees the run's handles, context and runtime. The result is already settled: if QuickJS aborts while
 * freeing (it asserts that nothing leaked, and an interrupted job can leave a reference behind), the
 * result stands and only the module is lost, which is why untrusted runs get a module each.
 */
function disposeQuietly(
  owned: QuickJSHandle[],
  context: QuickJSContext | undefined,
  runtime: QuickJSRuntime,
): void {
  try {
    for (const handle of owned.reverse()) {
      if (handle.alive) {
        handle.dispose();
      }
    }
    context?.dispose();
    runtime.dispose();
  } catch {
    // See above: nothing to report that the result does not already say.
  }
}

function createHarness(
  context: QuickJSContext,
  request: ToolRunRequest,
  own: (handle: QuickJSHandle) => QuickJSHandle,
): Harness {
  const { limits } = request;
  const prelude = buildGuestPrelude({
    maxLogBytes: limits.maxLogBytes,
    maxOutputBytes: limits.maxOutputBytes,
    reserveBytes: cleanupReserveBytes(request),
  });
  const evaluated = context.evalCode(prelude, 'sandbox-prelude.js', { type: 'global', strict: true });
  if (evaluated.error) {
    const detail = context.dump(own(evaluated.error));
    throw new Error(`the sandbox prelude failed: ${JSON.stringify(detail)}`);
  }
  const harness = own(evaluated.value);
  return {
    resolveTool: own(context.getProp(harness, 'resolveTool')),
    parseArgs: own(context.getProp(harness, 'parseArgs')),
    invoke: own(context.getProp(harness, 'invoke')),
    serialize: own(context.getProp(harness, 'serialize')),
    describe: own(context.getProp(harness, 'describe')),
    releaseReserve: own(context.getProp(harness, 'releaseReserve')),
    logs: own(context.getProp(harness, 'logs')),
  };
}

/** Picks the source to evaluate: the code as a script, or wrapped in parentheses if only that parses. */
function compileableSource(session: Session, code: string): { source: string } | ToolOutcome {
  const { context } = session;
  const asScript = context.evalCode(code, TOOL_FILENAME, { type: 'global', compileOnly: true });
  if (!asScript.error) {
    asScript.value.dispose();
    return { source: code };
  }
  const scriptError = session.own(asScript.error);
  if (describeGuestError(session, scriptError).name !== 'SyntaxError') {
    return { kind: 'thrown', phase: 'compile', error: scriptError };
  }
  const wrapped = `(\n${code}\n)`;
  const asExpression = context.evalCode(wrapped, TOOL_FILENAME, { type: 'global', compileOnly: true });
  if (asExpression.error) {
    asExpression.error.dispose();
    return { kind: 'thrown', phase: 'compile', error: scriptError };
  }
  asExpression.value.dispose();
  return { source: wrapped };
}

function executeTool(
  session: Session,
  code: string,
  inputText: QuickJSHandle,
  dataText: QuickJSHandle,
): ToolOutcome {
  const { context, harness, own } = session;
  const compiled = compileableSource(session, code);
  if (!('source' in compiled)) {
    return compiled;
  }
  const evaluated = context.evalCode(compiled.source, TOOL_FILENAME, { type: 'global' });
  if (evaluated.error) {
    return { kind: 'thrown', phase: 'run', error: own(evaluated.error) };
  }
  const completion = own(evaluated.value);

  const resolved = context.callFunction(harness.resolveTool, context.undefined, completion);
  if (resolved.error) {
    return { kind: 'thrown', phase: 'run', error: own(resolved.error) };
  }
  const tool = own(resolved.value);
  if (context.typeof(tool) !== 'function') {
    return {
      kind: 'failure',
      classification: {
        status: 'failed',
        code: 'NOT_A_FUNCTION',
        message: 'the tool code must evaluate to a function or define a function named run',
      },
    };
  }

  const parsed = context.callFunction(harness.parseArgs, context.undefined, inputText, dataText);
  // The texts are no longer needed: free them before the tool runs.
  inputText.dispose();
  dataText.dispose();
  if (parsed.error) {
    return { kind: 'thrown', phase: 'run', error: own(parsed.error) };
  }
  const args = own(parsed.value);
  const invoked = context.callFunction(harness.invoke, context.undefined, tool, args);
  if (invoked.error) {
    return { kind: 'thrown', phase: 'run', error: own(invoked.error) };
  }
  const awaited = awaitIfPromise(session, own(invoked.value));
  if ('kind' in awaited) {
    return awaited;
  }

  const serialized = context.callFunction(harness.serialize, context.undefined, awaited.value);
  if (serialized.error) {
    return { kind: 'thrown', phase: 'serialize', error: own(serialized.error) };
  }
  return { kind: 'serialized', pair: own(serialized.value) };
}

function releaseCleanupReserve(context: QuickJSContext, harness: Harness): void {
  const released = context.callFunction(harness.releaseReserve, context.undefined);
  (released.error ?? released.value).dispose();
}

function outputTooLarge(size: string, limits: ToolRunLimits): FailureClassification {
  return {
    status: 'invalid-output',
    code: 'OUTPUT_TOO_LARGE',
    message: `the output is ${size} of JSON; the limit is ${limits.maxOutputBytes} bytes`,
  };
}

/**
 * A returned promise is driven by running pending jobs within the same deadline and a cap on their number;
 * any other value is returned as is.
 */
function awaitIfPromise(session: Session, value: QuickJSHandle): { value: QuickJSHandle } | ToolOutcome {
  const { context, runtime, guard, own } = session;
  let jobsRun = 0;
  for (;;) {
    const state = context.getPromiseState(value);
    if (state.type === 'fulfilled') {
      return { value: state.notAPromise ? value : own(state.value) };
    }
    if (state.type === 'rejected') {
      return { kind: 'thrown', phase: 'run', error: own(state.error) };
    }
    if (guard.passed()) {
      return { kind: 'failure', classification: timeoutClassification(session.limits) };
    }
    if (jobsRun >= session.maxPendingJobs) {
      return {
        kind: 'failure',
        classification: {
          status: 'timeout',
          code: 'JOB_LIMIT',
          message: `the tool's promise did not settle within ${session.maxPendingJobs} promise jobs`,
        },
      };
    }
    const executed = runtime.executePendingJobs(
      Math.min(PENDING_JOB_BATCH, session.maxPendingJobs - jobsRun),
    );
    if (executed.error) {
      return { kind: 'thrown', phase: 'run', error: own(executed.error) };
    }
    if (executed.value === 0) {
      return {
        kind: 'failure',
        classification: {
          status: 'failed',
          code: 'PROMISE_NEVER_SETTLED',
          message: 'the tool returned a promise that can never settle: no pending work is left',
        },
      };
    }
    jobsRun += executed.value;
  }
}

function settle(session: Session, outcome: ToolOutcome): Settled {
  switch (outcome.kind) {
    case 'failure':
      return outcome;
    case 'thrown': {
      const { guard, limits } = session;
      const stoppedFor = guard.stoppedFor();
      // A stopped tool failed because it was stopped, whatever it threw; describing that would waste time.
      const error = stoppedFor === undefined ? describeGuestError(session, outcome.error) : UNDESCRIBABLE;
      return {
        kind: 'failure',
        classification: classifyGuestError(error, { phase: outcome.phase, stoppedFor, limits }),
      };
    }
    case 'serialized':
      return readSerialized(session.context, outcome.pair, session.limits);
  }
}

function readSerialized(context: QuickJSContext, pair: QuickJSHandle, limits: ToolRunLimits): Settled {
  const tag = readStringAt(context, pair, 0);
  const text = readStringAt(context, pair, 1);
  if (tag === SERIALIZED.json) {
    return parseOutput(text, limits);
  }
  if (tag === SERIALIZED.tooLarge) {
    return { kind: 'failure', classification: outputTooLarge(`${text} characters`, limits) };
  }
  return {
    kind: 'failure',
    classification: {
      status: 'invalid-output',
      code: 'INVALID_OUTPUT',
      message: truncateText(text, MAX_ERROR_MESSAGE_CHARS),
    },
  };
}

function parseOutput(json: string, limits: ToolRunLimits): Settled {
  // The guest counted UTF-16 code units; the limit is in UTF-8 bytes.
  const bytes = Buffer.byteLength(json);
  if (bytes > limits.maxOutputBytes) {
    return { kind: 'failure', classification: outputTooLarge(`${bytes} bytes`, limits) };
  }
  if (jsonNestingDepth(json) > MAX_JSON_DEPTH) {
    return {
      kind: 'failure',
      classification: {
        status: 'invalid-output',
        code: 'INVALID_OUTPUT',
        message: `the output nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels`,
      },
    };
  }
  try {
    return { kind: 'output', output: JSON.parse(json) as JsonValue };
  } catch {
    // The guest's JSON.stringify produced this text, so only a broken interpreter gets here.
    return {
      kind: 'failure',
      classification: {
        status: 'invalid-output',
        code: 'INVALID_OUTPUT',
        message: 'the output is not valid JSON',
      },
    };
  }
}

const UNDESCRIBABLE: GuestError = { name: '', message: 'the thrown value could not be described' };

/** Asks the guest harness for the thrown value's name and message (a getter may run: tool code). */
function describeGuestError(session: Session, error: QuickJSHandle): GuestError {
  const { context, harness } = session;
  const described = context.callFunction(harness.describe, context.undefined, error);
  if (described.error) {
    described.error.dispose();
    return UNDESCRIBABLE;
  }
  const pair = described.value;
  try {
    return { name: readStringAt(context, pair, 0), message: readStringAt(context, pair, 1) };
  } finally {
    pair.dispose();
  }
}

function readStringAt(context: QuickJSContext, array: QuickJSHandle, index: number): string {
  const item = context.getProp(array, index);
  try {
    return context.typeof(item) === 'string' ? context.getString(item) : '';
  } finally {
    item.dispose();
  }
}
