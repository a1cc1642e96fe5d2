import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { QuickJSSyncVariant } from 'quickjs-emscripten';
import { DEFAULT_LIMITS } from '../limits.js';
import type { ToolRunRequest } from '../request-schema.js';
import type { ToolRunResult } from '../result.js';
import { sha256Hex } from '../sandbox/code-integrity.js';
import { runTool } from '../sandbox/run-tool.js';
import {
  type CompiledSandboxWasm,
  compileSandboxWasm,
  instantiateSandboxModule,
  type SandboxMemoryPages,
  type SandboxModule,
  sandboxMemoryPages,
  sandboxMemoryPagesFor,
} from '../sandbox/sandbox-module.js';

/**
 * The sandbox thread's work that does not depend on the request, done while the process waits for it, so
 * that a runner spawned ahead of time (an executor's warm pool) answers in milliseconds:
 *
 * - the QuickJS binary is compiled once;
 * - a throwaway module runs a trivial tool, so that V8 has compiled the WebAssembly functions it compiles
 *   lazily, and the harness's JavaScript;
 * - the request's own module is instantiated in advance, in fresh memory whose pages are touched before
 *   the module starts (first-touch page faults cost more than the run itself in a virtual machine). Its
 *   ceiling is sized for the default limits and a small input, so it serves requests whose own ceiling
 *   is at most PREPARED_PAYLOAD_ALLOWANCE_BYTES of payload below it; any other request gets a module
 *   instantiated for it exactly, as a cold runner does.
 *
 * Every request still runs in a module nothing else has run in; only the read-only machine code is shared.
 */
export interface SandboxRunner {
  run(request: ToolRunRequest): Promise<ToolRunResult>;
}

const QUICKJS_WASM = '@jitl/quickjs-wasmfile-release-sync/wasm';

/** Input and data JSON a prepared module has room for, beyond the default limits. */
export const PREPARED_PAYLOAD_ALLOWANCE_BYTES = 64 * 1024;

/** The QuickJS binary the release-sync variant loads, resolved from the runner's own script. */
export function quickjsWasmPath(runnerScript: string): string {
  return createRequire(path.resolve(runnerScript)).resolve(QUICKJS_WASM);
}

/** The ceilings a prepared module may serve: from an empty payload up to the allowance, default limits. */
export function preparedCeiling(): { pages: SandboxMemoryPages; lowestServedMaximum: number } {
  return {
    pages: sandboxMemoryPagesFor(DEFAULT_LIMITS, PREPARED_PAYLOAD_ALLOWANCE_BYTES),
    lowestServedMaximum: sandboxMemoryPagesFor(DEFAULT_LIMITS, 0).maximum,
  };
}

/** True when the prepared module's ceiling is the request's, give or take the payload allowance. */
export function preparedModuleServes(request: ToolRunRequest, ceiling = preparedCeiling()): boolean {
  const needed = sandboxMemoryPages(request).maximum;
  return needed >= ceiling.lowestServedMaximum && needed <= ceiling.pages.maximum;
}

function freshModuleRunner(
  compiled: CompiledSandboxWasm | undefined,
  baseVariant?: QuickJSSyncVariant,
): SandboxRunner {
  return {
    run: async (request) => {
      const sandbox = await instantiateSandboxModule(sandboxMemoryPages(request), { compiled, baseVariant });
      return runTool(sandbox.quickjs, request, { memory: sandbox.memory });
    },
  };
}

/** Compiles the binary for every run (the path taken if preparing failed). */
export const coldSandboxRunner: SandboxRunner = freshModuleRunner(undefined);

// Touches what most tools touch: argument parsing, property access, JSON and output serialisation.
const PRIMER_CODE =
  'function run(input, data) { const text = JSON.stringify(data); return { n: input.n + data.items.length, text }; }';

function primerRequest(): ToolRunRequest {
  return {
    executionId: 'sandbox-primer',
    tool: { id: 'sandbox-primer', version: 0, sha256: sha256Hex(PRIMER_CODE), code: PRIMER_CODE },
    input: { n: 1 },
    data: { items: [1, 2, 3] },
    limits: DEFAULT_LIMITS,
  };
}

export interface PreparationOptions {
  /** Asked after compiling: the rest is skipped when a request is already waiting (a cold start). */
  requestWaiting(): boolean;
  /** The QuickJS variant whose loader glue is used (tests load it without dynamic import). */
  baseVariant?: QuickJSSyncVariant;
}

export async function prepareSandboxRunner(
  wasmPath: string,
  options: PreparationOptions,
): Promise<SandboxRunner> {
  const compiled = await compileSandboxWasm(await readFile(wasmPath));
  const { baseVariant } = options;
  const fresh = freshModuleRunner(compiled, baseVariant);
  if (options.requestWaiting()) return fresh;

  const primed = await fresh.run(primerRequest());
  if (primed.status !== 'succeeded') {
    throw new Error(`the sandbox primer ended as ${primed.status}`);
  }
  if (options.requestWaiting()) return fresh;

  const ceiling = preparedCeiling();
  let prepared: SandboxModule | undefined = await instantiateSandboxModule(ceiling.pages, {
    compiled,
    baseVariant,
    prefault: true,
  });
  return {
    run: async (request) => {
      const sandbox = prepared;
      // One request per module, whichever way it goes.
      prepared = undefined;
      if (sandbox === undefined || !preparedModuleServes(request, ceiling)) return fresh.run(request);
      return runTool(sandbox.quickjs, request, { memory: sandbox.memory });
    },
  };
}
