import type { QuickJSWASMModule } from 'quickjs-emscripten';
import { loadQuickJSForTests, testQuickJSVariant } from '../testing/quickjs.js';
import { toolRequest } from '../testing/tool-request.js';
import { runTool } from './run-tool.js';
import { loadSandboxModule } from './sandbox-module.js';

// Hostile tools: each must end as a clean result, never as a host crash, a hang, or a leak into later runs.

let quickjs: QuickJSWASMModule;

beforeAll(async () => {
  quickjs = await loadQuickJSForTests();
});

function run(code: string, overrides: Parameters<typeof toolRequest>[1] = {}) {
  return runTool(quickjs, toolRequest(code, overrides));
}

/** After every hostile run the same module must still run an ordinary tool. */
function expectHostAlive(): void {
  expect(run('(input) => input.n * 21')).toMatchObject({ status: 'succeeded', output: 42 });
}

const FAST_TIMEOUT = { timeoutMs: 150 };
// Memory bombs get a small heap and plenty of time, so they hit the memory limit rather than the deadline.
const SMALL_HEAP = { memoryMb: 8, timeoutMs: 20_000 };

describe('hostile tools: CPU', () => {
  it('when the tool loops forever, then it is interrupted at its deadline as a timeout', () => {
    const startedAt = performance.now();

    const result = run('function run() { while (true) {} }', { limits: FAST_TIMEOUT });

    expect(result).toMatchObject({ status: 'timeout', error: { code: 'TIMEOUT' } });
    expect(performance.now() - startedAt).toBeLessThan(1_500);
    expectHostAlive();
  });

  it('when a regular expression backtracks catastrophically, then it is interrupted as a timeout', () => {
    const result = run("() => /(a+)+$/.test('a'.repeat(40) + 'b')", { limits: FAST_TIMEOUT });

    expect(result).toMatchObject({ status: 'timeout', error: { code: 'TIMEOUT' } });
    expectHostAlive();
  });

  it('when toJSON of the output loops forever, then serialising it times out', () => {
    expect(run('() => ({ toJSON() { for (;;) {} } })', { limits: FAST_TIMEOUT }).status).toBe('timeout');
  });
});

describe('hostile tools: promises', () => {
  it('when the tool feeds an endless microtask chain, then it ends as a timeout', () => {
    const code = `function run() {
      const spin = () => Promise.resolve().then(spin);
      spin();
      return new Promise(() => {});
    }`;

    expect(run(code, { limits: FAST_TIMEOUT })).toMatchObject({
      status: 'timeout',
      error: { code: 'TIMEOUT' },
    });
    expectHostAlive();
  });

  it('when the promise jobs exceed the job cap before the deadline, then it ends as a timeout with JOB_LIMIT', () => {
    const code = 'async () => { for (let i = 0; i < 10000; i++) { await null; } return 1; }';

    const result = runTool(quickjs, toolRequest(code), { maxPendingJobs: 500 });

    expect(result).toMatchObject({ status: 'timeout', error: { code: 'JOB_LIMIT' } });
  });

  it('when the returned promise can never settle, then the run fails with PROMISE_NEVER_SETTLED at once', () => {
    expect(run('() => new Promise(() => {})').error?.code).toBe('PROMISE_NEVER_SETTLED');
  });
});

describe('hostile tools: memory', () => {
  // Memory bombs run as the CLI runs them: in a module of their own whose WebAssembly memory is capped.
  async function runCapped(code: string, overrides: Parameters<typeof toolRequest>[1] = {}) {
    const request = toolRequest(code, { ...overrides, limits: { ...SMALL_HEAP, ...overrides.limits } });
    const sandbox = await loadSandboxModule(request, testQuickJSVariant);
    return runTool(sandbox.quickjs, request, { memory: sandbox.memory });
  }

  it.each([
    ['an array grows without end', '() => { const a = []; for (;;) a.push({ n: a.length }); }'],
    ['an object gains keys without end', '() => { const o = {}; for (let i = 0; ; i++) o["k" + i] = i; }'],
    [
      'many mid-sized arrays are kept',
      '() => { const kept = []; for (;;) kept.push(new Array(1000).fill(0)); }',
    ],
    ['many small arrays are kept', '() => { const kept = []; for (;;) kept.push(new Array(100).fill(0)); }'],
    [
      'many 1 MB strings are kept',
      '() => { const kept = []; for (;;) kept.push("x".repeat(1 << 20) + kept.length); }',
    ],
    [
      'many typed arrays are kept',
      '() => { const kept = []; for (;;) kept.push(new Uint8Array(512 * 1024)); }',
    ],
    ['a string is materialised far beyond the heap', '() => "x".repeat(64 * 1024 * 1024).length'],
    ['a string doubles without end', '() => { let s = "x"; for (;;) s += s; }'],
    ['one huge buffer is allocated', '() => new ArrayBuffer(256 * 1024 * 1024).byteLength'],
  ])('when %s, then the run ends as oom', async (_, code) => {
    const result = await runCapped(code);

    expect(result).toMatchObject({ status: 'oom', error: { code: 'OUT_OF_MEMORY' } });
  });

  it('when an uncapped module is shared, then QuickJS still refuses single allocations above memoryMb', () => {
    const result = run('() => new ArrayBuffer(64 * 1024 * 1024).byteLength', { limits: SMALL_HEAP });

    expect(result).toMatchObject({ status: 'oom', error: { code: 'OUT_OF_MEMORY' } });
    expectHostAlive();
  });

  it('when the tool logged before exhausting memory, then its logs are still returned', async () => {
    const code =
      '() => { console.log("before"); const kept = []; for (;;) kept.push(new Array(100).fill(0)); }';

    const result = await runCapped(code);

    expect(result).toMatchObject({ status: 'oom', logs: ['before'] });
  });

  it('when the tool catches its out-of-memory error and returns, then it succeeds within the ceiling', async () => {
    const code = `() => {
      let kept = [];
      try { for (;;) kept.push(new Array(1000).fill(0)); } catch (e) { const count = kept.length; kept = null; return count; }
    }`;

    const result = await runCapped(code);

    expect(result.status).toBe('succeeded');
    expect(result.output).toBeLessThan(2_000);
  });

  it('when the input is larger than the heap, then the run ends as oom', async () => {
    const data = { rows: Array.from({ length: 200_000 }, (_, index) => ({ index, label: `row ${index}` })) };

    expect((await runCapped('(input, data) => data.rows.length', { data })).status).toBe('oom');
  });
});

describe('hostile tools: stack', () => {
  it('when the tool recurses without end, then QuickJS stops it cleanly and the host stays alive', () => {
    const result = run('function run() { function down(n) { return down(n + 1) + 1; } return down(0); }');

    expect(result).toMatchObject({ status: 'failed', error: { code: 'STACK_OVERFLOW' } });
    expectHostAlive();
  });

  it.each([
    ['through getters', '() => { const o = { get x() { return o.x; } }; return o.x; }'],
    ['through Array.prototype.map', '() => { const f = () => [1].map(f); return f(); }'],
    ['through toString', '() => { const o = { toString() { return String(o); } }; return String(o); }'],
    ['through proxy traps', '() => { const p = new Proxy({}, { get: (t, k) => p[k] }); return p.x; }'],
  ])('when recursion runs %s, then it ends as STACK_OVERFLOW', (_, code) => {
    expect(run(code).error?.code).toBe('STACK_OVERFLOW');
    expectHostAlive();
  });

  it('when nesting exhausts the host stack before QuickJS notices, then the run fails cleanly', async () => {
    // Parsing nested array literals spends ~21 bytes of host stack per byte QuickJS counts; with a 1 MiB QuickJS
    // limit on the test thread's default stack the host runs out first. The CLI avoids this by sizing its
    // sandbox thread's stack; in-process the run must still end as a result, not a crash.
    const doomed = await loadQuickJSForTests();
    const code = '() => eval("[".repeat(100000) + "]".repeat(100000))';

    const result = runTool(doomed, toolRequest(code, { limits: { maxStackBytes: 1024 * 1024 } }));

    expect(result).toMatchObject({ status: 'failed', error: { code: 'HOST_STACK_OVERFLOW' } });
    expectHostAlive();
  });
});

describe('hostile tools: output', () => {
  it('when the output is larger than maxOutputBytes, then the run is invalid-output', () => {
    const result = run('() => "x".repeat(100000)');

    expect(result).toMatchObject({ status: 'invalid-output', error: { code: 'OUTPUT_TOO_LARGE' } });
    expect(result.output).toBeUndefined();
  });

  it('when the output fits in characters but not in UTF-8 bytes, then the run is invalid-output', () => {
    expect(run('() => "€".repeat(30000)').error?.code).toBe('OUTPUT_TOO_LARGE');
  });

  it.each([
    ['a function', '() => function () {}', 'the output is a function'],
    ['a nested function', '() => ({ ok: 1, f() {} })', 'the value at key "f" is a function'],
    ['a BigInt', '() => ({ n: 10n })', 'the value at key "n" is a bigint'],
    ['a symbol', '() => [Symbol("s")]', 'the value at key "0" is a symbol'],
    ['undefined', '() => undefined', 'the tool returned undefined'],
    ['a cycle', '() => { const o = {}; o.self = o; return o; }', 'circular reference'],
  ])('when the output is %s, then the run is invalid-output with the reason', (_, code, reason) => {
    const result = run(code);

    expect(result).toMatchObject({ status: 'invalid-output', error: { code: 'INVALID_OUTPUT' } });
    expect(result.error?.message).toContain(reason);
  });

  it('when toJSON throws while the output is serialised, then the run is invalid-output', () => {
    expect(run('() => ({ toJSON() { throw new Error("nope"); } })').error).toEqual({
      code: 'INVALID_OUTPUT',
      message: 'serialising the output threw Error: nope',
    });
  });

  it('when the output nests deeper than the host accepts, then the run is invalid-output', () => {
    const code = '() => { let v = 0; for (let i = 0; i < 600; i++) v = [v]; return v; }';

    expect(run(code).error?.message).toContain('deeper than 512 levels');
  });

  it('when the tool replaces JSON.stringify, then its output is still serialised by the real one', () => {
    const code = '() => { JSON.stringify = () => "{not json"; JSON.parse = () => 0; return { ok: true }; }';

    expect(run(code)).toMatchObject({ status: 'succeeded', output: { ok: true } });
  });
});

describe('hostile tools: escape attempts', () => {
  it('when the tool climbs to the Function constructor for process, then there is no process', () => {
    const result = run('function run() { return this.constructor.constructor("return process")(); }');

    expect(result).toMatchObject({ status: 'failed', error: { code: 'TOOL_ERROR' } });
    expect(result.error?.message).toContain("'process' is not defined");
  });

  it('when the tool reaches globalThis through Function, then it holds no host capability', () => {
    const code = `() => {
      const g = Function("return globalThis")();
      return ["process", "require", "module", "fetch", "XMLHttpRequest", "WebAssembly", "SharedArrayBuffer",
        "Atomics", "setTimeout", "setInterval", "queueMicrotask", "std", "os", "Buffer", "performance"]
        .filter((name) => typeof g[name] !== "undefined");
    }`;

    expect(run(code).output).toEqual([]);
  });

  it('when the tool lists the globals, then only language built-ins and the console are there', () => {
    const code = '() => Object.getOwnPropertyNames(globalThis).filter((n) => !/^[A-Z]/.test(n)).sort()';

    expect(run(code).output).toEqual([
      'console',
      'decodeURI',
      'decodeURIComponent',
      'encodeURI',
      'encodeURIComponent',
      'escape',
      'eval',
      'globalThis',
      'isFinite',
      'isNaN',
      'parseFloat',
      'parseInt',
      'undefined',
      'unescape',
    ]);
  });

  it('when the tool calls require, then it fails with a ReferenceError', () => {
    expect(run('() => require("fs")').error?.message).toContain("'require' is not defined");
  });

  it('when the tool imports a module dynamically, then the import is rejected', () => {
    const result = run('async () => (await import("fs")).readFileSync("/etc/passwd", "utf8")');

    expect(result).toMatchObject({ status: 'failed', error: { code: 'TOOL_ERROR' } });
    expect(result.error?.message).toContain("could not load module 'fs'");
  });

  it('when a previous run polluted prototypes and globals, then the next run starts clean', () => {
    const polluter = `() => {
      Object.prototype.polluted = "yes";
      Array.prototype.map = () => "hijacked";
      JSON.parse = () => ({ hijacked: true });
      globalThis.leak = 1;
      return 1;
    }`;
    expect(run(polluter).status).toBe('succeeded');

    const observer = '(input) => [({}).polluted, [1].map((x) => x + 1), typeof leak, input]';

    expect(run(observer, { input: { n: 1 } }).output).toEqual([null, [2], 'undefined', { n: 1 }]);
  });
});

describe('hostile tools: logs', () => {
  it('when the tool floods console.log, then the logs stop at maxLogBytes with a marker', () => {
    const code = '() => { for (let i = 0; i < 100000; i++) console.log("line", i); return "done"; }';

    const result = run(code, { limits: { maxLogBytes: 4096 } });

    expect(result).toMatchObject({ status: 'succeeded', output: 'done' });
    expect(result.logs.at(-1)).toBe('[logs truncated: limit of 4096 bytes reached]');
    const bytes = result.logs.slice(0, -1).reduce((total, line) => total + Buffer.byteLength(line), 0);
    expect(bytes).toBeLessThanOrEqual(4096);
  });

  it('when one log line is enormous, then it is cut and marked', () => {
    const result = run('() => { console.log("y".repeat(1e6)); console.log("after"); return 1; }', {
      limits: { maxLogBytes: 100 },
    });

    expect(result.logs).toEqual(['y'.repeat(99), '[logs truncated: limit of 100 bytes reached]']);
  });

  it('when logs are disabled with maxLogBytes 0, then only the marker is returned', () => {
    expect(run('() => { console.log("x"); return 1; }', { limits: { maxLogBytes: 0 } }).logs).toEqual([
      '[logs truncated: limit of 0 bytes reached]',
    ]);
  });
});
