export type SlotGrant =
  | { granted: true; release: () => void }
  | { granted: false; reason: 'busy' | 'closed' };

/**
 * Caps how many executions run at once (each is a CPU-heavy process); the rest wait in order, up to
 * maxWaiting, beyond which they are refused at once rather than piling up.
 */
export class ExecutionSlots {
  private running = 0;
  private readonly waiting: Array<(grant: SlotGrant) => void> = [];
  private closed = false;

  constructor(
    private readonly maxRunning: number,
    private readonly maxWaiting: number,
  ) {}

  acquire(): Promise<SlotGrant> {
    if (this.closed) return Promise.resolve({ granted: false, reason: 'closed' });
    if (this.running < this.maxRunning) {
      this.running += 1;
      return Promise.resolve(this.grant());
    }
    if (this.waiting.length >= this.maxWaiting) return Promise.resolve({ granted: false, reason: 'busy' });
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Refuses new and waiting acquisitions; running ones keep their slots until released. */
  close(): void {
    this.closed = true;
    for (const waiter of this.waiting.splice(0)) waiter({ granted: false, reason: 'closed' });
  }

  get runningCount(): number {
    return this.running;
  }

  get waitingCount(): number {
    return this.waiting.length;
  }

  private grant(): SlotGrant {
    let released = false;
    return {
      granted: true,
      release: () => {
        if (released) return;
        released = true;
        const next = this.waiting.shift();
        if (next === undefined) {
          this.running -= 1;
        } else {
          next(this.grant());
        }
      },
    };
  }
}
