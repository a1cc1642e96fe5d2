import { Readable } from 'node:stream';
import type { QuickJSWASMModule } from 'quickjs-emscripten';
import type { ToolRunResult } from '../result.js';
import { runTool } from '../sandbox/run-tool.js';
import { loadQuickJSForTests } from '../testing/quickjs.js';
import { rawToolRequest } from '../testing/tool-request.js';
import { type CliIo, runCli, type ToolExecutor } from './run-cli.js';

let quickjs: QuickJSWASMModule;

beforeAll(async () => {
  quickjs = await loadQuickJSForTests();
});

/** The process around runCli, in memory: stdin text, request files by path, and what was printed. */
function fakeIo(options: { stdin?: string; files?: Record<string, string>; argv?: string[] }) {
  const printed: string[] = [];
  const io: CliIo = {
    argv: options.argv ?? ['node', 'main.js'],
    stdin: Readable.from([Buffer.from(options.stdin ?? '')]),
    openFile: (path) => {
      const content = options.files?.[path];
      if (content === undefined) {
        return Readable.from(
          (async function* missing() {
            yield* [];
            throw new Error(`ENOENT: no such file or directory, open '${path}'`);
          })(),
        );
      }
      return Readable.from([Buffer.from(content)]);
    },
    writeStdout: async (text) => {
      printed.push(text);
    },
  };
  return { io, printed };
}

const inProcess: ToolExecutor = async (request) => runTool(quickjs, request);

function onlyResult(printed: string[]): ToolRunResult {
  expect(printed).toHaveLength(1);
  expect(printed[0]?.endsWith('\n')).toBe(true);
  return JSON.parse(printed[0] ?? '');
}

describe('runCli', () => {
  it('when a valid request arrives on stdin, then one result line is printed and the exit code is 0', async () => {
    const { io, printed } = fakeIo({ stdin: JSON.stringify(rawToolRequest('(input) => input.n * 2')) });

    const exitCode = await runCli(io, inProcess);

    expect(exitCode).toBe(0);
    expect(onlyResult(printed)).toMatchObject({ executionId: 'exec-1', status: 'succeeded', output: 4 });
  });

  it('when a request file is named, then it is read instead of stdin', async () => {
    const { io, printed } = fakeIo({
      argv: ['node', 'main.js', '/requests/r.json'],
      files: { '/requests/r.json': JSON.stringify(rawToolRequest('() => { throw new Error("x"); }')) },
      stdin: 'ignored',
    });

    expect(await runCli(io, inProcess)).toBe(1);
    expect(onlyResult(printed)).toMatchObject({ status: 'failed', error: { code: 'TOOL_ERROR' } });
  });

  it('when the request file cannot be read, then it is a bad request with exit code 64', async () => {
    const { io, printed } = fakeIo({ argv: ['node', 'main.js', '/missing.json'] });

    expect(await runCli(io, inProcess)).toBe(64);
    expect(onlyResult(printed).error?.message).toContain('the request could not be read');
  });

  it('when stdin is not JSON, then it is a bad request with exit code 64', async () => {
    const { io, printed } = fakeIo({ stdin: 'not json' });

    expect(await runCli(io, inProcess)).toBe(64);
    expect(onlyResult(printed)).toMatchObject({ status: 'failed', error: { code: 'BAD_REQUEST' } });
  });

  it('when stdin exceeds the request size cap, then it is a bad request', async () => {
    const { io, printed } = fakeIo({ stdin: ' '.repeat(8 * 1024 * 1024 + 1) });

    expect(await runCli(io, inProcess)).toBe(64);
    expect(onlyResult(printed).error?.message).toBe('the request is larger than 8388608 bytes');
  });

  it('when the executor throws, then a failed result without host details is printed', async () => {
    const { io, printed } = fakeIo({ stdin: JSON.stringify(rawToolRequest('() => 1')) });

    const exitCode = await runCli(io, async () => {
      throw new TypeError('boom');
    });

    expect(exitCode).toBe(1);
    expect(onlyResult(printed)).toMatchObject({
      executionId: 'exec-1',
      status: 'failed',
      error: { code: 'INTERNAL_ERROR', message: 'the runner failed unexpectedly (TypeError: boom)' },
    });
  });

  it('when the tool times out, then the exit code is 2', async () => {
    const { io } = fakeIo({
      stdin: JSON.stringify(rawToolRequest('() => { for (;;) {} }', { limits: { timeoutMs: 50 } })),
    });

    expect(await runCli(io, inProcess)).toBe(2);
  });
});
