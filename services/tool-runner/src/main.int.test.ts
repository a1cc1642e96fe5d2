import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { READY_LINE } from './cli/readiness.js';
import type { ToolRunResult } from './result.js';
import { rawToolRequest, type ToolRequestOverrides } from './testing/tool-request.js';

// The real CLI as executors run it: `node dist/main.js`, request on stdin or in a file, one JSON line out.
// jest runs from the repository root; the CLI must have been built with `npx tsc -b`.
const MAIN = path.join(process.cwd(), 'services/tool-runner/dist/main.js');

interface CliRun {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function runCliProcess(stdin: string, args: string[] = []): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (exitCode, signal) => resolve({ exitCode, signal, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

function requestText(code: string, overrides: ToolRequestOverrides = {}): string {
  return JSON.stringify(rawToolRequest(code, overrides));
}

/** The one result line the CLI printed; fails if it printed anything else on stdout. */
function resultOf(run: CliRun): ToolRunResult {
  const lines = run.stdout.split('\n');
  expect(lines).toHaveLength(2);
  expect(lines[1]).toBe('');
  return JSON.parse(lines[0] ?? '');
}

beforeAll(() => {
  if (!existsSync(MAIN)) {
    throw new Error(`${MAIN} is missing: build with \`npx tsc -b\` before the integration tests`);
  }
});

describe('tool-runner CLI (child process)', () => {
  it('when a valid request arrives on stdin, then it prints the succeeded result and exits 0', async () => {
    const code =
      'function run(input, data) { console.log("counting"); return { total: data.items.length + input.n }; }';

    const run = await runCliProcess(requestText(code));

    expect(run.exitCode).toBe(0);
    expect(resultOf(run)).toMatchObject({
      executionId: 'exec-1',
      status: 'succeeded',
      output: { total: 5 },
      logs: ['counting'],
      limits: { timeoutMs: 2_000, memoryMb: 32 },
    });
  });

  it('when the request is given as a file path, then the file is read', async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'tool-runner-'));
    try {
      const file = path.join(directory, 'request.json');
      await writeFile(file, requestText('(input) => input.n + 40'));

      const run = await runCliProcess('', [file]);

      expect(run.exitCode).toBe(0);
      expect(resultOf(run).output).toBe(42);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('when the tool loops forever, then it prints a timeout and exits 2', async () => {
    const run = await runCliProcess(requestText('() => { while (true) {} }', { limits: { timeoutMs: 200 } }));

    expect(run.exitCode).toBe(2);
    expect(resultOf(run)).toMatchObject({ status: 'timeout', error: { code: 'TIMEOUT' } });
  });

  it('when the tool keeps allocating, then the capped memory ends it as oom and it exits 3', async () => {
    const code =
      '() => { console.log("filling"); const kept = []; for (;;) kept.push(new Array(1000).fill(0)); }';

    const run = await runCliProcess(requestText(code, { limits: { memoryMb: 8, timeoutMs: 20_000 } }));

    expect(run.exitCode).toBe(3);
    expect(resultOf(run)).toMatchObject({
      status: 'oom',
      error: { code: 'OUT_OF_MEMORY' },
      logs: ['filling'],
    });
  });

  it('when the request is not JSON, then it prints a bad request and exits 64', async () => {
    const run = await runCliProcess('{"executionId": ');

    expect(run.exitCode).toBe(64);
    expect(resultOf(run)).toMatchObject({
      executionId: null,
      status: 'failed',
      error: { code: 'BAD_REQUEST' },
    });
  });

  it('when the request fails validation, then it prints a bad request naming the field and exits 64', async () => {
    const run = await runCliProcess(requestText('() => 1', { limits: { memoryMb: 0 } }));

    expect(run.exitCode).toBe(64);
    expect(resultOf(run).error?.message).toContain('memoryMb');
  });

  it('when the tool recurses without end, then the process reports a clean STACK_OVERFLOW and exits 1', async () => {
    const run = await runCliProcess(
      requestText('function run() { function down(n) { return down(n + 1) + 1; } return down(0); }'),
    );

    expect(run.signal).toBeNull();
    expect(run.exitCode).toBe(1);
    expect(resultOf(run)).toMatchObject({ status: 'failed', error: { code: 'STACK_OVERFLOW' } });
  });

  it('when nesting would exhaust a default host stack at the largest stack limit, then the sized thread keeps it clean', async () => {
    // In-process on a default stack this ends as HOST_STACK_OVERFLOW (see hostile-tools.test.ts).
    const code = '() => eval("[".repeat(100000) + "]".repeat(100000))';

    const run = await runCliProcess(requestText(code, { limits: { maxStackBytes: 1024 * 1024 } }));

    expect(run.exitCode).toBe(1);
    expect(resultOf(run)).toMatchObject({ status: 'failed', error: { code: 'STACK_OVERFLOW' } });
  });

  it('when the output cannot be represented as JSON, then it prints invalid-output and exits 4', async () => {
    const run = await runCliProcess(requestText('() => ({ n: 1n })'));

    expect(run.exitCode).toBe(4);
    expect(resultOf(run)).toMatchObject({ status: 'invalid-output', error: { code: 'INVALID_OUTPUT' } });
  });

  it('when spawned ahead of its request, then it says it is ready on stderr first and still answers after', async () => {
    const child = spawn(process.execPath, [MAIN], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
    await new Promise<void>((resolve, reject) => {
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
        if (stderr.includes(`${READY_LINE}\n`)) resolve();
      });
      child.once('close', () => reject(new Error(`the runner exited before it was ready: ${stderr}`)));
    });
    expect(stdout).toBe('');

    child.stdin.end(requestText('(input) => input.n * 21'));

    expect(await exited).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ status: 'succeeded', output: 42 });
  });

  it('when the code does not match its digest, then nothing runs and it exits 1', async () => {
    const run = await runCliProcess(requestText('() => 1', { sha256: '0'.repeat(64) }));

    expect(run.exitCode).toBe(1);
    expect(resultOf(run).error?.code).toBe('SHA256_MISMATCH');
  });
});
