import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError } from '../../config/index.js';
import type { ExecutionRequest } from '../tool-executor.js';
import { LocalSandboxExecutor, type LocalSandboxExecutorOptions } from './local-sandbox-executor.js';

// The executor's process handling, checked against small stand-in runners written for each behaviour
// (answering, hanging, crashing, flooding), plus one real run of the built tool-runner.
const REAL_RUNNER = path.join(process.cwd(), 'services/tool-runner/dist/main.js');

let scratch: string;
let markers: string;
const runners: Record<string, string> = {};

/** Reads the whole request from stdin, then calls `answer(request)`. */
const READ_REQUEST = `
import { readdirSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
const readRequest = async () => {
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  return JSON.parse(text);
};
const reply = (request, fields) =>
  process.stdout.write(JSON.stringify({ executionId: request.executionId, logs: [], durationMs: 1, limits: {}, ...fields }) + '\\n');
`;

function standInRunners(markerDir: string): Record<string, string> {
  return {
    echo: `${READ_REQUEST}
process.stderr.write('tool-runner: ready\\n');
const request = await readRequest();
reply(request, { status: 'succeeded', output: {
  cwd: process.cwd(), entries: readdirSync('.'), env: process.env, execArgv: process.execArgv,
  startedAt: performance.timeOrigin, limits: request.limits, tool: request.tool, input: request.input, data: request.data,
} });`,
    slow: `${READ_REQUEST}
const request = await readRequest();
setTimeout(() => reply(request, { status: 'succeeded', output: request.input }), 400);`,
    hangWithChild: `${READ_REQUEST}
const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
writeFileSync(${JSON.stringify(path.join(markerDir, 'grandchild.pid'))}, String(child.pid));
process.stderr.write('tool-runner: ready\\n');
await readRequest();
setInterval(() => {}, 1000);`,
    garbage: `${READ_REQUEST}
await readRequest();
process.stdout.write('Segmentation fault (core dumped)\\n');`,
    flood: `${READ_REQUEST}
await readRequest();
const block = 'x'.repeat(64 * 1024);
const pump = () => { while (process.stdout.write(block)) {} process.stdout.once('drain', pump); };
pump();`,
    crash: `${READ_REQUEST}
await readRequest();
process.exit(7);`,
    pooled: `
import { writeFileSync } from 'node:fs';
writeFileSync(${JSON.stringify(markerDir)} + '/pooled-' + process.pid, '');
process.stderr.write('tool-runner: ready\\n');
setInterval(() => {}, 1000);`,
  };
}

beforeAll(async () => {
  if (!existsSync(REAL_RUNNER)) {
    throw new Error(`${REAL_RUNNER} is missing: build with \`npx tsc -b\` before the integration tests`);
  }
  scratch = await mkdtemp(path.join(tmpdir(), 'ha-executor-test-'));
  markers = path.join(scratch, 'markers');
  await mkdir(markers);
  for (const [name, source] of Object.entries(standInRunners(markers))) {
    runners[name] = path.join(scratch, `${name}.mjs`);
    await writeFile(runners[name], source);
  }
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

const executors: LocalSandboxExecutor[] = [];

afterEach(async () => {
  await Promise.all(executors.splice(0).map((executor) => executor.close()));
});

function executorWith(
  runner: string,
  options: Partial<LocalSandboxExecutorOptions> = {},
): LocalSandboxExecutor {
  const executor = new LocalSandboxExecutor({
    runnerPath: runners[runner] ?? runner,
    warmPoolSize: 0,
    tmpDir: scratch,
    ...options,
  });
  executors.push(executor);
  return executor;
}

function requestFor(code: string, overrides: Partial<ExecutionRequest> = {}): ExecutionRequest {
  return {
    executionId: 'exec-1',
    tool: { id: 'tool-1', version: 1, sha256: createHash('sha256').update(code).digest('hex'), code },
    input: { n: 2 },
    data: { items: [1, 2, 3] },
    limits: { timeoutMs: 1_000, memoryMb: 16, maxOutputBytes: 4_096 },
    ...overrides,
  };
}

/** Running or sleeping; a killed process that nobody has reaped yet (a zombie) counts as dead. */
function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) [ZX]/s.test(stat);
  } catch {
    return false;
  }
}

/** SIGKILL takes effect asynchronously: give the kernel a moment. */
async function eventuallyDead(pids: number[]): Promise<boolean> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    if (!pids.some(isAlive)) return true;
    await new Promise((resolve) => setTimeout(resolve, 40));
  }
  return false;
}

async function runDirectories(): Promise<string[]> {
  return (await readdir(scratch)).filter((name) => name.startsWith('ha-tool-run-'));
}

describe('LocalSandboxExecutor', () => {
  it('when the real runner runs a tool, then its output and logs come back as succeeded', async () => {
    const executor = executorWith(REAL_RUNNER);
    const code =
      'function run(input, data) { console.log("adding"); return { total: input.n + data.items.length }; }';

    const result = await executor.execute(requestFor(code));

    expect(result).toMatchObject({ status: 'succeeded', output: { total: 5 }, logs: ['adding'] });
    expect(result.durationMs).toBeGreaterThan(0);
  });

  it('when a runner starts, then it sees no environment, an empty working directory and a capped heap', async () => {
    process.env.HA_TEST_SECRET = 'must-not-leak';
    try {
      const executor = executorWith('echo', { runnerHeapMb: 96 });

      const result = await executor.execute(requestFor('() => 1'));

      expect(result.status).toBe('succeeded');
      const seen = result.output as { env: object; entries: string[]; cwd: string; execArgv: string[] };
      expect(seen.env).toEqual({});
      expect(seen.entries).toEqual([]);
      expect(path.dirname(seen.cwd)).toBe(scratch);
      expect(seen.execArgv).toContain('--max-old-space-size=96');
    } finally {
      delete process.env.HA_TEST_SECRET;
    }
  });

  it('when a runner gets a request, then it holds exactly the tool, input, data and limits, nothing else', async () => {
    const executor = executorWith('echo', { maxLogBytes: 2_048 });
    const request = requestFor('() => 1', { input: { userId: 'u-1' }, data: { food_entries: [] } });

    const result = await executor.execute(request);

    expect(result.output).toMatchObject({
      tool: request.tool,
      input: { userId: 'u-1' },
      data: { food_entries: [] },
      limits: { timeoutMs: 1_000, memoryMb: 16, maxOutputBytes: 4_096, maxLogBytes: 2_048 },
    });
  });

  it('when a runner has exited, then its working directory is removed', async () => {
    const executor = executorWith('echo');

    const result = await executor.execute(requestFor('() => 1'));
    await executor.close();

    expect(existsSync((result.output as { cwd: string }).cwd)).toBe(false);
    expect(await runDirectories()).toEqual([]);
  });

  it('when a runner never answers, then its whole process group is killed at the deadline as a timeout', async () => {
    // Pooled and warmed first, so the grandchild exists before the deadline starts, however slow the machine.
    const executor = executorWith('hangWithChild', { killGraceMs: 300, warmPoolSize: 1 });
    expect(await executor.warmUp(60_000)).toBe(true);
    const started = Date.now();

    const result = await executor.execute(
      requestFor('() => 1', { limits: { timeoutMs: 200, memoryMb: 16, maxOutputBytes: 1_024 } }),
    );

    expect(result).toMatchObject({ status: 'timeout', error: { code: 'HARD_TIMEOUT' } });
    expect(Date.now() - started).toBeLessThan(10_000);
    const grandchild = Number(await readFile(path.join(markers, 'grandchild.pid'), 'utf8'));
    await executor.close();
    expect(await eventuallyDead([grandchild])).toBe(true);
  });

  it('when a runner answers with garbage, then the result is RUNNER_CRASHED and the executor carries on', async () => {
    const garbage = executorWith('garbage');

    const result = await garbage.execute(requestFor('() => 1'));

    expect(result).toMatchObject({ status: 'failed', error: { code: 'RUNNER_CRASHED' } });
    expect((await garbage.execute(requestFor('() => 1'))).status).toBe('failed');
  });

  it('when a runner exits without a result, then the result is RUNNER_CRASHED with its exit code', async () => {
    const result = await executorWith('crash').execute(requestFor('() => 1'));

    expect(result).toMatchObject({ status: 'failed', error: { code: 'RUNNER_CRASHED' } });
    expect(result.error?.message).toContain('code 7');
  });

  it('when a runner floods stdout, then reading stops at the cap and the runner is killed', async () => {
    const executor = executorWith('flood', { maxStdoutBytes: 100_000 });

    const result = await executor.execute(requestFor('() => 1'));

    expect(result).toMatchObject({ status: 'invalid-output', error: { code: 'RUNNER_OUTPUT_TOO_LARGE' } });
    await executor.close();
    expect(await runDirectories()).toEqual([]);
  });

  it('when the node binary cannot be started, then the result is RUNNER_UNAVAILABLE', async () => {
    const executor = executorWith('echo', { nodePath: path.join(scratch, 'no-such-node') });

    const result = await executor.execute(requestFor('() => 1'));

    expect(result).toMatchObject({ status: 'failed', error: { code: 'RUNNER_UNAVAILABLE' } });
  });

  it('when the runner script does not exist, then the executor refuses to be built', () => {
    expect(() => new LocalSandboxExecutor({ runnerPath: path.join(scratch, 'missing.js') })).toThrow(
      ConfigError,
    );
  });

  it('when input cannot be JSON, then nothing is spawned and the result is BAD_REQUEST', async () => {
    const started: number[] = [];
    const executor = executorWith('echo', { onExecutionStarted: ({ pid }) => started.push(pid) });

    const result = await executor.execute(requestFor('() => 1', { input: { big: 1n } }));

    expect(result).toMatchObject({ status: 'failed', error: { code: 'BAD_REQUEST' } });
    expect(started).toEqual([]);
  });

  it('when more executions arrive than may run, then they wait their turn and the overflow is refused', async () => {
    const executor = executorWith('slow', { maxConcurrent: 1, maxQueued: 1 });

    const [first, second, third] = await Promise.all([
      executor.execute(requestFor('() => 1', { executionId: 'a', input: 'a' })),
      executor.execute(requestFor('() => 1', { executionId: 'b', input: 'b' })),
      executor.execute(requestFor('() => 1', { executionId: 'c', input: 'c' })),
    ]);

    expect(first).toMatchObject({ status: 'succeeded', output: 'a' });
    expect(second).toMatchObject({ status: 'succeeded', output: 'b' });
    expect(third).toMatchObject({ status: 'rejected', error: { code: 'EXECUTOR_BUSY' } });
  });

  it('when the pool is warm, then an execution is served by a runner started before it was asked for', async () => {
    const executor = executorWith('echo', { warmPoolSize: 1 });
    expect(await executor.warmUp(60_000)).toBe(true);
    const askedAt = performance.timeOrigin + performance.now();

    const result = await executor.execute(requestFor('() => 1'));

    expect((result.output as { startedAt: number }).startedAt).toBeLessThan(askedAt);
  });

  it('when closed, then pooled runners are killed and later executions are refused', async () => {
    const executor = executorWith('pooled', { warmPoolSize: 2 });
    expect(await executor.warmUp(60_000)).toBe(true);
    const pids = (await readdir(markers))
      .filter((name) => name.startsWith('pooled-'))
      .map((name) => Number(name.slice('pooled-'.length)));
    expect(pids).toHaveLength(2);
    expect(pids.every(isAlive)).toBe(true);

    await executor.close();

    expect(await eventuallyDead(pids)).toBe(true);
    expect(await runDirectories()).toEqual([]);
    expect(await executor.execute(requestFor('() => 1'))).toMatchObject({
      status: 'rejected',
      error: { code: 'EXECUTOR_CLOSED' },
    });
  });
});
