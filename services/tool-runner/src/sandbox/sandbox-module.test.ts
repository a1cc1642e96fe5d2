import { toolRequest } from '../testing/tool-request.js';
import {
  cleanupReserveBytes,
  sandboxMemoryPages,
  sandboxMemoryPagesFor,
  watchMemory,
} from './sandbox-module.js';

const MIB = 1024 * 1024;
const PAGE = 64 * 1024;

describe('sandboxMemoryPages', () => {
  it('when the limits are the defaults, then the ceiling covers the module, the heap and the reserve', () => {
    const request = toolRequest('() => 1');

    const pages = sandboxMemoryPages(request);

    expect(pages.initial).toBe(256);
    expect(pages.maximum * PAGE).toBeGreaterThanOrEqual(32 * MIB + 6 * MIB + cleanupReserveBytes(request));
    expect(pages.maximum * PAGE).toBeLessThan(48 * MIB);
  });

  it('when memoryMb grows, then the ceiling grows with it', () => {
    const small = sandboxMemoryPages(toolRequest('() => 1', { limits: { memoryMb: 8 } }));
    const large = sandboxMemoryPages(toolRequest('() => 1', { limits: { memoryMb: 256 } }));

    expect((large.maximum - small.maximum) * PAGE).toBe(248 * MIB);
  });

  it('when the input is large, then room for copying it in is added', () => {
    const empty = sandboxMemoryPages(toolRequest('() => 1', { data: {} }));
    const large = sandboxMemoryPages(toolRequest('() => 1', { data: { text: 'x'.repeat(4 * MIB) } }));

    expect((large.maximum - empty.maximum) * PAGE).toBeGreaterThanOrEqual(8 * MIB);
  });

  it('when the ceiling would be below what the module starts with, then it is the starting size', () => {
    const pages = sandboxMemoryPages(
      toolRequest('() => 1', { limits: { memoryMb: 4, maxLogBytes: 0, maxOutputBytes: 16 } }),
    );

    expect(pages.maximum).toBe(pages.initial);
  });
});

describe('watchMemory', () => {
  it('when growing succeeds, then nothing is reported', () => {
    const memory = { grow: (delta: number) => delta };
    const watch = watchMemory(memory);

    expect(memory.grow(3)).toBe(3);
    expect(watch.growthRefused()).toBe(false);
  });

  it('when the memory refuses to grow, then the refusal is recorded and the error still reaches the caller', () => {
    const memory = {
      grow: (delta: number): number => {
        throw new RangeError(`Maximum memory size exceeded growing by ${delta} pages`);
      },
    };
    const watch = watchMemory(memory);

    expect(() => memory.grow(1)).toThrow(RangeError);
    expect(watch.growthRefused()).toBe(true);
  });
});

describe('sandboxMemoryPagesFor', () => {
  it('when given the request’s limits and payload size, then it agrees with sandboxMemoryPages', () => {
    const request = toolRequest('() => 1', { input: { n: 1 }, data: { text: 'x'.repeat(100_000) } });
    const payloadBytes = Buffer.byteLength(JSON.stringify([request.input, request.data]));

    expect(sandboxMemoryPagesFor(request.limits, payloadBytes)).toEqual(sandboxMemoryPages(request));
  });
});
