import type { Api, Transformer } from 'grammy';
import type { ApiResponse } from 'grammy/types';

export type ApiPayload = Record<string, unknown>;
export type ApiResult = ApiResponse<unknown>;
export type ApiCall = (method: string, payload: ApiPayload, signal?: AbortSignal) => Promise<ApiResult>;

/**
 * One layer of the sending policy, wrapped around the next one: it may change the call,
 * repeat it, or look at the answer. Stages see every Bot API call alike, whatever the method.
 */
export type ApiStage = (
  next: ApiCall,
  method: string,
  payload: ApiPayload,
  signal?: AbortSignal,
) => Promise<ApiResult>;

/** The methods that deliver a message to a person; only these are split, queued and retried later. */
export const messageMethods: ReadonlySet<string> = new Set(['sendMessage', 'sendPhoto', 'sendDocument']);

/** The numeric chat a call is addressed to, if any (channel usernames are not ours to track). */
export function chatIdOf(payload: ApiPayload): number | undefined {
  const chatId = payload.chat_id;
  return typeof chatId === 'number' && Number.isSafeInteger(chatId) ? chatId : undefined;
}

function toTransformer(stage: ApiStage): Transformer {
  // grammY types a transformer per method; stages treat all methods alike, so the types meet here once.
  const transformer = (prev: ApiCall, method: string, payload: ApiPayload, signal?: AbortSignal) =>
    stage(prev, method, payload ?? {}, signal);
  return transformer as unknown as Transformer;
}

/** Installs stages on an API, listed from the outermost (sees the call first) to the innermost. */
export function installStages(api: Api, stages: ApiStage[]): void {
  // grammY runs the transformer installed last first, hence the reversal.
  api.config.use(...[...stages].reverse().map(toTransformer));
}
