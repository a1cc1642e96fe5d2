import { checkToolOutput } from './tool-output.js';

describe('checkToolOutput', () => {
  it.each([
    ['null', null],
    ['a number', 42.5],
    ['a string with emoji', '🍎 ok'],
    ['a boolean', false],
    ['nested arrays and objects', { a: [1, { b: null }], c: 'x' }],
    ['an object without prototype', Object.assign(Object.create(null), { a: 1 })],
  ])('when the output is %s, then it is accepted', (_what, output) => {
    expect(checkToolOutput(output, 1024)).toEqual({
      ok: true,
      bytes: Buffer.byteLength(JSON.stringify(output)),
    });
  });

  const cycle: Record<string, unknown> = {};
  cycle.self = cycle;
  class Point {
    x = 1;
  }

  it.each([
    ['undefined', undefined],
    ['a function', () => 1],
    ['a BigInt', 10n],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['a symbol', Symbol('x')],
    ['a cycle', cycle],
    ['a Date', new Date(0)],
    ['a class instance', new Point()],
    ['a Map', new Map()],
    ['an array hole of undefined', [1, undefined]],
    ['an object holding undefined', { a: undefined }],
    ['an object holding a function', { a: () => 1 }],
  ])('when the output is %s, then it is not plain JSON', (_what, output) => {
    expect(checkToolOutput(output, 1024)).toMatchObject({ ok: false, code: 'OUTPUT_NOT_JSON' });
  });

  it('when the output nests deeper than 64 levels, then it is refused', () => {
    let deep: unknown = 1;
    for (let level = 0; level < 70; level += 1) deep = [deep];
    expect(checkToolOutput(deep, 1_000_000)).toMatchObject({ ok: false, code: 'OUTPUT_NOT_JSON' });
  });

  it('when the same object appears twice without a cycle, then it is accepted', () => {
    const shared = { a: 1 };
    expect(checkToolOutput([shared, shared], 1024).ok).toBe(true);
  });

  it('when the output is larger than the cap in UTF-8 bytes, then it is refused with both sizes', () => {
    expect(checkToolOutput('x'.repeat(8), 10)).toEqual({ ok: true, bytes: 10 });
    expect(checkToolOutput('🍎🍎🍎', 10)).toEqual({
      ok: false,
      code: 'OUTPUT_TOO_LARGE',
      message: 'the tool output is 14 bytes; the limit is 10',
    });
  });
});
