import type { StopReason } from './guest-error.js';
import type { WasmMemoryWatch } from './sandbox-module.js';

/** Milliseconds from a monotonic source. */
export type MonotonicClock = () => number;

/**
 * Answers QuickJS's interrupt polls: stop at the tool's deadline. Stops count against the tool only while
 * its own budget runs; afterwards a short grace deadline bounds the harness's clean-up.
 */
export class RunGuard {
  private deadlineHit = false;
  private endsAt = Number.POSITIVE_INFINITY;
  private enforcingToolBudget = false;

  constructor(
    private readonly clock: MonotonicClock,
    private readonly memory: WasmMemoryWatch | undefined,
  ) {}

  readonly shouldInterrupt = (): boolean => {
    if (this.clock() <= this.endsAt) {
      return false;
    }
    if (this.enforcingToolBudget) {
      this.deadlineHit = true;
    }
    return true;
  };

  startToolBudget(timeoutMs: number): void {
    this.enforcingToolBudget = true;
    this.endsAt = this.clock() + timeoutMs;
  }

  startCleanup(graceMs: number): void {
    this.enforcingToolBudget = false;
    this.endsAt = this.clock() + graceMs;
  }

  passed(): boolean {
    return this.clock() > this.endsAt;
  }

  /**
   * Why a failed tool failed, whatever it threw: it was stopped at its deadline, or its module ran into the
   * memory ceiling (QuickJS then throws "out of memory", or sometimes only null, for failed allocations).
   */
  stoppedFor(): StopReason | undefined {
    if (this.deadlineHit) {
      return 'deadline';
    }
    return this.memory?.growthRefused() ? 'memory' : undefined;
  }
}
