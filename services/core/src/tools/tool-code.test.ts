import { checkToolCode, toolCodeSha256 } from './tool-code.js';

describe('checkToolCode', () => {
  it.each([
    ['a function declaration named run', 'function run(input, data) { return input.a + 1; }'],
    ['a const arrow named run', 'const run = (input) => ({ ok: true });'],
    [
      'a let function named run, with helpers',
      'function helper(x) { return x * 2; }\nlet run = function (input) { return helper(input.n); };',
    ],
    ['an arrow expression', '(input, data) => data.items.length'],
    ['an anonymous function expression', 'function (input, data) { return 1; }'],
    ['an async arrow', 'async (input) => input'],
    [
      'modern syntax',
      'function run(i) { const { a = 1, ...rest } = i ?? {}; return [a, rest?.b ?? 0n, 1_000]; }',
    ],
    ['unicode identifiers and strings', 'function run(input) { const café = "🍎"; return café; }'],
    ['a script ending in a function expression after statements', 'const k = 2;\n(input) => input.x * k'],
  ])('when the code is %s, then it is accepted', (_what, code) => {
    expect(checkToolCode(code)).toEqual({ ok: true });
  });

  it('when the code does not parse, then the message says where', () => {
    const result = checkToolCode('function run(input) {\n  return input +;\n}');
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.message).toMatch(/^the code does not parse: .+ \(line 2, column \d+\)$/);
  });

  it.each([
    ['a module import', "import fs from 'fs';\nexport function run() {}"],
    ['an export', 'export default function run() {}'],
    ['top-level return', 'return 1;'],
    ['TypeScript', 'function run(input: number): number { return input; }'],
    ['JSX', 'function run() { return <div />; }'],
  ])('when the code is %s, then it is refused as not parsing as a script', (_what, code) => {
    const result = checkToolCode(code);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.message).toContain('does not parse');
  });

  it.each([
    ['no function at all', 'const x = 1;'],
    ['a function with another name', 'function main(input) { return input; }'],
    ['a call expression', 'this.constructor.constructor("return process")()'],
    ['an empty source', ''],
    ['only a comment', '// run'],
  ])('when the code has %s, then it is refused for not following the convention', (_what, code) => {
    expect(checkToolCode(code)).toEqual({
      ok: false,
      message:
        'the code must define a function named run, or be a function expression (input, data) => output',
    });
  });

  it('when hostile code parses, then it is accepted without being run (the sandbox decides its fate)', () => {
    let touched = false;
    const marker = () => {
      touched = true;
    };
    (globalThis as { __toolCodeMarker?: () => void }).__toolCodeMarker = marker;
    expect(checkToolCode('globalThis.__toolCodeMarker(); function run() { while (true) {} }')).toEqual({
      ok: true,
    });
    expect(touched).toBe(false);
    delete (globalThis as { __toolCodeMarker?: () => void }).__toolCodeMarker;
  });
});

describe('toolCodeSha256', () => {
  it('when code is hashed, then it is the lower-case hex sha256 of its UTF-8 bytes', () => {
    expect(toolCodeSha256('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(toolCodeSha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(toolCodeSha256('🍎')).toMatch(/^[0-9a-f]{64}$/);
    expect(toolCodeSha256('a')).not.toBe(toolCodeSha256('a '));
  });
});
