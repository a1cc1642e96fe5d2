import type { Logger } from '@health-agent/core';
import type { ApiStage } from './api-stage.js';
import { toPlainText } from './plain-text.js';
import { isUnparsableFormatting } from './telegram-failures.js';

/**
 * When Telegram cannot parse a message's Markdown or HTML, the words still matter more than
 * the formatting: the message is sent once more as plain text.
 */
export function markdownFallbackStage(logger: Logger): ApiStage {
  return async (next, method, payload, signal) => {
    const response = await next(method, payload, signal);
    const parseMode = payload.parse_mode;
    if (!isUnparsableFormatting(response) || typeof parseMode !== 'string') return response;
    const field =
      typeof payload.text === 'string' ? 'text' : typeof payload.caption === 'string' ? 'caption' : null;
    if (!field) return response;
    const { parse_mode: _dropped, ...plain } = payload;
    logger.warn(
      { method, parseMode, description: response.ok ? undefined : response.description },
      'Telegram refused the formatting; resending as plain text',
    );
    return next(method, { ...plain, [field]: toPlainText(payload[field] as string, parseMode) }, signal);
  };
}
