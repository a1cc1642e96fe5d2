import { executionIdOf, parseToolRunRequest } from './request-schema.js';
import { rawToolRequest } from './testing/tool-request.js';

describe('parseToolRunRequest', () => {
  it('when limits are absent, then every limit gets its default', () => {
    const parsed = parseToolRunRequest(rawToolRequest('() => 1'));

    expect(parsed).toMatchObject({
      ok: true,
      request: {
        limits: {
          timeoutMs: 2_000,
          memoryMb: 32,
          maxOutputBytes: 65_536,
          maxStackBytes: 262_144,
          maxLogBytes: 16_384,
        },
      },
    });
  });

  it('when some limits are given, then the others keep their defaults', () => {
    const parsed = parseToolRunRequest(rawToolRequest('() => 1', { limits: { timeoutMs: 50 } }));

    expect(parsed.ok && parsed.request.limits).toMatchObject({ timeoutMs: 50, memoryMb: 32 });
  });

  it('when the digest is upper-case, then it is normalised to lower case', () => {
    const raw = rawToolRequest('() => 1');
    raw.tool.sha256 = raw.tool.sha256.toUpperCase();

    const parsed = parseToolRunRequest(raw);

    expect(parsed.ok && parsed.request.tool.sha256).toBe(raw.tool.sha256.toLowerCase());
  });

  it('when input and data are null, then they are accepted as JSON values', () => {
    expect(parseToolRunRequest({ ...rawToolRequest('() => 1'), input: null, data: null }).ok).toBe(true);
  });

  it.each([
    ['a limit name is misspelt', { limits: { timeoutMS: 10 } }, 'timeoutMS'],
    ['a limit is out of bounds', { limits: { memoryMb: 100_000 } }, 'limits.memoryMb'],
    [
      'the stack limit exceeds what the host stack is sized for',
      { limits: { maxStackBytes: 8 * 1024 * 1024 } },
      'maxStackBytes',
    ],
    ['a limit is not an integer', { limits: { timeoutMs: 1.5 } }, 'timeoutMs'],
  ])('when %s, then the request is refused naming it', (_, overrides, mention) => {
    const parsed = parseToolRunRequest({ ...rawToolRequest('() => 1'), ...overrides });

    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.message).toContain(mention);
  });

  it('when input is missing, then the request is refused', () => {
    const { input: _input, ...withoutInput } = rawToolRequest('() => 1');

    const parsed = parseToolRunRequest(withoutInput);

    expect(!parsed.ok && parsed.message).toContain('input');
  });

  it('when the digest is not hex, then the request is refused', () => {
    const raw = rawToolRequest('() => 1', { sha256: 'z'.repeat(64) });

    expect(parseToolRunRequest(raw).ok).toBe(false);
  });

  it('when the code is empty or too long, then the request is refused', () => {
    expect(parseToolRunRequest(rawToolRequest('')).ok).toBe(false);
    expect(parseToolRunRequest(rawToolRequest('x'.repeat(300 * 1024))).ok).toBe(false);
  });

  it('when the request is not an object, then the message says so', () => {
    const parsed = parseToolRunRequest([1, 2]);

    expect(!parsed.ok && parsed.message).toMatch(/^invalid tool run request: /);
  });
});

describe('executionIdOf', () => {
  it('when the raw request has a usable executionId, then it is returned', () => {
    expect(executionIdOf({ executionId: 'exec-9', tool: 'broken' })).toBe('exec-9');
  });

  it.each([
    [null],
    ['text'],
    [{}],
    [{ executionId: 42 }],
    [{ executionId: '' }],
    [{ executionId: 'x'.repeat(201) }],
  ])('when the raw request is %j, then there is none', (raw) => {
    expect(executionIdOf(raw)).toBeNull();
  });
});
