import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ExecutionRequest, ExecutionResult } from '../tool-executor.js';
import { LocalSandboxExecutor } from './local-sandbox-executor.js';
import { runnerSpawnOptions } from './runner-spawn.js';

// The escape suite: hostile tools run through the real LocalSandboxExecutor and the built tool-runner
// (`npx tsc -b` first). Each must end with the right status while this process and other executions carry
// on: resource bombs run beside a benign tool, and every group ends by running one.
const RUNNER = path.join(process.cwd(), 'services/tool-runner/dist/main.js');

const BENIGN = '(input, data) => ({ sum: input.n + data.items.reduce((total, item) => total + item, 0) })';
const BENIGN_OUTPUT = { sum: 8 };
const FAST = { timeoutMs: 400 };
// Memory bombs get a small heap and enough time to fill it, so they meet the memory limit first.
const SMALL_HEAP = { memoryMb: 8, timeoutMs: 10_000 };
const MIB = 1024 * 1024;

let executor: LocalSandboxExecutor;
const pids = new Map<string, number>();
let sequence = 0;

beforeAll(async () => {
  if (!existsSync(RUNNER)) {
    throw new Error(`${RUNNER} is missing: build with \`npx tsc -b\` before the integration tests`);
  }
  executor = new LocalSandboxExecutor({
    runnerPath: RUNNER,
    warmPoolSize: 2,
    maxConcurrent: 2,
    onExecutionStarted: ({ executionId, pid }) => pids.set(executionId, pid),
  });
  await executor.warmUp(60_000);
});

afterAll(async () => {
  await executor.close();
});

interface RunOptions {
  limits?: Partial<ExecutionRequest['limits']>;
  input?: unknown;
  data?: Record<string, unknown>;
  tool?: Partial<ExecutionRequest['tool']>;
  executionId?: string;
}

function sha256(code: string): string {
  return createHash('sha256').update(code, 'utf8').digest('hex');
}

function requestFor(code: string, options: RunOptions = {}): ExecutionRequest {
  sequence += 1;
  return {
    executionId: options.executionId ?? `escape-${sequence}`,
    tool: { id: 'tool-under-test', version: 1, sha256: sha256(code), code, ...options.tool },
    input: 'input' in options ? options.input : { n: 2 },
    data: options.data ?? { items: [1, 2, 3] },
    limits: { timeoutMs: 2_000, memoryMb: 16, maxOutputBytes: 4_096, ...options.limits },
  };
}

function run(code: string, options: RunOptions = {}): Promise<ExecutionResult> {
  return executor.execute(requestFor(code, options));
}

async function expectBenignStillRuns(): Promise<void> {
  const { status, output, error } = await run(BENIGN);
  // The error is compared too, so that a failure says why.
  expect({ status, output, error }).toEqual({ status: 'succeeded', output: BENIGN_OUTPUT, error: undefined });
}

/** Runs the hostile tool with a benign one at the same time; the benign one must not notice. */
async function runBesideBenign(code: string, options: RunOptions = {}): Promise<ExecutionResult> {
  const [hostile, benign] = await Promise.all([run(code, options), run(BENIGN)]);
  expect({ status: benign.status, output: benign.output, error: benign.error }).toEqual({
    status: 'succeeded',
    output: BENIGN_OUTPUT,
    error: undefined,
  });
  return hostile;
}

interface Expected {
  status: ExecutionResult['status'];
  code?: string;
  message?: string;
  /** Another acceptable ending, e.g. a job cap reached before the deadline on a fast machine. */
  or?: { status: ExecutionResult['status']; code: string };
}

function expectOutcome(result: ExecutionResult, expected: Expected): void {
  if (expected.or && result.status === expected.or.status) {
    expect(result.error?.code).toBe(expected.or.code);
    expect(result.output).toBeUndefined();
    return;
  }
  expect({ status: result.status, error: result.error }).toMatchObject({ status: expected.status });
  if (expected.code !== undefined) expect(result.error?.code).toBe(expected.code);
  if (expected.message !== undefined) expect(result.error?.message).toContain(expected.message);
  if (expected.status !== 'succeeded') expect(result.output).toBeUndefined();
}

describe('escape suite: CPU and promises', () => {
  it.each<[string, string, Expected]>([
    ['an infinite loop', 'function run() { while (true) {} }', { status: 'timeout', code: 'TIMEOUT' }],
    [
      'a catastrophically backtracking regex',
      "() => /(a+)+$/.test('a'.repeat(40) + 'b')",
      { status: 'timeout', code: 'TIMEOUT' },
    ],
    ['a toJSON that never returns', '() => ({ toJSON() { for (;;) {} } })', { status: 'timeout' }],
    [
      'an endless microtask chain',
      'function run() { const spin = () => Promise.resolve().then(spin); spin(); return new Promise(() => {}); }',
      // Which limit trips first depends on the machine's speed: the deadline or the job cap.
      { status: 'timeout', or: { status: 'failed', code: 'JOB_LIMIT' } },
    ],
    ['an endless await loop', 'async () => { for (;;) await null; }', { status: 'timeout' }],
    [
      'a promise that can never settle',
      '() => new Promise(() => {})',
      { status: 'failed', code: 'PROMISE_NEVER_SETTLED' },
    ],
  ])(
    'when the tool runs %s, then it is stopped and a benign tool beside it is unaffected',
    async (_name, code, expected) => {
      const startedAt = Date.now();

      const result = await runBesideBenign(code, { limits: FAST });

      expectOutcome(result, expected);
      expect(Date.now() - startedAt).toBeLessThan(30_000);
    },
  );

  it('when the group is over, then a benign tool still runs', expectBenignStillRuns);
});

describe('escape suite: memory', () => {
  it.each<[string, string]>([
    ['an array grows without end', '() => { const a = []; for (;;) a.push({ n: a.length }); }'],
    ['an object gains keys without end', '() => { const o = {}; for (let i = 0; ; i++) o["k" + i] = i; }'],
    ['a string doubles without end', '() => { let s = "x"; for (;;) s += s; }'],
    ['a string far beyond the heap is materialised', '() => "x".repeat(64 * 1024 * 1024).length'],
    [
      'many 1 MB strings are kept',
      '() => { const kept = []; for (;;) kept.push("x".repeat(1 << 20) + kept.length); }',
    ],
    ['one huge buffer is allocated', '() => new ArrayBuffer(256 * 1024 * 1024).byteLength'],
  ])('when %s, then the run ends as oom and a benign tool beside it is unaffected', async (_name, code) => {
    const result = await runBesideBenign(code, { limits: SMALL_HEAP });

    expectOutcome(result, { status: 'oom', code: 'OUT_OF_MEMORY' });
  });

  it('when the group is over, then a benign tool still runs', expectBenignStillRuns);
});

describe('escape suite: stack', () => {
  it.each<[string, string]>([
    ['plain recursion', 'function run() { function down(n) { return down(n + 1) + 1; } return down(0); }'],
    ['recursion through a getter', '() => { const o = { get x() { return o.x; } }; return o.x; }'],
    [
      'recursion through proxy traps',
      '() => { const p = new Proxy({}, { get: (t, k) => p[k] }); return p.x; }',
    ],
    ['parsing deeply nested literals', '() => eval("[".repeat(100000) + "]".repeat(100000))'],
  ])('when the tool goes deep through %s, then it fails as STACK_OVERFLOW', async (_name, code) => {
    const result = await runBesideBenign(code);

    expectOutcome(result, { status: 'failed', code: 'STACK_OVERFLOW' });
  });

  it('when the group is over, then a benign tool still runs', expectBenignStillRuns);
});

describe('escape suite: output', () => {
  it.each<[string, string, Expected]>([
    [
      'larger than maxOutputBytes',
      '() => "x".repeat(100000)',
      { status: 'invalid-output', code: 'OUTPUT_TOO_LARGE' },
    ],
    ['a function', '() => function () {}', { status: 'invalid-output', code: 'INVALID_OUTPUT' }],
    [
      'a cycle',
      '() => { const o = {}; o.self = o; return o; }',
      { status: 'invalid-output', code: 'INVALID_OUTPUT' },
    ],
    [
      'a BigInt',
      '() => ({ n: 10n })',
      { status: 'invalid-output', code: 'INVALID_OUTPUT', message: 'bigint' },
    ],
    [
      'undefined',
      '() => undefined',
      { status: 'invalid-output', code: 'INVALID_OUTPUT', message: 'undefined' },
    ],
  ])('when the output is %s, then the run is invalid-output', async (_name, code, expected) => {
    expectOutcome(await run(code), expected);
  });

  it('when the tool floods its logs, then they are cut at the cap and the run still succeeds', async () => {
    const result = await runBesideBenign(
      '() => { for (let i = 0; i < 1e6; i++) console.log("line", i, "x".repeat(100)); return "done"; }',
      { limits: { timeoutMs: 5_000 } },
    );

    expect(result).toMatchObject({ status: 'succeeded', output: 'done' });
    expect(result.logs?.at(-1)).toContain('logs truncated');
    expect(JSON.stringify(result.logs).length).toBeLessThan(20_000);
  });

  it('when the group is over, then a benign tool still runs', expectBenignStillRuns);
});

describe('escape suite: reaching for the host', () => {
  it.each<[string, string, string]>([
    [
      'the Function constructor',
      'function run() { return this.constructor.constructor("return process")(); }',
      'process',
    ],
    ['eval', '() => eval("process").env', 'process'],
    ['require', '() => require("fs").readFileSync("/etc/passwd", "utf8")', 'require'],
    ['process', '() => process.env', 'process'],
    ['fetch', '() => fetch("http://169.254.169.254/latest/meta-data/")', 'fetch'],
    ['WebAssembly', '() => WebAssembly.compile(new Uint8Array([0, 97, 115, 109]))', 'WebAssembly'],
    ['SharedArrayBuffer', '() => new SharedArrayBuffer(8)', 'SharedArrayBuffer'],
    ['Atomics', '() => Atomics.wait(new Int32Array(new ArrayBuffer(4)), 0, 0, 1000)', 'Atomics'],
    ['timers', '() => setTimeout(() => {}, 10)', 'setTimeout'],
  ])(
    'when the tool reaches for the host through %s, then it is not defined',
    async (_name, code, missing) => {
      expectOutcome(await run(code), {
        status: 'failed',
        code: 'TOOL_ERROR',
        message: `'${missing}' is not defined`,
      });
    },
  );

  it('when the tool imports a module dynamically, then the import is rejected', async () => {
    const result = await run('async () => (await import("fs")).readFileSync("/etc/passwd", "utf8")');

    expectOutcome(result, { status: 'failed', code: 'TOOL_ERROR', message: "could not load module 'fs'" });
  });

  it('when the tool enumerates globalThis, then only language built-ins and the console are there', async () => {
    const code = `() => {
      const g = Function("return globalThis")();
      const hostOnly = ["process", "require", "module", "global", "Buffer", "fetch", "WebAssembly",
        "SharedArrayBuffer", "Atomics", "setTimeout", "setImmediate", "queueMicrotask", "performance", "std", "os"]
        .filter((name) => typeof g[name] !== "undefined");
      const lowerCase = Object.getOwnPropertyNames(g).filter((name) => !/^[A-Z]/.test(name)).sort();
      return { hostOnly, lowerCase };
    }`;

    const result = await run(code);

    expect(result.output).toEqual({
      hostOnly: [],
      lowerCase: [
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
      ],
    });
  });

  it('when the tool installs Error.prepareStackTrace to catch host frames, then it never sees one', async () => {
    const code = `() => {
      let called = false;
      Error.prepareStackTrace = (error, frames) => { called = true; return frames; };
      const stack = new Error("probe").stack;
      return { called, stackType: typeof stack, process: typeof process };
    }`;

    expect(await run(code)).toMatchObject({
      status: 'succeeded',
      output: { called: false, stackType: 'string', process: 'undefined' },
    });
  });

  it('when the tool climbs arguments.callee.caller, then there is no caller to reach', async () => {
    const code = `function run() {
      function probe() { return arguments.callee.caller; }
      const caller = probe();
      return { caller: typeof caller, runCaller: typeof run.caller };
    }`;

    expect(await run(code)).toMatchObject({
      status: 'succeeded',
      output: { caller: 'undefined', runCaller: 'undefined' },
    });
  });

  it('when the tool asks for the clock, then it is refused', async () => {
    expectOutcome(await run('() => Date.now()'), {
      status: 'failed',
      code: 'TOOL_ERROR',
      message: 'clock is not available',
    });
  });

  it('when the group is over, then a benign tool still runs', expectBenignStillRuns);
});

describe('escape suite: state and data between executions', () => {
  it('when a tool pollutes Object.prototype, Array.prototype, JSON and globals, then the next execution starts clean', async () => {
    const polluter = `() => {
      Object.prototype.polluted = "yes";
      Array.prototype.map = () => "hijacked";
      JSON.parse = () => ({ hijacked: true });
      JSON.stringify = () => "{not json";
      globalThis.leak = 1;
      return { ok: true };
    }`;
    expect(await run(polluter)).toMatchObject({ status: 'succeeded', output: { ok: true } });

    const observer = `(input) => ({
      polluted: typeof ({}).polluted,
      mapped: [1].map((x) => x + 1),
      leak: typeof leak,
      parsed: JSON.parse('{"a":1}'),
      input,
    })`;

    expect(await run(observer, { input: { n: 1 } })).toMatchObject({
      status: 'succeeded',
      output: { polluted: 'undefined', mapped: [2], leak: 'undefined', parsed: { a: 1 }, input: { n: 1 } },
    });
  });

  it('when crafted input names another user, then the tool still sees only the data it was handed', async () => {
    const snoop = `(input, data) => ({
      asked: input.userId,
      saw: data,
      handles: Object.getOwnPropertyNames(globalThis).filter((n) => /db|knex|pg|sql|redis|user|secret|env/i.test(n)),
    })`;

    const result = await run(snoop, {
      input: { userId: 'someone-else', table: 'food_entries', where: '1=1' },
      data: { food_entries: [{ kcal: 500 }] },
    });

    expect(result).toMatchObject({
      status: 'succeeded',
      output: { asked: 'someone-else', saw: { food_entries: [{ kcal: 500 }] }, handles: [] },
    });
  });

  it('when the code is not the approved version (digest mismatch), then nothing runs', async () => {
    const result = await run('() => "swapped in"', { tool: { sha256: sha256('() => "approved"') } });

    expectOutcome(result, { status: 'failed', code: 'SHA256_MISMATCH' });
  });

  it('when the group is over, then a benign tool still runs', expectBenignStillRuns);
});

describe('escape suite: malformed requests, unicode and long names', () => {
  it.each<[string, RunOptions & { code?: string }, string]>([
    ['the code is empty', { code: '' }, 'code'],
    ['the code is oversized', { code: `() => 1; // ${'x'.repeat(300 * 1024)}` }, 'code'],
    ['the input is missing', { input: undefined }, 'input'],
    ['a limit is out of range', { limits: { memoryMb: 4_096 } }, 'memoryMb'],
    ['the tool id is very long', { tool: { id: 'ツ'.repeat(10_000) } }, 'id'],
  ])('when %s, then the runner refuses the request as BAD_REQUEST', async (_name, options, field) => {
    const result = await run(options.code ?? BENIGN, options);

    expectOutcome(result, { status: 'failed', code: 'BAD_REQUEST', message: field });
  });

  it('when the request is larger than the runner reads, then it is refused without harm', async () => {
    const result = await run(BENIGN, { data: { items: [1], blob: 'x'.repeat(9 * MIB) } });

    expectOutcome(result, { status: 'failed', code: 'BAD_REQUEST', message: 'larger than' });
  });

  it('when the code has a syntax error, then it fails as SYNTAX_ERROR', async () => {
    expectOutcome(await run('function run( {'), { status: 'failed', code: 'SYNTAX_ERROR' });
  });

  it('when names and values are unicode, then they round-trip intact', async () => {
    const code = '(input) => ({ "名前": input["😀"] + "✓", lone: "\\uD800", rtl: "\\u202Eevil" })';

    const result = await run(code, {
      executionId: `run-😀-${sequence}`,
      tool: { id: `outil-été-ツール-${'é'.repeat(150)}` },
      input: { '😀': 'smile' },
    });

    expect(result).toMatchObject({
      status: 'succeeded',
      output: { 名前: 'smile✓', lone: '\uD800', rtl: '\u202Eevil' },
    });
  });

  it('when identifiers and keys are very long, then the tool still runs', async () => {
    const name = `v${'a'.repeat(10_000)}`;
    const code = `const ${name} = 40; function run() { return { ["k".repeat(2000)]: ${name} + 2 }; }`;

    const result = await run(code);

    expect(result.error).toBeUndefined();
    expect(result).toMatchObject({ status: 'succeeded', output: { ['k'.repeat(2000)]: 42 } });
  });

  it('when the group is over, then a benign tool still runs', expectBenignStillRuns);
});

describe('escape suite: the runner process itself', () => {
  it('when this process holds a secret, then a process spawned the runner’s way sees no environment at all', async () => {
    process.env.HA_TEST_SECRET = 'sk-test-must-not-leak';
    const directory = await mkdtemp(path.join(tmpdir(), 'ha-env-check-'));
    try {
      const child = spawn(
        process.execPath,
        ['-e', 'process.stdout.write(JSON.stringify({ env: process.env, cwd: process.cwd() }))'],
        runnerSpawnOptions(directory),
      );
      let stdout = '';
      child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
      });
      await new Promise((resolve) => child.once('close', resolve));

      expect(JSON.parse(stdout)).toEqual({ env: {}, cwd: directory });
    } finally {
      delete process.env.HA_TEST_SECRET;
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('when a tool looks for secrets, then there is nothing to find', async () => {
    process.env.HA_TEST_SECRET = 'sk-test-must-not-leak';
    try {
      const code = `() => {
        const g = Function("return this")();
        return [typeof process, typeof g.HA_TEST_SECRET, JSON.stringify(Object.keys(g)).includes("sk-test")];
      }`;

      expect(await run(code)).toMatchObject({
        status: 'succeeded',
        output: ['undefined', 'undefined', false],
      });
    } finally {
      delete process.env.HA_TEST_SECRET;
    }
  });

  it('when the runner is killed from outside mid-run, then the result is RUNNER_CRASHED and the executor carries on', async () => {
    const request = requestFor('function run() { while (true) {} }', { limits: { timeoutMs: 30_000 } });
    const running = executor.execute(request);
    let pid: number | undefined;
    for (let attempt = 0; attempt < 200 && pid === undefined; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      pid = pids.get(request.executionId);
    }
    if (pid === undefined) throw new Error('the runner never reported its pid');
    await new Promise((resolve) => setTimeout(resolve, 200));

    process.kill(pid, 'SIGKILL');
    const result = await running;

    expectOutcome(result, { status: 'failed', code: 'RUNNER_CRASHED', message: 'SIGKILL' });
    await expectBenignStillRuns();
  });
});

describe('escape suite: many executions', () => {
  it('when 200 executions run in a row, then this process’s memory stays flat', async () => {
    const kinds: Array<[string, Expected]> = [
      [BENIGN, { status: 'succeeded' }],
      ['() => { throw new Error("nope"); }', { status: 'failed', code: 'TOOL_ERROR' }],
      [BENIGN, { status: 'succeeded' }],
      ['() => ({ n: 1n })', { status: 'invalid-output', code: 'INVALID_OUTPUT' }],
    ];
    await expectBenignStillRuns();
    const before = process.memoryUsage();

    // Two lanes, each strictly one after another: the machine's two cores stay busy without oversubscribing.
    const lane = async (offset: number) => {
      for (let index = offset; index < 200; index += 2) {
        const [code, expected] = kinds[index % kinds.length] ?? [BENIGN, { status: 'succeeded' }];
        expectOutcome(await run(code, { data: { items: [1, 2, 3], index: [index] } }), expected);
      }
    };
    await Promise.all([lane(0), lane(1)]);

    const after = process.memoryUsage();
    expect(after.rss - before.rss).toBeLessThan(100 * MIB);
    expect(after.heapUsed - before.heapUsed).toBeLessThan(50 * MIB);
  }, 900_000);
});
