import { createLogger } from '@health-agent/core';
import type { ApiCall, ApiPayload, ApiResult } from './api-stage.js';
import { markdownFallbackStage } from './markdown-fallback-stage.js';

const unparsable: ApiResult = {
  ok: false,
  error_code: 400,
  description: "Bad Request: can't parse entities: Can't find end of the entity starting at byte offset 8",
};
const sent: ApiResult = { ok: true, result: true };

function recording(...answers: ApiResult[]): ApiCall & { payloads: ApiPayload[] } {
  const payloads: ApiPayload[] = [];
  const next = async (_method: string, payload: ApiPayload) => {
    payloads.push(payload);
    return answers.shift() ?? sent;
  };
  return Object.assign(next, { payloads });
}

describe('markdown fallback stage', () => {
  const stage = markdownFallbackStage(createLogger({ level: 'silent', service: 'test' }));

  it('when Telegram cannot parse the formatting, then the text goes again, plain', async () => {
    const next = recording(unparsable);
    expect(
      await stage(next, 'sendMessage', { chat_id: 1, text: '<b>Goal</b> &amp; <i>x', parse_mode: 'HTML' }),
    ).toEqual(sent);
    expect(next.payloads[1]).toEqual({ chat_id: 1, text: 'Goal & x' });
  });

  it('when a caption cannot be parsed, then the caption goes plain', async () => {
    const next = recording(unparsable);
    await stage(next, 'sendPhoto', { chat_id: 1, photo: 'file', caption: 'a\\.b', parse_mode: 'MarkdownV2' });
    expect(next.payloads[1]).toEqual({ chat_id: 1, photo: 'file', caption: 'a.b' });
  });

  it('when there was no formatting or another error, then the answer comes back untouched', async () => {
    const next = recording(unparsable, {
      ok: false,
      error_code: 400,
      description: 'Bad Request: message is too long',
    });
    expect(await stage(next, 'sendMessage', { chat_id: 1, text: 'x' })).toEqual(unparsable);
    expect(await stage(next, 'sendMessage', { chat_id: 1, text: 'x', parse_mode: 'HTML' })).toMatchObject({
      error_code: 400,
    });
    const noText = recording(unparsable);
    expect(await stage(noText, 'sendPhoto', { chat_id: 1, photo: 'file', parse_mode: 'HTML' })).toEqual(
      unparsable,
    );
    expect(next.payloads).toHaveLength(2);
  });
});
