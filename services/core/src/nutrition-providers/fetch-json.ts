import { DependencyUnavailableError } from '../errors/index.js';

/** The global fetch, or a stand-in with the same shape; injected so nothing reaches the network by accident. */
export type FetchFunction = (input: string, init?: RequestInit) => Promise<Response>;

export interface JsonRequest {
  /** Names the dependency in errors and logs. */
  provider: string;
  url: string;
  timeoutMs: number;
  headers?: Record<string, string>;
  /** HTTP statuses that carry an answer rather than a failure (Open Food Facts says 404 for "no such product"). */
  acceptStatuses?: readonly number[];
}

export interface JsonResponse {
  status: number;
  body: unknown;
}

/**
 * GETs JSON with a hard deadline: the AbortSignal cancels the socket, so a server that never answers
 * costs timeoutMs and no more. Any non-2xx status, timeout or unparseable body is a
 * DependencyUnavailableError, which the breaker counts as a failure.
 */
export async function fetchJson(fetchFn: FetchFunction, request: JsonRequest): Promise<JsonResponse> {
  const { provider, timeoutMs } = request;
  const signal = AbortSignal.timeout(timeoutMs);
  let response: Response;
  try {
    response = await fetchFn(request.url, {
      method: 'GET',
      headers: { accept: 'application/json', ...request.headers },
      signal,
    });
  } catch (error) {
    const timedOut = signal.aborted;
    throw new DependencyUnavailableError(
      timedOut ? `${provider} did not answer within ${timeoutMs} ms` : `${provider} could not be reached`,
      { provider, reason: timedOut ? 'timeout' : 'network' },
      { cause: error },
    );
  }
  const accepted = response.ok || (request.acceptStatuses ?? []).includes(response.status);
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw new DependencyUnavailableError(
      `${provider} broke off its answer`,
      { provider, reason: signal.aborted ? 'timeout' : 'network', status: response.status },
      { cause: error },
    );
  }
  if (!accepted) {
    throw new DependencyUnavailableError(`${provider} answered HTTP ${response.status}`, {
      provider,
      reason: 'http_status',
      status: response.status,
    });
  }
  try {
    return { status: response.status, body: JSON.parse(text) as unknown };
  } catch (error) {
    throw new DependencyUnavailableError(
      `${provider} answered with malformed JSON`,
      { provider, reason: 'malformed_json', status: response.status },
      { cause: error },
    );
  }
}
