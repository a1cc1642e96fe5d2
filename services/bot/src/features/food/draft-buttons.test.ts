import { createTranslator } from '../../i18n/translator.js';
import { draftButtonData, draftKeyboard, readDraftButton } from './draft-buttons.js';

const entryId = '0b8e6f5e-1f0a-4c1e-9a57-3f0c4a1d2b3c';

describe('draft buttons', () => {
  it('when a draft keyboard is built, then each button carries its action and the entry id within 64 bytes', () => {
    const keyboard = draftKeyboard(createTranslator('en'), entryId).inline_keyboard.flat();
    expect(keyboard.map((button) => button.text)).toEqual(['✅ Confirm', '✏️ Correct', '✖️ Cancel']);
    const data = keyboard.map((button) => ('callback_data' in button ? button.callback_data : ''));
    expect(data).toEqual([`food:c:${entryId}`, `food:e:${entryId}`, `food:x:${entryId}`]);
    for (const value of data) expect(Buffer.byteLength(value)).toBeLessThanOrEqual(64);
  });

  it('when button data is read back, then known actions come back and anything else is undefined', () => {
    expect(readDraftButton(draftButtonData('confirm', entryId))).toEqual({ action: 'confirm', entryId });
    expect(readDraftButton(draftButtonData('correct', entryId))).toEqual({ action: 'correct', entryId });
    expect(readDraftButton(draftButtonData('cancel', entryId))).toEqual({ action: 'cancel', entryId });
    for (const forged of [
      'food:z:abc',
      'food:c:',
      'food:c',
      'food:',
      'garbage',
      `food:c:${'x'.repeat(60)}`,
    ]) {
      expect(readDraftButton(forged)).toBeUndefined();
    }
  });
});
