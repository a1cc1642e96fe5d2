import {
  ConflictError,
  type FoodEntry,
  type FoodEntryEdit,
  MAX_TEXT_LENGTH,
  NotFoundError,
  ValidationError,
} from '@health-agent/core';
import { Composer } from 'grammy';
import { accountOf, type BotContext } from '../bot-context.js';
import type { FoodCorrectionFlow } from '../conversation/flow.js';
import type { MessageKey } from '../locales/en.js';
import type { FeatureDependencies } from './feature-dependencies.js';
import { draftButtonPattern, draftKeyboard, readDraftButton } from './food/draft-buttons.js';
import { type DraftCorrection, readDraftCorrection } from './food/draft-correction.js';
import { draftMessage, foodReaderOf, savedMessage, unmatchedLines } from './food/draft-message.js';
import { readMealMessage } from './food/meal-message.js';
import {
  type MealPhotoReader,
  type MealPhotoReading,
  mealTextOf,
  noVisionModel,
} from './food/meal-photo-reader.js';
import { editButtonMessage } from './message-editing.js';
import { logParsedMetric } from './metric-logging.js';
import { recogniseMetricPhrase } from './metric-phrases.js';

export interface FoodFeatureOptions {
  /** Default: no vision model, so a photo is answered by asking for a description. */
  mealPhotos?: MealPhotoReader;
}

/** Why a draft button cannot do what it says; answered as an alert, nothing changes. */
type StaleReason = 'food.stale.gone' | 'food.stale.saved' | 'food.stale.expired';

function correctionFlow(ctx: BotContext): FoodCorrectionFlow | undefined {
  const flow = ctx.session.flow;
  return flow?.kind === 'food_correction' ? flow : undefined;
}

/** The first problem a ValidationError names, as the domain words it. */
function reasonOf(error: ValidationError): string {
  const details = Array.isArray(error.details) ? (error.details as Array<{ message?: string }>) : [];
  return details[0]?.message ?? error.message;
}

/** Errors that mean a draft button or a correction arrived too late or for someone else's entry. */
function staleReasonOf(error: unknown): StaleReason | undefined {
  if (error instanceof NotFoundError) return 'food.stale.gone';
  if (error instanceof ConflictError) {
    const reason = (error.details as { reason?: string } | undefined)?.reason;
    return reason === 'already_confirmed' ? 'food.stale.saved' : 'food.stale.expired';
  }
  return undefined;
}

function editOf(correction: Exclude<DraftCorrection, { kind: 'unclear' }>): FoodEntryEdit {
  switch (correction.kind) {
    case 'grams':
      return { items: [{ index: correction.index, grams: correction.grams }] };
    case 'remove':
      return { items: [{ index: correction.index, remove: true }] };
    case 'text':
      return { text: correction.text };
  }
}

/**
 * Food logging in chat: free text and /log become a draft shown with items, grams and kcal and
 * Confirm / Correct / Cancel buttons. Nothing is saved before Confirm; Correct takes a reply
 * such as "it was 3 eggs" and shows the changed draft. Photos go through a vision reader when
 * one is plugged in and otherwise ask for a description: a photo alone never makes an entry.
 */
export function foodFeature(
  deps: FeatureDependencies,
  options: FoodFeatureOptions = {},
): Composer<BotContext> {
  const { food } = deps.services;
  const photos = options.mealPhotos ?? noVisionModel;
  const composer = new Composer<BotContext>();

  async function alert(ctx: BotContext, reason: StaleReason): Promise<void> {
    await ctx.answerCallbackQuery({ text: ctx.t(reason), show_alert: true });
  }

  function forgetCorrection(ctx: BotContext, entryId?: string): void {
    const flow = correctionFlow(ctx);
    if (flow && (entryId === undefined || flow.entryId === entryId)) ctx.session.flow = undefined;
  }

  /** Drafts the food in a message; `notFood` answers a message in which nothing at all was food. */
  async function draftFood(ctx: BotContext, text: string, notFood: MessageKey): Promise<void> {
    if (text.length > MAX_TEXT_LENGTH) {
      await ctx.reply(ctx.t('food.tooLong', { max: MAX_TEXT_LENGTH }));
      return;
    }
    const { foodText, meal } = readMealMessage(text);
    const userId = accountOf(ctx).user.id;
    let result: Awaited<ReturnType<typeof food.draftFromText>>;
    try {
      result = await food.draftFromText(userId, foodText, meal ? { meal } : {});
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      await ctx.reply(ctx.t('food.refused', { reason: reasonOf(error) }));
      return;
    }
    if (result.status === 'nothing_matched') {
      const onlyUnknown = result.unmatched.every((phrase) => phrase.reason === 'food_not_found');
      await ctx.reply(
        onlyUnknown
          ? ctx.t(notFood)
          : [
              ctx.t('food.nothingLogged'),
              ...unmatchedLines(ctx.t, result.unmatched),
              ctx.t('food.nothingLoggedHint'),
            ].join('\n'),
      );
      return;
    }
    ctx.logger.info(
      { userId, entryId: result.entry.id, unmatched: result.unmatched.length },
      'food draft shown',
    );
    await ctx.reply(draftMessage(foodReaderOf(ctx), result.entry, result.unmatched), {
      reply_markup: draftKeyboard(ctx.t, result.entry.id),
    });
  }

  /**
   * Free text nobody else was waiting for: a metric phrase first ("drank 500 ml water", which
   * the food parser would read as a 0 kcal drink), logged as the metric commands do; else food.
   */
  async function readFreeText(ctx: BotContext, text: string): Promise<void> {
    const metric = recogniseMetricPhrase(text, { units: accountOf(ctx).profile.units });
    if (metric) return logParsedMetric(ctx, deps.services.healthMetrics, metric);
    await draftFood(ctx, text, 'food.notUnderstood');
  }

  async function confirm(ctx: BotContext, entryId: string): Promise<void> {
    let result: Awaited<ReturnType<typeof food.confirm>>;
    try {
      result = await food.confirm(accountOf(ctx).user.id, entryId);
    } catch (error) {
      const stale = staleReasonOf(error);
      if (!stale) throw error;
      return alert(ctx, stale);
    }
    if (!result.newlyConfirmed) return alert(ctx, 'food.stale.saved');
    forgetCorrection(ctx, entryId);
    await ctx.answerCallbackQuery({ text: ctx.t('food.savedToast') });
    await editButtonMessage(ctx, savedMessage(foodReaderOf(ctx), result.entry, result.activity));
  }

  async function cancel(ctx: BotContext, entryId: string): Promise<void> {
    try {
      await food.discardDraft(accountOf(ctx).user.id, entryId);
    } catch (error) {
      const stale = staleReasonOf(error);
      if (!stale) throw error;
      return alert(ctx, stale);
    }
    forgetCorrection(ctx, entryId);
    await ctx.answerCallbackQuery({ text: ctx.t('food.cancelledToast') });
    await editButtonMessage(ctx, ctx.t('food.cancelled'));
  }

  /** The draft, while it can still change; otherwise why not. */
  async function openDraft(ctx: BotContext, entryId: string): Promise<FoodEntry | StaleReason> {
    let entry: FoodEntry;
    try {
      entry = await food.getEntry(accountOf(ctx).user.id, entryId);
    } catch (error) {
      const stale = staleReasonOf(error);
      if (!stale) throw error;
      return stale;
    }
    if (entry.status === 'confirmed') return 'food.stale.saved';
    const expiresAt = entry.draftExpiresAt?.getTime() ?? 0;
    return expiresAt <= deps.clock.now().getTime() ? 'food.stale.expired' : entry;
  }

  /** Checks the draft can still change, then waits for the change as the next message. */
  async function askForCorrection(ctx: BotContext, entryId: string): Promise<void> {
    const draft = await openDraft(ctx, entryId);
    if (typeof draft === 'string') return alert(ctx, draft);
    const messageId = ctx.callbackQuery?.message?.message_id;
    ctx.session.flow = {
      kind: 'food_correction',
      id: deps.newFlowId(),
      entryId,
      ...(messageId !== undefined ? { draftMessageId: messageId } : {}),
    };
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t('food.correctPrompt'));
  }

  /** The old draft message loses its buttons, so only the changed draft can be confirmed. */
  async function retireDraftMessage(ctx: BotContext, flow: FoodCorrectionFlow): Promise<void> {
    const chatId = ctx.chat?.id;
    if (flow.draftMessageId === undefined || chatId === undefined) return;
    try {
      await ctx.api.editMessageText(chatId, flow.draftMessageId, ctx.t('food.draftReplaced'));
    } catch (error) {
      // Too old or already changed: the new draft below is what counts.
      ctx.logger.debug({ err: error, entryId: flow.entryId }, 'old food draft message not edited');
    }
  }

  async function applyCorrection(ctx: BotContext, flow: FoodCorrectionFlow, text: string): Promise<void> {
    if (text.length > MAX_TEXT_LENGTH) {
      await ctx.reply(ctx.t('food.tooLong', { max: MAX_TEXT_LENGTH }));
      return;
    }
    const userId = accountOf(ctx).user.id;
    const draft = await openDraft(ctx, flow.entryId);
    if (typeof draft === 'string') {
      ctx.session.flow = undefined;
      await ctx.reply(ctx.t(draft));
      return;
    }
    const correction = readDraftCorrection(draft.items, text);
    if (correction.kind === 'unclear') {
      await ctx.reply(ctx.t('food.correctionUnclear'));
      return;
    }
    let result: Awaited<ReturnType<typeof food.editEntry>>;
    try {
      result = await food.editEntry(userId, flow.entryId, editOf(correction));
    } catch (error) {
      if (error instanceof ValidationError) {
        const details = Array.isArray(error.details) ? (error.details as Array<{ path?: string }>) : [];
        const nothingMatched =
          correction.kind === 'text' && details.every((detail) => detail.path === 'text');
        await ctx.reply(
          nothingMatched
            ? ctx.t('food.correctionNothingMatched')
            : ctx.t('food.correctionRefused', { reason: reasonOf(error) }),
        );
        return;
      }
      const late = staleReasonOf(error);
      if (!late) throw error;
      ctx.session.flow = undefined;
      await ctx.reply(ctx.t(late));
      return;
    }
    ctx.session.flow = undefined;
    ctx.logger.info({ userId, entryId: flow.entryId, change: correction.kind }, 'food draft corrected');
    await retireDraftMessage(ctx, flow);
    await ctx.reply(draftMessage(foodReaderOf(ctx), result.entry, result.unmatched), {
      reply_markup: draftKeyboard(ctx.t, result.entry.id),
    });
  }

  async function readPhoto(ctx: BotContext, fileId: string): Promise<MealPhotoReading> {
    try {
      return await photos.readMeal({ userId: accountOf(ctx).user.id, fileId });
    } catch (error) {
      ctx.logger.warn({ err: error }, 'meal photo could not be read');
      return { status: 'unavailable' };
    }
  }

  composer.command('log', async (ctx) => {
    forgetCorrection(ctx);
    const text = ctx.match.trim();
    if (text === '') {
      await ctx.reply(ctx.t('food.askWhatEaten'));
      return;
    }
    await readFreeText(ctx, text);
  });

  composer.callbackQuery(draftButtonPattern, async (ctx) => {
    const button = readDraftButton(ctx.callbackQuery.data);
    if (!button) return alert(ctx, 'food.stale.gone');
    switch (button.action) {
      case 'confirm':
        return confirm(ctx, button.entryId);
      case 'cancel':
        return cancel(ctx, button.entryId);
      case 'correct':
        return askForCorrection(ctx, button.entryId);
    }
  });

  composer.on('message:text', async (ctx, next) => {
    const text = ctx.message.text;
    if (text.startsWith('/')) return next();
    const flow = ctx.session.flow;
    if (flow?.kind === 'food_correction') return applyCorrection(ctx, flow, text);
    // Another feature asked a question: the answer is theirs.
    if (flow) return next();
    await readFreeText(ctx, text);
  });

  composer.on('message:photo', async (ctx) => {
    const caption = ctx.message.caption?.trim();
    // A caption is the user describing the meal in words: the same draft as typed text.
    if (caption) return draftFood(ctx, caption, 'food.photoDescribe');
    const largest = ctx.message.photo[ctx.message.photo.length - 1];
    const reading = largest ? await readPhoto(ctx, largest.file_id) : ({ status: 'unavailable' } as const);
    const text = reading.status === 'read' ? mealTextOf(reading.foods) : '';
    if (text === '') {
      await ctx.reply(ctx.t('food.photoDescribe'));
      return;
    }
    await draftFood(ctx, text, 'food.photoUnclear');
  });

  return composer;
}
