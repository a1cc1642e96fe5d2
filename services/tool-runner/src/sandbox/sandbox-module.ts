import {
  newQuickJSWASMModuleFromVariant,
  newVariant,
  type QuickJSSyncVariant,
  type QuickJSWASMModule,
  RELEASE_SYNC,
} from 'quickjs-emscripten';
import type { ToolRunLimits, ToolRunRequest } from '../request-schema.js';

// The project compiles against lib ES2024 without DOM, where the WebAssembly namespace is not declared;
// these are the parts used here.
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(deltaPages: number): number;
}
/** A compiled WebAssembly module (opaque here): instantiating it is fast, compiling it is not. */
export interface CompiledSandboxWasm {
  readonly compiledSandboxWasm?: never;
}
declare const WebAssembly: {
  Memory: new (descriptor: { initial: number; maximum: number }) => WasmMemory;
  compile(bytes: Uint8Array): Promise<CompiledSandboxWasm>;
};

const MIB = 1024 * 1024;
const WASM_PAGE_BYTES = 64 * 1024;

/** The prebuilt module starts with 16 MiB (its INITIAL_MEMORY); an imported memory may not be smaller. */
const MODULE_INITIAL_BYTES = 16 * MIB;
/** Below the heap: the module's static data and its 5 MiB C stack. */
const MODULE_FOOTPRINT_BYTES = 6 * MIB;
/** The QuickJS runtime and harness, allocator overhead, and the cleanup reserve's fixed part. */
const RUNTIME_SLACK_BYTES = 4 * MIB;
/** Worst case for a string copied between host and guest: UTF-8 on one side, UTF-16 on the other. */
const COPY_FACTOR = 3;
/** The input and data texts while they are copied in: a UTF-8 buffer and the guest's string. */
const PAYLOAD_COPIES = 2;

export interface SandboxMemoryPages {
  initial: number;
  maximum: number;
}

function payloadBytes(request: ToolRunRequest): number {
  try {
    return Buffer.byteLength(JSON.stringify([request.input, request.data]) ?? '');
  } catch {
    return 0;
  }
}

/** Bytes the harness keeps in reserve for reading the output and logs back after the tool has run. */
export function cleanupReserveBytes(request: Pick<ToolRunRequest, 'limits'>): number {
  return COPY_FACTOR * (request.limits.maxOutputBytes + request.limits.maxLogBytes) + MIB;
}

/**
 * Pages of WebAssembly memory for one run. QuickJS's own memory limit cannot bound the total in this
 * build: compiled for Emscripten it records every allocation as a few bytes of overhead (it has no
 * malloc_usable_size), so it only refuses single allocations larger than the limit, and many smaller ones
 * can grow the heap until the host runs out (quickjs-emscripten issues #255 and #271). A memory that cannot
 * grow past this maximum is the hard ceiling: QuickJS gets a failed allocation and throws out of memory.
 */
export function sandboxMemoryPages(request: ToolRunRequest): SandboxMemoryPages {
  return sandboxMemoryPagesFor(request.limits, payloadBytes(request));
}

/** sandboxMemoryPages for these limits and this many bytes of input and data JSON. */
export function sandboxMemoryPagesFor(limits: ToolRunLimits, payloadByteCount: number): SandboxMemoryPages {
  const bytes =
    MODULE_FOOTPRINT_BYTES +
    limits.memoryMb * MIB +
    PAYLOAD_COPIES * payloadByteCount +
    cleanupReserveBytes({ limits }) +
    RUNTIME_SLACK_BYTES;
  const initial = MODULE_INITIAL_BYTES / WASM_PAGE_BYTES;
  return { initial, maximum: Math.max(initial, Math.ceil(bytes / WASM_PAGE_BYTES)) };
}

/** What runTool needs to know about the module's WebAssembly memory. */
export interface WasmMemoryWatch {
  /**
   * True once the module asked for memory beyond its ceiling. Emscripten first asks for 5 to 20 % more than
   * it needs, so this can turn true shortly before the ceiling is truly reached.
   */
  growthRefused(): boolean;
}

export interface SandboxModule {
  quickjs: QuickJSWASMModule;
  memory: WasmMemoryWatch;
  /** The memory it was given: its ceiling is `maximum`. */
  pages: SandboxMemoryPages;
}

export function watchMemory(wasmMemory: Pick<WasmMemory, 'grow'>): WasmMemoryWatch {
  let refused = false;
  const grow = wasmMemory.grow.bind(wasmMemory);
  // Emscripten grows the memory object it was given by calling its grow(); this records refusals.
  wasmMemory.grow = (deltaPages: number): number => {
    try {
      return grow(deltaPages);
    } catch (error) {
      refused = true;
      throw error;
    }
  };
  return { growthRefused: () => refused };
}

/** Compiles the QuickJS WebAssembly binary once, so that each run only instantiates it. */
export function compileSandboxWasm(wasmBytes: Uint8Array): Promise<CompiledSandboxWasm> {
  return WebAssembly.compile(wasmBytes);
}

/**
 * A QuickJS module of its own for one run, in WebAssembly memory capped for that run's limits. The CLI
 * loads one per process. Use a fresh one per run for untrusted code: a run that reaches the ceiling or
 * exhausts the host stack can leave the module unusable.
 *
 * Given `compiled`, the module is instantiated from it instead of compiling the binary again. An instance
 * shares only the compiled, read-only machine code; its memory, interpreter state and JavaScript glue are
 * its own.
 */
export function loadSandboxModule(
  request: ToolRunRequest,
  baseVariant: QuickJSSyncVariant = RELEASE_SYNC,
  compiled?: CompiledSandboxWasm,
): Promise<SandboxModule> {
  return instantiateSandboxModule(sandboxMemoryPages(request), { baseVariant, compiled });
}

export interface InstantiateOptions {
  baseVariant?: QuickJSSyncVariant;
  compiled?: CompiledSandboxWasm | undefined;
  /**
   * Touch every page of the starting memory before the module is instantiated, so the run does not pay for
   * first-touch page faults (costly in virtual machines). The memory stays all zeros, as fresh memory is.
   */
  prefault?: boolean;
}

/** loadSandboxModule for a memory sized in advance (a module prepared before its request arrives). */
export async function instantiateSandboxModule(
  pages: SandboxMemoryPages,
  options: InstantiateOptions = {},
): Promise<SandboxModule> {
  const wasmMemory = new WebAssembly.Memory(pages);
  if (options.prefault) {
    // Before instantiation: the module copies its data segments into this memory as it starts.
    new Uint8Array(wasmMemory.buffer).fill(0);
  }
  const memory = watchMemory(wasmMemory);
  const { compiled } = options;
  const quickjs = await newQuickJSWASMModuleFromVariant(
    newVariant(
      options.baseVariant ?? RELEASE_SYNC,
      compiled === undefined ? { wasmMemory } : { wasmMemory, wasmModule: compiled },
    ),
  );
  return { quickjs, memory, pages };
}
