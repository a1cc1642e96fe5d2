import { DEFAULT_LIMITS } from './limits.js';
import { exitCodeFor, failureResult, type ToolRunResult } from './result.js';
import { parseToolRunResult } from './result-schema.js';

const succeeded: ToolRunResult = {
  executionId: 'exec-1',
  status: 'succeeded',
  output: { total: 3 },
  logs: [],
  durationMs: 4,
  limits: DEFAULT_LIMITS,
};

function failure(
  status: 'failed' | 'timeout' | 'oom' | 'invalid-output',
  code: 'BAD_REQUEST' | 'TOOL_ERROR' = 'TOOL_ERROR',
) {
  return failureResult({
    executionId: 'exec-1',
    status,
    code,
    message: 'm',
    limits: DEFAULT_LIMITS,
    durationMs: 1,
  });
}

describe('exitCodeFor', () => {
  it.each([
    [succeeded, 0],
    [failure('failed'), 1],
    [failure('timeout'), 2],
    [failure('oom'), 3],
    [failure('invalid-output'), 4],
    [failure('failed', 'BAD_REQUEST'), 64],
  ])('when the result is %o, then the exit code is %i', (result, code) => {
    expect(exitCodeFor(result)).toBe(code);
  });
});

describe('failureResult', () => {
  it('when no logs are given, then the result has none', () => {
    expect(failure('failed')).toEqual({
      executionId: 'exec-1',
      status: 'failed',
      error: { code: 'TOOL_ERROR', message: 'm' },
      logs: [],
      durationMs: 1,
      limits: DEFAULT_LIMITS,
    });
  });
});

describe('parseToolRunResult', () => {
  it('when the value is a valid result, then it is returned', () => {
    expect(parseToolRunResult(JSON.parse(JSON.stringify(succeeded)))).toEqual(succeeded);
  });

  it.each([
    ['an unknown status', { ...succeeded, status: 'crashed' }],
    ['an unknown error code', { ...succeeded, status: 'failed', error: { code: 'NOPE', message: '' } }],
    ['no limits', { ...succeeded, limits: undefined }],
    ['a non-JSON output', { ...succeeded, output: () => 1 }],
  ])('when the value has %s, then it is rejected', (_, value) => {
    expect(parseToolRunResult(value)).toBeUndefined();
  });
});
