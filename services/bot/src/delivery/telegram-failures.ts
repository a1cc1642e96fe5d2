import { DependencyUnavailableError } from '@health-agent/core';
import { HttpError } from 'grammy';
import type { ApiError } from 'grammy/types';
import type { SendFailure } from '../metrics/bot-metrics.js';
import type { ApiResult } from './api-stage.js';

/** How Telegram answered a failed call, and what that means for sending. */

export function isFailure(response: ApiResult): response is ApiError {
  return !response.ok;
}

/** Seconds Telegram asks us to wait (429 Too Many Requests), or undefined for any other answer. */
export function retryAfterSeconds(response: ApiResult): number | undefined {
  if (response.ok || response.error_code !== 429) return undefined;
  const seconds = response.parameters?.retry_after;
  return typeof seconds === 'number' && seconds >= 0 ? seconds : 1;
}

export function isServerError(response: ApiResult): boolean {
  return !response.ok && response.error_code >= 500;
}

/** 403: the user blocked the bot, deleted their account, or never started it. */
export function isRecipientUnreachable(response: ApiResult): boolean {
  return !response.ok && response.error_code === 403;
}

export function isUnparsableFormatting(response: ApiResult): boolean {
  return (
    !response.ok &&
    response.error_code === 400 &&
    /can't parse entities|can't find end of the entity/i.test(response.description)
  );
}

/** Failures worth trying again later: the network, or a breaker refusing while Telegram is down. */
export function isTransientError(error: unknown): boolean {
  return error instanceof HttpError || error instanceof DependencyUnavailableError;
}

export function failureReason(response: ApiError): SendFailure {
  if (response.error_code === 429) return 'rate_limited';
  if (response.error_code >= 500) return 'server_error';
  if (response.error_code === 403) return 'blocked';
  return 'bad_request';
}

/** A 5xx answer turned into an error, so the breaker counts it and retries it. */
export class TelegramServerError extends Error {
  constructor(readonly response: ApiError) {
    super(`Telegram answered ${response.error_code}: ${response.description}`);
    this.name = 'TelegramServerError';
  }
}
