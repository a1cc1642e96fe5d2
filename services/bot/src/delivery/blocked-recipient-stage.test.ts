import { createLogger } from '@health-agent/core';
import type { ApiResult } from './api-stage.js';
import { blockedRecipientStage } from './blocked-recipient-stage.js';

const blocked: ApiResult = {
  ok: false,
  error_code: 403,
  description: 'Forbidden: bot was blocked by the user',
};

describe('blocked recipient stage', () => {
  it('when Telegram answers 403, then the recipient is marked unreachable and the answer passes on', async () => {
    const marked: Array<[number, string]> = [];
    const stage = blockedRecipientStage({
      outbox: {
        markRecipientUnreachable: async (chatId, reason) => {
          marked.push([chatId, reason]);
          return { paused: true, abandoned: 0 };
        },
      },
      logger: createLogger({ level: 'silent', service: 'test' }),
    });
    expect(await stage(async () => blocked, 'sendMessage', { chat_id: 77, text: 'x' })).toEqual(blocked);
    expect(await stage(async () => ({ ok: true, result: true }), 'sendMessage', { chat_id: 78 })).toEqual({
      ok: true,
      result: true,
    });
    expect(await stage(async () => blocked, 'getMe', {})).toEqual(blocked);
    expect(marked).toEqual([[77, 'Forbidden: bot was blocked by the user']]);
  });

  it('when pausing fails, then the 403 still reaches the caller', async () => {
    const stage = blockedRecipientStage({
      outbox: {
        markRecipientUnreachable: async () => {
          throw new Error('database down');
        },
      },
      logger: createLogger({ level: 'silent', service: 'test' }),
    });
    expect(await stage(async () => blocked, 'sendMessage', { chat_id: 77 })).toEqual(blocked);
  });
});
