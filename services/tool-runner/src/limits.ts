const KIB = 1024;
const MIB = 1024 * KIB;

/**
 * Defaults and bounds of every limit (no zod here, so the CLI can size its sandbox thread before loading
 * the validator). maxStackBytes stays far below the 5 MiB C stack compiled into the QuickJS WebAssembly
 * module, and the CLI sizes its sandbox thread's native stack from the largest allowed value (see
 * cli/sandbox-thread.ts), so deep recursion ends as a QuickJS error rather than a host stack overflow.
 */
export const LIMIT_BOUNDS = {
  timeoutMs: { min: 1, max: 60_000, default: 2_000 },
  memoryMb: { min: 4, max: 512, default: 32 },
  maxOutputBytes: { min: 16, max: 16 * MIB, default: 64 * KIB },
  maxStackBytes: { min: 16 * KIB, max: 1 * MIB, default: 256 * KIB },
  maxLogBytes: { min: 0, max: 1 * MIB, default: 16 * KIB },
} as const;

/** Every limit at its default. */
export const DEFAULT_LIMITS = {
  timeoutMs: LIMIT_BOUNDS.timeoutMs.default,
  memoryMb: LIMIT_BOUNDS.memoryMb.default,
  maxOutputBytes: LIMIT_BOUNDS.maxOutputBytes.default,
  maxStackBytes: LIMIT_BOUNDS.maxStackBytes.default,
  maxLogBytes: LIMIT_BOUNDS.maxLogBytes.default,
};
