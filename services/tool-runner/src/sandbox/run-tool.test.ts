import type { QuickJSWASMModule } from 'quickjs-emscripten';
import { loadQuickJSForTests } from '../testing/quickjs.js';
import { toolRequest } from '../testing/tool-request.js';
import { CLOCK_UNAVAILABLE_MESSAGE } from './guest-prelude.js';
import { runTool } from './run-tool.js';

let quickjs: QuickJSWASMModule;

beforeAll(async () => {
  quickjs = await loadQuickJSForTests();
});

function run(code: string, overrides: Parameters<typeof toolRequest>[1] = {}) {
  return runTool(quickjs, toolRequest(code, overrides));
}

describe('runTool: the tool code convention', () => {
  it('when the code declares function run, then it is called with input and data and its output returned', () => {
    const result = run('function run(input, data) { return { total: data.items.length + input.n }; }');

    expect(result).toMatchObject({
      executionId: 'exec-1',
      status: 'succeeded',
      output: { total: 5 },
      logs: [],
    });
    expect(result.error).toBeUndefined();
  });

  it('when the code is an arrow function expression, then that function is the tool', () => {
    expect(run('(input, data) => data.items.map((item) => item * input.n)').output).toEqual([2, 4, 6]);
  });

  it('when the code is an anonymous function expression, then it is evaluated as an expression', () => {
    expect(run('function (input) { return input.n + 1; }').output).toBe(3);
  });

  it('when the code binds run with const next to helpers, then run is the tool even if the script ends in a value', () => {
    const code = 'const double = (x) => x * 2;\nconst run = (input) => double(input.n);\n"not the tool";';

    expect(run(code).output).toBe(4);
  });

  it('when the tool is async, then the resolved value is the output', () => {
    expect(run('async function run(input) { await null; return { n: await input.n }; }').output).toEqual({
      n: 2,
    });
  });

  it('when the code defines no function, then it fails with NOT_A_FUNCTION', () => {
    expect(run('const total = 42; total').error?.code).toBe('NOT_A_FUNCTION');
  });

  it('when the tool returns a primitive or null, then that is the output', () => {
    expect(run('() => null')).toMatchObject({ status: 'succeeded', output: null });
    expect(run('() => "text"').output).toBe('text');
  });
});

describe('runTool: input and data', () => {
  it('when input and data are passed, then the tool sees plain guest objects parsed from JSON', () => {
    const code = `function run(input, data) {
      return [Object.getPrototypeOf(input) === Object.prototype, Array.isArray(data.items), typeof input.when];
    }`;

    expect(run(code, { input: { when: '2026-01-01' } }).output).toEqual([true, true, 'string']);
  });

  it('when the input carries a __proto__ key, then it stays an own property and pollutes nothing', () => {
    const input = JSON.parse('{"__proto__": {"isAdmin": true}}');
    const code = '(input) => [({}).isAdmin === undefined, Object.keys(input)]';

    expect(run(code, { input }).output).toEqual([true, ['__proto__']]);
  });

  it('when the input cannot be serialised as JSON, then the run fails as a bad request without running', () => {
    const input: Record<string, unknown> = {};
    input.self = input;

    expect(run('() => 1', { input }).error).toEqual({
      code: 'BAD_REQUEST',
      message: 'input and data must be JSON-serialisable',
    });
  });

  it('when the data nests deeper than 512 levels, then the run fails as a bad request', () => {
    const data = JSON.parse(`${'['.repeat(600)}${']'.repeat(600)}`);

    expect(run('() => 1', { data }).error?.code).toBe('BAD_REQUEST');
  });
});

describe('runTool: code integrity', () => {
  it('when the sha256 does not match the code, then nothing runs and the run fails with SHA256_MISMATCH', () => {
    const result = run('() => { console.log("ran"); return 1; }', { sha256: 'a'.repeat(64) });

    expect(result).toMatchObject({ status: 'failed', logs: [] });
    expect(result.error?.code).toBe('SHA256_MISMATCH');
    expect(result.error?.message).toContain('a'.repeat(64));
  });
});

describe('runTool: tool errors', () => {
  it('when the tool throws an Error, then the run fails with its name and message and no stack', () => {
    const result = run('function run() { throw new RangeError("no such food"); }');

    expect(result).toMatchObject({
      status: 'failed',
      error: { code: 'TOOL_ERROR', message: 'RangeError: no such food' },
    });
    expect(result.error?.message).not.toContain(' at ');
  });

  it('when the tool throws a non-Error value, then its text is the message', () => {
    expect(run('() => { throw "plain"; }').error).toEqual({ code: 'TOOL_ERROR', message: 'plain' });
  });

  it('when the top level of the script throws, then the run fails with TOOL_ERROR', () => {
    expect(run('throw new Error("at load"); function run() {}').error).toEqual({
      code: 'TOOL_ERROR',
      message: 'Error: at load',
    });
  });

  it('when the async tool rejects, then the run fails with the rejection', () => {
    expect(run('async () => { throw new Error("later"); }').error).toEqual({
      code: 'TOOL_ERROR',
      message: 'Error: later',
    });
  });

  it('when the error message is huge, then it is truncated', () => {
    const message = run('() => { throw new Error("x".repeat(50000)); }').error?.message ?? '';

    expect(message.length).toBeLessThan(1100);
    expect(message.endsWith('[truncated]')).toBe(true);
  });

  it('when describing the thrown value would hang, then the run still fails within the grace period', () => {
    const result = run('() => { throw { get message() { for (;;) {} } }; }');

    expect(result.error).toEqual({ code: 'TOOL_ERROR', message: 'the thrown value could not be described' });
  });

  it('when the code has a syntax error, then the run fails with SYNTAX_ERROR', () => {
    const result = run('function run(input { return 1; }');

    expect(result.status).toBe('failed');
    expect(result.error?.code).toBe('SYNTAX_ERROR');
    expect(result.error?.message).toMatch(/^SyntaxError: /);
  });

  it('when the code uses a static import, then it is a syntax error: tools are scripts, not modules', () => {
    expect(run('import fs from "fs"; export function run() {}').error?.code).toBe('SYNTAX_ERROR');
  });
});

describe('runTool: logs', () => {
  it('when the tool logs values, then each call becomes one line, objects as JSON', () => {
    const code =
      '() => { console.log("total", 3, { a: [1] }); console.error("err"); console.info(null); return 1; }';

    expect(run(code).logs).toEqual(['total 3 {"a":[1]}', 'err', 'null']);
  });

  it('when the tool fails after logging, then the logs are still returned', () => {
    const result = run('() => { console.log("before"); throw new Error("after"); }');

    expect(result).toMatchObject({ status: 'failed', logs: ['before'] });
  });

  it('when logs exceed maxLogBytes in multi-byte text, then the host cuts them by bytes and adds the marker', () => {
    const result = run('() => { console.log("€".repeat(40)); return 1; }', { limits: { maxLogBytes: 60 } });

    expect(result.logs).toEqual(['€'.repeat(20), '[logs truncated: limit of 60 bytes reached]']);
  });
});

describe('runTool: results', () => {
  it('when the run succeeds, then the effective limits are echoed and durationMs comes from the injected clock', () => {
    let now = 1_000;
    const clock = (): number => {
      now += 1;
      return now;
    };

    const result = runTool(quickjs, toolRequest('() => 1', { limits: { timeoutMs: 500 } }), { clock });

    expect(result.limits).toEqual({
      timeoutMs: 500,
      memoryMb: 32,
      maxOutputBytes: 65_536,
      maxStackBytes: 262_144,
      maxLogBytes: 16_384,
    });
    expect(result.durationMs).toBe(now - 1_001);
  });

  it('when the injected clock passes the deadline, then the run ends as a timeout', () => {
    let now = 0;
    const clock = (): number => {
      now += 25;
      return now;
    };

    const result = runTool(quickjs, toolRequest('() => { for (;;) {} }', { limits: { timeoutMs: 100 } }), {
      clock,
    });

    expect(result).toMatchObject({ status: 'timeout', error: { code: 'TIMEOUT' } });
  });

  it('when a tool reads the clock, then it fails with a clear message; given times still work', () => {
    expect(run('() => Date.now()').error?.message).toBe(`TypeError: ${CLOCK_UNAVAILABLE_MESSAGE}`);
    expect(run('() => new Date()').error?.code).toBe('TOOL_ERROR');
    expect(run('() => Date()').error?.code).toBe('TOOL_ERROR');
    expect(
      run('() => [new Date(0).toISOString(), Date.UTC(2026, 0, 1), Date.parse("2026-01-01T00:00:00Z")]')
        .output,
    ).toEqual(['1970-01-01T00:00:00.000Z', 1_767_225_600_000, 1_767_225_600_000]);
  });
});
