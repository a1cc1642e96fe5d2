import type { ExecutionRequest } from '../tool-executor.js';
import { executionResultOf } from './runner-result.js';

const request: ExecutionRequest = {
  executionId: 'exec-1',
  tool: { id: 'tool-1', version: 1, sha256: 'a'.repeat(64), code: '() => 1' },
  input: {},
  data: {},
  limits: { timeoutMs: 500, memoryMb: 16, maxOutputBytes: 1024 },
};

const LIMITS = {
  timeoutMs: 500,
  memoryMb: 16,
  maxOutputBytes: 1024,
  maxStackBytes: 262144,
  maxLogBytes: 16384,
};

function line(result: Record<string, unknown>): { kind: 'line'; line: string } {
  return { kind: 'line', line: JSON.stringify({ limits: LIMITS, logs: [], durationMs: 3, ...result }) };
}

describe('executionResultOf', () => {
  it('when the runner reports success, then output and logs pass through and the duration is the executor’s', () => {
    const outcome = line({ executionId: 'exec-1', status: 'succeeded', output: { total: 5 }, logs: ['hi'] });

    expect(executionResultOf(outcome, request, 42)).toEqual({
      status: 'succeeded',
      output: { total: 5 },
      logs: ['hi'],
      durationMs: 42,
    });
  });

  it('when the runner reports a limit, then its status and error pass through', () => {
    const outcome = line({
      executionId: 'exec-1',
      status: 'oom',
      error: { code: 'OUT_OF_MEMORY', message: 'the tool ran out of memory' },
      logs: ['filling'],
    });

    expect(executionResultOf(outcome, request, 7)).toEqual({
      status: 'oom',
      error: { code: 'OUT_OF_MEMORY', message: 'the tool ran out of memory' },
      logs: ['filling'],
      durationMs: 7,
    });
  });

  it('when the runner refused the request before reading its id, then the bad request is accepted', () => {
    const outcome = line({
      executionId: null,
      status: 'failed',
      error: { code: 'BAD_REQUEST', message: 'the request is not valid JSON' },
    });

    expect(executionResultOf(outcome, request, 1)).toMatchObject({
      status: 'failed',
      error: { code: 'BAD_REQUEST' },
    });
  });

  it.each([
    ['another execution', line({ executionId: 'exec-2', status: 'succeeded', output: 1 })],
    ['no id on a non-bad-request', line({ executionId: null, status: 'succeeded', output: 1 })],
    ['success without output', line({ executionId: 'exec-1', status: 'succeeded' })],
    ['a failure without an error', line({ executionId: 'exec-1', status: 'failed' })],
    ['an unknown status', line({ executionId: 'exec-1', status: 'escaped', output: 1 })],
    ['a line that is not JSON', { kind: 'line' as const, line: 'Segmentation fault' }],
    ['a JSON value that is not a result', { kind: 'line' as const, line: '[1,2,3]' }],
    [
      'JSON nested deeply enough to hurt',
      { kind: 'line' as const, line: `${'['.repeat(200_000)}${']'.repeat(200_000)}` },
    ],
  ])('when the runner answers with %s, then the result is failed RUNNER_CRASHED', (_name, outcome) => {
    const result = executionResultOf(outcome, request, 5);

    expect(result).toMatchObject({ status: 'failed', error: { code: 'RUNNER_CRASHED' }, durationMs: 5 });
    expect(result.output).toBeUndefined();
  });

  it('when the runner died on a signal, then it is RUNNER_CRASHED naming the signal', () => {
    const result = executionResultOf({ kind: 'exited', code: null, signal: 'SIGKILL' }, request, 5);

    expect(result.status).toBe('failed');
    expect(result.error).toEqual({
      code: 'RUNNER_CRASHED',
      message: 'the tool runner exited on signal SIGKILL without a result',
    });
  });

  it('when the runner exited with a code and no result, then it is RUNNER_CRASHED naming the code', () => {
    const result = executionResultOf({ kind: 'exited', code: 1, signal: null }, request, 5);

    expect(result.error?.message).toBe('the tool runner exited with code 1 without a result');
  });

  it('when the runner flooded stdout, then it is invalid-output RUNNER_OUTPUT_TOO_LARGE', () => {
    const result = executionResultOf({ kind: 'overflow', stream: 'stdout', limitBytes: 100 }, request, 5);

    expect(result).toMatchObject({ status: 'invalid-output', error: { code: 'RUNNER_OUTPUT_TOO_LARGE' } });
    expect(result.error?.message).toContain('100 bytes');
  });

  it('when the runner flooded stderr, then it is RUNNER_CRASHED', () => {
    const result = executionResultOf({ kind: 'overflow', stream: 'stderr', limitBytes: 100 }, request, 5);

    expect(result).toMatchObject({ status: 'failed', error: { code: 'RUNNER_CRASHED' } });
  });

  it('when the executor’s deadline killed the runner, then it is timeout HARD_TIMEOUT', () => {
    const result = executionResultOf({ kind: 'deadline', deadlineMs: 1500 }, request, 1501);

    expect(result).toEqual({
      status: 'timeout',
      error: {
        code: 'HARD_TIMEOUT',
        message: 'the tool runner did not answer within 1500 ms and was stopped',
      },
      durationMs: 1501,
    });
  });

  it('when the runner could not be started, then it is failed RUNNER_UNAVAILABLE', () => {
    const result = executionResultOf({ kind: 'spawn-failed', message: 'spawn nope ENOENT' }, request, 0);

    expect(result).toMatchObject({ status: 'failed', error: { code: 'RUNNER_UNAVAILABLE' } });
    expect(result.error?.message).toContain('ENOENT');
  });
});
