import { DEFAULT_LIMITS } from '../limits.js';
import { classifyGuestError, type GuestPhase, MAX_ERROR_MESSAGE_CHARS, truncateText } from './guest-error.js';

const limits = { ...DEFAULT_LIMITS, memoryMb: 16, timeoutMs: 500, maxStackBytes: 65_536 };

function classify(
  name: string,
  message: string,
  phase: GuestPhase = 'run',
  stoppedFor?: 'deadline' | 'memory',
) {
  return classifyGuestError({ name, message }, { phase, stoppedFor, limits });
}

describe('classifyGuestError', () => {
  it('when the tool was stopped at its deadline, then it is a timeout whatever it threw', () => {
    expect(classify('Error', 'anything', 'serialize', 'deadline')).toEqual({
      status: 'timeout',
      code: 'TIMEOUT',
      message: 'the tool did not finish within 500 ms',
    });
  });

  it('when the module ran into its memory ceiling, then it is oom whatever it threw', () => {
    expect(classify('', 'null', 'run', 'memory')).toEqual({
      status: 'oom',
      code: 'OUT_OF_MEMORY',
      message: 'the tool exceeded its memory limit of 16 MB',
    });
  });

  it.each(['out of memory', 'string too long'])(
    'when QuickJS throws InternalError "%s", then it is oom',
    (message) => {
      expect(classify('InternalError', message).status).toBe('oom');
    },
  );

  it('when an ordinary error carries an out-of-memory message, then it stays a tool error', () => {
    expect(classify('Error', 'out of memory').code).toBe('TOOL_ERROR');
  });

  it.each([
    ['InternalError', 'run'],
    ['SyntaxError', 'compile'],
  ] as const)('when QuickJS reports a stack overflow as %s, then it is STACK_OVERFLOW', (name, phase) => {
    expect(classify(name, 'stack overflow', phase)).toEqual({
      status: 'failed',
      code: 'STACK_OVERFLOW',
      message: 'the tool exceeded its stack limit of 65536 bytes (recursion or nesting too deep)',
    });
  });

  it('when compiling fails, then it is a SYNTAX_ERROR with the name and message', () => {
    expect(classify('SyntaxError', 'unexpected token', 'compile')).toEqual({
      status: 'failed',
      code: 'SYNTAX_ERROR',
      message: 'SyntaxError: unexpected token',
    });
  });

  it('when serialising throws, then the output is invalid', () => {
    expect(classify('Error', 'nope', 'serialize')).toEqual({
      status: 'invalid-output',
      code: 'INVALID_OUTPUT',
      message: 'serialising the output threw Error: nope',
    });
  });

  it('when the thrown value has no name, then the message stands alone', () => {
    expect(classify('', 'plain').message).toBe('plain');
  });

  it('when the message is too long, then it is truncated', () => {
    const message = classify('Error', 'x'.repeat(5_000)).message;

    expect(message).toHaveLength(MAX_ERROR_MESSAGE_CHARS + '... [truncated]'.length);
  });
});

describe('truncateText', () => {
  it('when the text fits, then it is returned unchanged', () => {
    expect(truncateText('short', 5)).toBe('short');
  });

  it('when the text is longer, then it is cut and marked', () => {
    expect(truncateText('abcdef', 3)).toBe('abc... [truncated]');
  });
});
