import { Readable } from 'node:stream';
import { rawToolRequest } from '../testing/tool-request.js';
import { intakeRequest, readBoundedText } from './request-intake.js';

describe('readBoundedText', () => {
  it('when the stream fits, then its chunks are joined as UTF-8', async () => {
    const euro = Buffer.from('€');
    const stream = Readable.from([Buffer.from('a'), euro.subarray(0, 1), euro.subarray(1), 'z']);

    await expect(readBoundedText(stream, 100)).resolves.toEqual({ ok: true, text: 'a€z' });
  });

  it('when the stream is larger than the cap, then it is refused', async () => {
    const stream = Readable.from([Buffer.alloc(60), Buffer.alloc(60)]);

    await expect(readBoundedText(stream, 100)).resolves.toEqual({
      ok: false,
      message: 'the request is larger than 100 bytes',
    });
  });
});

describe('intakeRequest', () => {
  it('when the text is a valid request, then it is returned validated', () => {
    const intake = intakeRequest(JSON.stringify(rawToolRequest('() => 1')));

    expect(intake.ok && intake.request.limits.timeoutMs).toBe(2_000);
  });

  it('when the text is not JSON, then the result is a bad request', () => {
    const intake = intakeRequest('{');

    expect(intake.ok).toBe(false);
    expect(!intake.ok && intake.result).toMatchObject({
      executionId: null,
      status: 'failed',
      error: { code: 'BAD_REQUEST' },
      logs: [],
    });
    expect(!intake.ok && intake.result.error?.message).toMatch(/^the request is not valid JSON: /);
  });

  it('when the request fails the schema, then the bad-request result keeps its executionId', () => {
    const intake = intakeRequest(JSON.stringify({ executionId: 'exec-7', tool: {} }));

    expect(!intake.ok && intake.result).toMatchObject({
      executionId: 'exec-7',
      error: { code: 'BAD_REQUEST' },
    });
  });

  it('when the request nests too deeply, then it is refused before parsing', () => {
    const raw = JSON.stringify(rawToolRequest('() => 1', { input: 0 })).replace(
      '"input":0',
      `"input":${'['.repeat(600)}${']'.repeat(600)}`,
    );

    const intake = intakeRequest(raw);

    expect(!intake.ok && intake.result.error?.message).toContain('deeper than 512 levels');
  });
});
