import { parseToolRunResult } from '../result-schema.js';
import { toolRequest } from '../testing/tool-request.js';
import {
  hardDeadlineMs,
  hardTimeoutResult,
  isSandboxReadyMessage,
  NATIVE_STACK_BYTES_PER_GUEST_STACK_BYTE,
  resultFromThreadReport,
  SANDBOX_READY_MESSAGE,
  SANDBOX_THREAD_STACK_MB,
  sandboxThreadStackMb,
  threadFailureResult,
} from './sandbox-thread.js';

const request = toolRequest('() => 1', { limits: { timeoutMs: 300 } });

describe('sandbox thread sizing', () => {
  it('when sizing the native stack, then it holds 64 native bytes per byte QuickJS may use, plus a base', () => {
    expect(NATIVE_STACK_BYTES_PER_GUEST_STACK_BYTE).toBe(64);
    expect(sandboxThreadStackMb(256 * 1024)).toBe(4 + 16);
  });

  it('when the thread starts before the request is known, then it is sized for the largest stack limit', () => {
    expect(SANDBOX_THREAD_STACK_MB).toBe(4 + 64);
  });

  it('when the watchdog is armed, then it fires a grace period after the tool deadline', () => {
    expect(hardDeadlineMs(request.limits)).toBe(5_300);
  });
});

describe('sandbox thread results', () => {
  it('when the watchdog fires, then the result is a timeout with HARD_TIMEOUT', () => {
    expect(hardTimeoutResult(request, 5_301)).toMatchObject({
      executionId: 'exec-1',
      status: 'timeout',
      error: { code: 'HARD_TIMEOUT' },
      durationMs: 5_301,
    });
  });

  it('when the thread fails, then the result is an INTERNAL_ERROR naming why', () => {
    expect(threadFailureResult(request, 'it exited with code 1', 3).error).toEqual({
      code: 'INTERNAL_ERROR',
      message: 'the sandbox thread failed: it exited with code 1',
    });
  });

  it('when the thread reports a result for this execution, then it is passed through', () => {
    const report = parseToolRunResult({
      ...hardTimeoutResult(request, 1),
      status: 'succeeded',
      error: undefined,
    });

    expect(resultFromThreadReport(request, report, 9)).toBe(report);
  });

  it('when the report is missing or for another execution, then the result is an INTERNAL_ERROR', () => {
    const other = { ...hardTimeoutResult(request, 1), executionId: 'exec-2' };

    expect(resultFromThreadReport(request, undefined, 9).error?.code).toBe('INTERNAL_ERROR');
    expect(resultFromThreadReport(request, other, 9).error?.code).toBe('INTERNAL_ERROR');
  });
});

describe('isSandboxReadyMessage', () => {
  it('when the thread posts its ready message, then it is told apart from a result', () => {
    expect(isSandboxReadyMessage(SANDBOX_READY_MESSAGE)).toBe(true);
    expect(isSandboxReadyMessage({ status: 'succeeded' })).toBe(false);
    expect(isSandboxReadyMessage(undefined)).toBe(false);
  });
});
