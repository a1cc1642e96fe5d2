import type { Clock } from './clock.js';

interface PendingTimer {
  at: number;
  callback: () => void;
}

/** Lets every pending promise continuation run before time moves on. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A Clock for tests: time stands still until advance() moves it and fires the timers that fall due. */
export class FakeClock implements Clock {
  private current: number;
  private nextHandle = 1;
  private readonly timers = new Map<number, PendingTimer>();

  constructor(startMs = 0) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const handle = this.nextHandle++;
    this.timers.set(handle, { at: this.current + Math.max(0, ms), callback });
    return handle;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** Delays of the timers still waiting, measured from now, soonest first. */
  pendingDelays(): number[] {
    return [...this.timers.values()].map((timer) => timer.at - this.current).sort((a, b) => a - b);
  }

  /** Moves time forward by ms, firing due timers in order and letting async work settle after each. */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    await settle();
    for (let due = this.nextDue(target); due; due = this.nextDue(target)) {
      const [handle, timer] = due;
      this.timers.delete(handle);
      this.current = timer.at;
      timer.callback();
      await settle();
    }
    this.current = target;
  }

  private nextDue(limit: number): [number, PendingTimer] | undefined {
    let soonest: [number, PendingTimer] | undefined;
    for (const entry of this.timers) {
      if (entry[1].at <= limit && (!soonest || entry[1].at < soonest[1].at)) soonest = entry;
    }
    return soonest;
  }
}
