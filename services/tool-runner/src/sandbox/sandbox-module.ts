import {
  newQuickJSWASMModuleFromVariant,
  newVariant,
  type QuickJSSyncVariant,
  type QuickJSWASMModule,
  RELEASE_SYNC,
} from 'quickjs-emscripten';
import type { ToolRunRequest } from '../request-schema.js';

// The project compiles against lib ES2024 without DOM, where the WebAssembly namespace is not declared;
// this is the one constructor used here.
interface WasmMemory {
  grow(deltaPages: number): number;
}
declare const WebAssembly: {
  Memory: new (descriptor: { initial: number; maximum: number }) => WasmMemory;
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
export function cleanupReserveBytes(request: ToolRunRequest): number {
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
  const bytes =
    MODULE_FOOTPRINT_BYTES +
    request.limits.memoryMb * MIB +
    PAYLOAD_COPIES * payloadBytes(request) +
    cleanupReserveBytes(request) +
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
}

export function watchMemory(wasmMemory: WasmMemory): WasmMemoryWatch {
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

/**
 * A QuickJS module of its own for one run, in WebAssembly memory capped for that run's limits. The CLI
 * loads one per process. Use a fresh one per run for untrusted code: a run that reaches the ceiling or
 * exhausts the host stack can leave the module unusable.
 */
export async function loadSandboxModule(
  request: ToolRunRequest,
  baseVariant: QuickJSSyncVariant = RELEASE_SYNC,
): Promise<SandboxModule> {
  const wasmMemory = new WebAssembly.Memory(sandboxMemoryPages(request));
  const memory = watchMemory(wasmMemory);
  const quickjs = await newQuickJSWASMModuleFromVariant(newVariant(baseVariant, { wasmMemory }));
  return { quickjs, memory };
}
