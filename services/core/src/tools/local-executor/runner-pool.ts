/** What the pool needs of a runner process (RunnerProcess; fakes in tests). */
export interface PoolableRunner {
  readonly ready: Promise<void>;
  readonly finished: Promise<void>;
  isReady(): boolean;
  isUsable(): boolean;
  kill(): void;
}

export interface RunnerPoolOptions<R extends PoolableRunner> {
  /** Runners kept started and waiting; 0 disables the pool (every take() launches a new one). */
  size: number;
  launch(): R;
  /** Pause before replacing a runner that died while waiting, so a broken runner is not respawned in a loop. */
  refillDelayMs: number;
  /** Milliseconds, for warmUp's timeout; defaults to Date.now. */
  now?: () => number;
}

/**
 * Runners started ahead of time, each used for exactly one request (a fresh process and QuickJS per
 * execution), so an execution skips process start-up and sandbox preparation. take() hands out the
 * oldest ready runner, else the one furthest along, else a new one. It does not replace it: the caller
 * calls fill() once its execution is over, so that starting a replacement (CPU-heavy for a few hundred
 * milliseconds) does not compete with the execution it just served.
 */
export class RunnerPool<R extends PoolableRunner> {
  private readonly idle: R[] = [];
  private closed = false;
  private refillTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: RunnerPoolOptions<R>) {}

  /** Starts runners until the pool is full. */
  fill(): void {
    this.prune();
    while (!this.closed && this.idle.length < this.options.size) {
      const runner = this.options.launch();
      this.idle.push(runner);
      void runner.finished.then(() => this.onFinished(runner));
    }
  }

  take(): R {
    this.prune();
    const readyIndex = this.idle.findIndex((runner) => runner.isReady());
    const [taken] = this.idle.splice(Math.max(readyIndex, 0), 1);
    return taken ?? this.options.launch();
  }

  /** Resolves true once every pooled runner is ready, false if that took longer than timeoutMs. */
  async warmUp(timeoutMs: number): Promise<boolean> {
    const now = this.options.now ?? Date.now;
    const giveUpAt = now() + timeoutMs;
    while (!this.closed) {
      this.fill();
      const starting = this.idle.filter((runner) => !runner.isReady());
      if (starting.length === 0) return true;
      const remainingMs = giveUpAt - now();
      if (remainingMs <= 0) return false;
      let timer: NodeJS.Timeout | undefined;
      // Only runners still starting: a settled promise here would spin this loop without yielding.
      await Promise.race([
        ...starting.map((runner) => Promise.race([runner.ready, runner.finished])),
        new Promise((resolve) => {
          timer = setTimeout(resolve, remainingMs);
        }),
      ]);
      clearTimeout(timer);
    }
    return false;
  }

  /** Kills the waiting runners and resolves once they are gone; take() launches unpooled ones after. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.refillTimer);
    const waiting = this.idle.splice(0);
    for (const runner of waiting) runner.kill();
    await Promise.all(waiting.map((runner) => runner.finished));
  }

  /** Waiting runners, for tests and metrics. */
  get size(): number {
    return this.idle.length;
  }

  private prune(): void {
    for (let index = this.idle.length - 1; index >= 0; index -= 1) {
      if (!this.idle[index]?.isUsable()) this.idle.splice(index, 1);
    }
  }

  private onFinished(runner: R): void {
    const index = this.idle.indexOf(runner);
    if (index < 0 || this.closed) return;
    // It died while waiting: replace it, after a pause.
    this.idle.splice(index, 1);
    if (this.refillTimer === undefined) {
      this.refillTimer = setTimeout(() => {
        this.refillTimer = undefined;
        this.fill();
      }, this.options.refillDelayMs);
    }
  }
}
