import path from 'node:path';
import { testQuickJSVariant } from '../testing/quickjs.js';
import { toolRequest } from '../testing/tool-request.js';
import { prepareSandboxRunner, quickjsWasmPath } from './sandbox-preparation.js';

// Preparing reads the QuickJS binary from node_modules, hence an integration test.
const RUNNER_SCRIPT = path.join(process.cwd(), 'services/tool-runner/dist/main.js');

function prepare(requestWaiting = false) {
  return prepareSandboxRunner(quickjsWasmPath(RUNNER_SCRIPT), {
    requestWaiting: () => requestWaiting,
    baseVariant: testQuickJSVariant,
  });
}

describe('prepareSandboxRunner', () => {
  it('when the QuickJS binary is resolved from the runner script, then it is the release-sync build', () => {
    expect(quickjsWasmPath(RUNNER_SCRIPT)).toMatch(/quickjs-wasmfile-release-sync.*\.wasm$/);
  });

  it('when a request fits the prepared module, then it runs there and succeeds', async () => {
    const runner = await prepare();

    const result = await runner.run(toolRequest('(input, data) => input.n + data.items.length'));

    expect(result).toMatchObject({ status: 'succeeded', output: 5 });
  });

  it('when the prepared module has been used, then the next run gets a fresh one: nothing carries over', async () => {
    const runner = await prepare();
    const polluter = '() => { Object.prototype.polluted = 1; globalThis.leak = 2; return 0; }';
    expect((await runner.run(toolRequest(polluter))).status).toBe('succeeded');

    const observer = await runner.run(toolRequest('() => [typeof ({}).polluted, typeof leak]'));

    expect(observer.output).toEqual(['undefined', 'undefined']);
  });

  it('when the prepared module serves a memory bomb, then its ceiling still ends it as oom', async () => {
    const runner = await prepare();
    const bomb = '() => { const kept = []; for (;;) kept.push(new Array(1000).fill(0)); }';

    const result = await runner.run(toolRequest(bomb, { limits: { timeoutMs: 20_000 } }));

    expect(result).toMatchObject({ status: 'oom', error: { code: 'OUT_OF_MEMORY' } });
  });

  it('when a request needs another ceiling, then it gets a module capped for its own limits', async () => {
    const runner = await prepare();
    // About 20 MB of kept arrays: they fit the prepared 32 MB heap, not an 8 MB one.
    const code =
      '() => { const kept = []; for (let i = 0; i < 2500; i++) kept.push(new Array(1000).fill(i)); return kept.length; }';

    const small = await runner.run(toolRequest(code, { limits: { memoryMb: 8, timeoutMs: 20_000 } }));
    const roomy = await (await prepare()).run(toolRequest(code, { limits: { timeoutMs: 20_000 } }));

    expect(small.status).toBe('oom');
    expect(roomy).toMatchObject({ status: 'succeeded', output: 2500 });
  });

  it('when a request is already waiting, then preparation stops after compiling and runs still succeed', async () => {
    const runner = await prepare(true);

    expect(await runner.run(toolRequest('() => 42'))).toMatchObject({ status: 'succeeded', output: 42 });
  });
});
