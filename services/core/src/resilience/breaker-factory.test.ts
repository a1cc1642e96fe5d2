import pino from 'pino';
import { Counter, Registry } from 'prom-client';
import { DependencyUnavailableError } from '../errors/index.js';
import { createBreakerFactory } from './breaker-factory.js';
import type { BreakerDefaults } from './breaker-types.js';
import { FakeClock } from './fake-clock.js';

type LogLine = Record<string, unknown>;

function setup(options: { random?: () => number; defaults?: Partial<BreakerDefaults> } = {}) {
  const clock = new FakeClock();
  const registry = new Registry();
  const logs: LogLine[] = [];
  const logger = pino(
    { level: 'debug' },
    { write: (line: string) => logs.push(JSON.parse(line) as LogLine) },
  );
  const factory = createBreakerFactory({
    registry,
    logger,
    clock,
    random: options.random ?? (() => 0.5),
    ...options,
  });
  return { clock, registry, logs, factory };
}

async function metricValue(registry: Registry, name: string, labels: Record<string, string>) {
  const metric = registry.getSingleMetric(name);
  if (!metric) return undefined;
  const { values } = await metric.get();
  const match = values.find((v) => Object.entries(labels).every(([key, value]) => v.labels[key] === value));
  return match?.value;
}

const stateGauge = (registry: Registry, breaker: string) =>
  metricValue(registry, 'breaker_state', { breaker });
const calls = (registry: Registry, breaker: string, outcome: string) =>
  metricValue(registry, 'breaker_calls_total', { breaker, outcome });

const failing = () =>
  jest.fn((_input?: string): Promise<string> => Promise.reject(new Error('upstream down')));

/** Lets a call run until it waits on the clock (or settles). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('circuit breaker state', () => {
  it('when 5 calls fail in a row, then it opens, rejects fast, goes half-open after 30 s and closes on a success', async () => {
    const { clock, registry, factory } = setup();
    const fn = failing();
    const breaker = factory.create('usda', fn);
    expect(breaker.state).toBe('closed');
    expect(await stateGauge(registry, 'usda')).toBe(0);

    for (let i = 0; i < 4; i++) await expect(breaker.call('apple')).rejects.toThrow('upstream down');
    expect(breaker.state).toBe('closed');
    expect(await stateGauge(registry, 'usda')).toBe(0);

    await expect(breaker.call('apple')).rejects.toThrow('upstream down');
    expect(breaker.state).toBe('open');
    expect(await stateGauge(registry, 'usda')).toBe(2);

    const rejected = breaker.call('apple');
    await expect(rejected).rejects.toBeInstanceOf(DependencyUnavailableError);
    await expect(rejected).rejects.toThrow('usda is unavailable: circuit open');
    expect(fn).toHaveBeenCalledTimes(5);
    expect(await calls(registry, 'usda', 'failure')).toBe(5);
    expect(await calls(registry, 'usda', 'rejected')).toBe(1);

    await clock.advance(29_999);
    expect(breaker.state).toBe('open');
    await clock.advance(1);
    expect(breaker.state).toBe('half-open');
    expect(await stateGauge(registry, 'usda')).toBe(1);

    fn.mockResolvedValueOnce('100 kcal');
    await expect(breaker.call('apple')).resolves.toBe('100 kcal');
    expect(fn).toHaveBeenLastCalledWith('apple');
    expect(breaker.state).toBe('closed');
    expect(await stateGauge(registry, 'usda')).toBe(0);
    expect(await calls(registry, 'usda', 'success')).toBe(1);
  });

  it('when the half-open trial fails, then it opens again for another reset period', async () => {
    const { clock, registry, factory } = setup({ defaults: { failureThreshold: 1, resetTimeoutMs: 1_000 } });
    const fn = failing();
    const breaker = factory.create('llm', fn);
    await expect(breaker.call()).rejects.toThrow('upstream down');
    await clock.advance(1_000);
    expect(breaker.state).toBe('half-open');

    await expect(breaker.call()).rejects.toThrow('upstream down');
    expect(breaker.state).toBe('open');
    expect(await stateGauge(registry, 'llm')).toBe(2);
    await expect(breaker.call()).rejects.toBeInstanceOf(DependencyUnavailableError);
    expect(fn).toHaveBeenCalledTimes(2);

    await clock.advance(1_000);
    expect(breaker.state).toBe('half-open');
  });

  it('when a trial call is in flight, then other calls in half-open are rejected without calling fn', async () => {
    const { clock, factory } = setup({ defaults: { failureThreshold: 1, resetTimeoutMs: 1_000 } });
    let finishTrial: (value: string) => void = () => {};
    const fn = failing();
    const breaker = factory.create('vision', fn);
    await expect(breaker.call()).rejects.toThrow('upstream down');
    await clock.advance(1_000);

    fn.mockImplementationOnce(() => new Promise((resolve) => (finishTrial = resolve)));
    const trial = breaker.call();
    await expect(breaker.call()).rejects.toThrow('vision is unavailable: circuit half-open');
    finishTrial('ok');
    await expect(trial).resolves.toBe('ok');
    expect(fn).toHaveBeenCalledTimes(2);
    expect(breaker.state).toBe('closed');
  });

  it('when a success comes between failures, then the consecutive count starts again', async () => {
    const { factory } = setup();
    const fn = failing();
    const breaker = factory.create('off', fn);
    for (let i = 0; i < 4; i++) await expect(breaker.call()).rejects.toThrow();
    fn.mockResolvedValueOnce('ok');
    await breaker.call();
    for (let i = 0; i < 4; i++) await expect(breaker.call()).rejects.toThrow();
    expect(breaker.state).toBe('closed');
    await expect(breaker.call()).rejects.toThrow('upstream down');
    expect(breaker.state).toBe('open');
  });

  it('when fn throws synchronously, then that counts as a failure', async () => {
    const { registry, factory } = setup();
    const breaker = factory.create('sync', (): Promise<number> => {
      throw new Error('bad input');
    });
    await expect(breaker.call()).rejects.toThrow('bad input');
    expect(await calls(registry, 'sync', 'failure')).toBe(1);
  });
});

describe('circuit breaker timeout', () => {
  it('when fn does not answer within timeoutMs, then the call fails as a timeout', async () => {
    const { clock, registry, factory } = setup();
    const breaker = factory.create('usda', () => new Promise<string>(() => {}), { timeoutMs: 5_000 });
    const outcome = breaker.call().catch((error: unknown) => error);
    await clock.advance(4_999);
    expect(await Promise.race([outcome, settle().then(() => 'pending')])).toBe('pending');

    await clock.advance(1);
    const error = await outcome;
    expect(error).toBeInstanceOf(DependencyUnavailableError);
    expect((error as Error).message).toBe('usda timed out after 5000 ms');
    expect(await calls(registry, 'usda', 'timeout')).toBe(1);
    expect(await calls(registry, 'usda', 'failure')).toBeUndefined();
  });

  it('when no timeout is given, then 10 s is allowed and timeouts count towards opening', async () => {
    const { clock, factory } = setup({ defaults: { failureThreshold: 2 } });
    const breaker = factory.create('slow', () => new Promise<string>(() => {}));
    for (let i = 0; i < 2; i++) {
      const outcome = breaker.call().catch((error: unknown) => error);
      await clock.advance(10_000);
      expect(await outcome).toBeInstanceOf(DependencyUnavailableError);
    }
    expect(breaker.state).toBe('open');
  });

  it('when fn answers in time, then its timer is cleared', async () => {
    const { clock, factory } = setup();
    const breaker = factory.create('fast', async () => 'ok');
    await expect(breaker.call()).resolves.toBe('ok');
    expect(clock.pendingDelays()).toEqual([]);
  });
});

describe('circuit breaker retries', () => {
  it('when an idempotent call keeps failing, then it is retried with growing, capped, jittered delays', async () => {
    const { clock, registry, factory } = setup({ random: () => 0.99 });
    const fn = failing();
    const breaker = factory.create('usda', fn, {
      idempotent: true,
      retries: 3,
      retryBaseDelayMs: 100,
      retryMaxDelayMs: 250,
    });
    const outcome = breaker.call('rice').catch((error: unknown) => error);
    const delays: number[] = [];
    for (let retry = 0; retry < 3; retry++) {
      await settle();
      const [delay] = clock.pendingDelays();
      delays.push(delay as number);
      await clock.advance(delay as number);
    }
    // Ceilings 100, 200, then 400 capped at 250; random 0.99 takes 99% of each.
    expect(delays).toEqual([99, 198, 247]);
    expect((await outcome) as Error).toEqual(new Error('upstream down'));
    expect(fn).toHaveBeenCalledTimes(4);
    expect(fn).toHaveBeenCalledWith('rice');
    expect(await metricValue(registry, 'breaker_retries_total', { breaker: 'usda' })).toBe(3);
  });

  it('when a retry succeeds, then the call resolves with its value', async () => {
    const { clock, factory } = setup({ random: () => 0 });
    const fn = failing().mockRejectedValueOnce(new Error('blip')).mockResolvedValueOnce('ok');
    const breaker = factory.create('llm', fn, { idempotent: true, retries: 2 });
    const outcome = breaker.call();
    await clock.advance(0);
    await expect(outcome).resolves.toBe('ok');
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it('when the call is not idempotent, then it is never retried and a warning says so', async () => {
    const { registry, logs, factory } = setup();
    const fn = failing();
    const breaker = factory.create('telegram-send', fn, { retries: 3 });
    await expect(breaker.call()).rejects.toThrow('upstream down');
    expect(fn).toHaveBeenCalledTimes(1);
    expect(
      await metricValue(registry, 'breaker_retries_total', { breaker: 'telegram-send' }),
    ).toBeUndefined();
    expect(logs).toContainEqual(
      expect.objectContaining({
        breaker: 'telegram-send',
        msg: 'retries ignored: the call is not idempotent',
      }),
    );
  });

  it('when the circuit opens during retries, then retrying stops and the call is rejected', async () => {
    const { clock, factory } = setup({ random: () => 0.5, defaults: { failureThreshold: 2 } });
    const fn = failing();
    const breaker = factory.create('k8s', fn, { idempotent: true, retries: 5 });
    const outcome = breaker.call().catch((error: unknown) => error);
    await clock.advance(10_000);
    expect(await outcome).toBeInstanceOf(DependencyUnavailableError);
    expect(fn).toHaveBeenCalledTimes(2);
  });
});

describe('circuit breaker fallback', () => {
  it('when the call fails, then the named fallback answers and the log names it', async () => {
    const { registry, logs, factory } = setup();
    const breaker = factory.create('llm', failing(), {
      fallback: { name: 'offline-parser', fn: async (text?: string) => `parsed ${text}` },
    });
    await expect(breaker.call('2 eggs')).resolves.toBe('parsed 2 eggs');
    expect(await calls(registry, 'llm', 'fallback')).toBe(1);
    expect(logs).toContainEqual(
      expect.objectContaining({
        breaker: 'llm',
        fallback: 'offline-parser',
        reason: 'failure',
        msg: 'using fallback',
        err: expect.objectContaining({ message: 'upstream down' }),
      }),
    );
  });

  it('when retries all time out, then the fallback answers once and the log says how long it took', async () => {
    const { clock, logs, factory } = setup({ random: () => 0 });
    const fn = jest.fn(() => new Promise<string>(() => {}));
    const fallback = jest.fn(async () => 'offline table');
    const breaker = factory.create('usda', fn, {
      timeoutMs: 1_000,
      idempotent: true,
      retries: 1,
      fallback: { name: 'offline-table', fn: fallback },
    });
    const outcome = breaker.call();
    await clock.advance(2_000);
    await expect(outcome).resolves.toBe('offline table');
    expect(fn).toHaveBeenCalledTimes(2);
    expect(fallback).toHaveBeenCalledTimes(1);
    expect(logs.at(-1)).toEqual(
      expect.objectContaining({ fallback: 'offline-table', reason: 'timeout', elapsedMs: 2_000 }),
    );
  });

  it('when the circuit is open, then the fallback answers without calling fn', async () => {
    const { logs, factory } = setup({ defaults: { failureThreshold: 1 } });
    const fn = failing();
    const fallback = jest.fn(async () => 'from cache');
    const breaker = factory.create('usda', fn, { fallback: { name: 'usda-cache', fn: fallback } });
    await breaker.call();
    await expect(breaker.call()).resolves.toBe('from cache');
    expect(fn).toHaveBeenCalledTimes(1);
    expect(fallback).toHaveBeenCalledTimes(2);
    expect(logs.at(-1)).toEqual(expect.objectContaining({ fallback: 'usda-cache', reason: 'rejected' }));
  });
});

describe('breaker factory', () => {
  it('when two factories use two registries, then each registry has its own metrics', async () => {
    const first = setup();
    const second = setup();
    await first.factory.create('a', async () => 1).call();
    second.factory.create('b', async () => 2);
    expect(await calls(first.registry, 'a', 'success')).toBe(1);
    expect(await calls(second.registry, 'a', 'success')).toBeUndefined();
    expect(await stateGauge(second.registry, 'b')).toBe(0);
  });

  it('when two breakers share a factory, then they share one metric with a label each', async () => {
    const { registry, factory } = setup({ defaults: { failureThreshold: 1 } });
    await factory.create('a', async () => 1).call();
    await factory
      .create('b', failing())
      .call()
      .catch(() => undefined);
    const state = await registry.getSingleMetric('breaker_state')?.get();
    expect(state?.values).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ labels: { breaker: 'a' }, value: 0 }),
        expect.objectContaining({ labels: { breaker: 'b' }, value: 2 }),
      ]),
    );
  });

  it('when a second factory uses the same registry, then it reuses the metrics', async () => {
    const { registry, factory } = setup();
    const other = createBreakerFactory({ registry, logger: pino({ level: 'silent' }) });
    await factory.create('a', async () => 1).call();
    await other.create('b', async () => 1).call();
    expect(await calls(registry, 'a', 'success')).toBe(1);
    expect(await calls(registry, 'b', 'success')).toBe(1);
  });

  it('when a metric name is taken by another type, then creating the factory fails loudly', () => {
    const registry = new Registry();
    new Counter({ name: 'breaker_state', help: 'not a gauge', registers: [registry] });
    expect(() => createBreakerFactory({ registry, logger: pino({ level: 'silent' }) })).toThrow(
      'metric breaker_state is already registered with another type',
    );
  });

  it('when a name is used twice, then create refuses', () => {
    const { factory } = setup();
    factory.create('usda', async () => 1);
    expect(() => factory.create('usda', async () => 2)).toThrow('a breaker named usda already exists');
  });

  it('when shut down, then no reset timer is left waiting', async () => {
    const { clock, factory } = setup({ defaults: { failureThreshold: 1 } });
    const breaker = factory.create('usda', failing());
    await breaker.call().catch(() => undefined);
    expect(clock.pendingDelays()).toEqual([30_000]);
    factory.shutdown();
    expect(clock.pendingDelays()).toEqual([]);
  });

  it('when no clock is given, then real timers are used', async () => {
    const factory = createBreakerFactory({ registry: new Registry(), logger: pino({ level: 'silent' }) });
    const breaker = factory.create('real', async (n: number) => n * 2, { timeoutMs: 1_000 });
    await expect(breaker.call(21)).resolves.toBe(42);
    factory.shutdown();
  });
});
