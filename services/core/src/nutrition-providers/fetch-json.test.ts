import { DependencyUnavailableError } from '../errors/index.js';
import { type FetchFunction, fetchJson } from './fetch-json.js';

const request = { provider: 'test-api', url: 'http://example.invalid/x', timeoutMs: 1000 };

function answering(status: number, body: string): FetchFunction {
  return async () => new Response(body, { status });
}

async function failureOf(promise: Promise<unknown>): Promise<DependencyUnavailableError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DependencyUnavailableError) return error;
    throw error;
  }
  throw new Error('expected a DependencyUnavailableError');
}

describe('fetchJson', () => {
  it('when the answer is 2xx JSON, then its status and parsed body come back and the headers were sent', async () => {
    const seen: RequestInit[] = [];
    const fetchFn: FetchFunction = async (_url, init) => {
      if (init) seen.push(init);
      return new Response('{"ok":true}', { status: 200 });
    };

    expect(await fetchJson(fetchFn, { ...request, headers: { 'user-agent': 'me' } })).toEqual({
      status: 200,
      body: { ok: true },
    });
    expect(seen[0]?.headers).toEqual({ accept: 'application/json', 'user-agent': 'me' });
    expect(seen[0]?.signal).toBeInstanceOf(AbortSignal);
  });

  it('when the status is not 2xx, then it is a failure unless the caller accepts that status', async () => {
    const error = await failureOf(fetchJson(answering(429, '{}'), request));
    expect(error.details).toEqual({ provider: 'test-api', reason: 'http_status', status: 429 });

    expect(await fetchJson(answering(404, '{"status":0}'), { ...request, acceptStatuses: [404] })).toEqual({
      status: 404,
      body: { status: 0 },
    });
  });

  it('when the body is not JSON, then it is a malformed_json failure', async () => {
    const error = await failureOf(fetchJson(answering(200, '<html>'), request));
    expect(error.details).toMatchObject({ reason: 'malformed_json' });
  });

  it('when the network fails, then it is a network failure with the cause kept', async () => {
    const cause = new TypeError('fetch failed');
    const error = await failureOf(
      fetchJson(async () => {
        throw cause;
      }, request),
    );
    expect(error.details).toMatchObject({ reason: 'network' });
    expect(error.cause).toBe(cause);
  });

  it('when reading the body fails, then it is a failure too', async () => {
    const broken = new Response('{}', { status: 200 });
    jest.spyOn(broken, 'text').mockRejectedValue(new Error('socket hang up'));
    const error = await failureOf(fetchJson(async () => broken, request));
    expect(error.message).toBe('test-api broke off its answer');
  });
});
