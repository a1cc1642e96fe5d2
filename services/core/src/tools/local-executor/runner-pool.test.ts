import { type PoolableRunner, RunnerPool } from './runner-pool.js';

/** A runner whose start-up and death the test drives by hand. */
class FakeRunner implements PoolableRunner {
  readonly ready: Promise<void>;
  readonly finished: Promise<void>;
  killed = false;
  private readyState = false;
  private dead = false;
  private resolveReady: () => void = () => undefined;
  private resolveFinished: () => void = () => undefined;

  constructor(readonly id: number) {
    this.ready = new Promise((resolve) => {
      this.resolveReady = resolve;
    });
    this.finished = new Promise((resolve) => {
      this.resolveFinished = resolve;
    });
  }

  becomeReady(): void {
    this.readyState = true;
    this.resolveReady();
  }

  die(): void {
    this.dead = true;
    this.resolveFinished();
  }

  isReady(): boolean {
    return this.readyState && !this.dead;
  }

  isUsable(): boolean {
    return !this.dead && !this.killed;
  }

  kill(): void {
    this.killed = true;
    this.die();
  }
}

function poolOf(size: number, refillDelayMs = 0) {
  const launched: FakeRunner[] = [];
  const pool = new RunnerPool<FakeRunner>({
    size,
    refillDelayMs,
    launch: () => {
      const runner = new FakeRunner(launched.length);
      launched.push(runner);
      return runner;
    },
  });
  return { pool, launched };
}

const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

describe('RunnerPool', () => {
  it('when filled, then it starts runners up to its size and no more', () => {
    const { pool, launched } = poolOf(2);

    pool.fill();
    pool.fill();

    expect(launched).toHaveLength(2);
    expect(pool.size).toBe(2);
  });

  it('when a runner is taken, then a ready one is preferred over an older one still starting', () => {
    const { pool, launched } = poolOf(2);
    pool.fill();
    launched[1]?.becomeReady();

    expect(pool.take().id).toBe(1);
  });

  it('when none is ready, then the oldest starting one is handed out rather than a new one', () => {
    const { pool, launched } = poolOf(2);
    pool.fill();

    expect(pool.take().id).toBe(0);
    expect(launched).toHaveLength(2);
  });

  it('when the pool is empty or disabled, then take() launches a runner of its own', () => {
    const { pool, launched } = poolOf(0);

    const runner = pool.take();

    expect(runner.id).toBe(0);
    expect(launched).toHaveLength(1);
    expect(pool.size).toBe(0);
  });

  it('when a runner is taken, then it is not replaced until fill() is called', () => {
    const { pool, launched } = poolOf(1);
    pool.fill();

    pool.take();
    expect(launched).toHaveLength(1);
    pool.fill();

    expect(launched).toHaveLength(2);
  });

  it('when a waiting runner dies, then it is never handed out and is replaced after the pause', async () => {
    const { pool, launched } = poolOf(1, 20);
    pool.fill();
    launched[0]?.die();
    await tick();

    expect(pool.size).toBe(0);
    expect(launched).toHaveLength(1);
    await tick(40);
    expect(launched).toHaveLength(2);
    expect(pool.take().id).toBe(1);
  });

  it('when warming up, then it resolves true once every runner is ready, however late', async () => {
    const { pool, launched } = poolOf(2);
    pool.fill();
    launched[0]?.becomeReady();
    const warm = pool.warmUp(5_000);
    await tick(20);
    launched[1]?.becomeReady();

    await expect(warm).resolves.toBe(true);
  });

  it('when runners do not get ready in time, then warming up resolves false', async () => {
    const { pool } = poolOf(1);

    await expect(pool.warmUp(30)).resolves.toBe(false);
  });

  it('when the pool size is 0, then it is warm at once', async () => {
    await expect(poolOf(0).pool.warmUp(10)).resolves.toBe(true);
  });

  it('when closed, then waiting runners are killed and none are started again', async () => {
    const { pool, launched } = poolOf(2);
    pool.fill();

    await pool.close();
    pool.fill();

    expect(launched.map((runner) => runner.killed)).toEqual([true, true]);
    expect(launched).toHaveLength(2);
    expect(pool.size).toBe(0);
  });
});
