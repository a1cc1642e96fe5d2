import { InlineKeyboard } from 'grammy';
import type { Translate } from '../../i18n/translator.js';

export type DraftAction = 'confirm' | 'correct' | 'cancel';

const codes: Record<DraftAction, string> = { confirm: 'c', correct: 'e', cancel: 'x' };
const actions: Record<string, DraftAction> = { c: 'confirm', e: 'correct', x: 'cancel' };

/**
 * A draft button carries only its action and the entry id: `food:c:<uuid>` is 43 bytes, well
 * under Telegram's 64. Nothing in it is trusted: the food service answers "not found" for an
 * id that is not the presser's own, exactly as for one that never existed.
 */
export const draftButtonPattern = /^food:([a-z]):(.{1,56})$/;

export function draftButtonData(action: DraftAction, entryId: string): string {
  return `food:${codes[action]}:${entryId}`;
}

/** The action and entry id of a draft button, or undefined for data no draft button carries. */
export function readDraftButton(data: string): { action: DraftAction; entryId: string } | undefined {
  const match = draftButtonPattern.exec(data);
  const action = match ? actions[match[1] as string] : undefined;
  return match && action ? { action, entryId: match[2] as string } : undefined;
}

export function draftKeyboard(t: Translate, entryId: string): InlineKeyboard {
  return new InlineKeyboard()
    .text(t('food.confirm'), draftButtonData('confirm', entryId))
    .text(t('food.correct'), draftButtonData('correct', entryId))
    .text(t('food.cancel'), draftButtonData('cancel', entryId));
}
