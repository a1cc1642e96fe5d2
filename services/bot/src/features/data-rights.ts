import { type AuditActor, isValidTimezone, localDayOf } from '@health-agent/core';
import { Composer, InlineKeyboard, InputFile } from 'grammy';
import { accountOf, type BotContext } from '../bot-context.js';
import type { DataDeletionFlow } from '../conversation/flow.js';
import type { FeatureDependencies } from './feature-dependencies.js';
import { editButtonMessage } from './message-editing.js';

/** How long after the button the typed confirmation word is accepted. */
const CONFIRMATION_MS = 10 * 60_000;
/** Accepted in every language, besides the person's own word. */
const ENGLISH_WORD = 'DELETE';

function deletionFlow(ctx: BotContext): DataDeletionFlow | undefined {
  const flow = ctx.session.flow;
  return flow?.kind === 'data_deletion' ? flow : undefined;
}

function selfActor(userId: string): AuditActor {
  return { type: 'user', id: userId };
}

/**
 * /export sends everything stored about the person as a JSON file and their food diary as
 * CSV. /delete removes it all after two confirmations: a button, then a typed word; afterwards
 * the bot meets them as a new person.
 */
export function dataRightsFeature(deps: FeatureDependencies): Composer<BotContext> {
  const { dataRights } = deps.services;
  const composer = new Composer<BotContext>();

  composer.command('export', async (ctx) => {
    const { user, profile } = accountOf(ctx);
    const zone = isValidTimezone(profile.timezone) ? profile.timezone : 'UTC';
    const day = localDayOf(deps.clock.now(), { timezone: zone, dayStartHour: 0 });
    const document = await dataRights.exportUserData(user.id, selfActor(user.id));
    await ctx.replyWithDocument(
      new InputFile(
        Buffer.from(JSON.stringify(document, null, 2), 'utf8'),
        `health-agent-export-${day}.json`,
      ),
      { caption: ctx.t('dataRights.exportJsonCaption') },
    );
    const csv = await dataRights.exportFoodCsv(user.id, selfActor(user.id));
    await ctx.replyWithDocument(new InputFile(Buffer.from(csv, 'utf8'), `food-diary-${day}.csv`), {
      caption: ctx.t('dataRights.exportCsvCaption'),
    });
  });

  composer.command('delete', async (ctx) => {
    const flow: DataDeletionFlow = {
      kind: 'data_deletion',
      id: deps.newFlowId(),
      step: 'button',
      expiresAt: deps.clock.now().getTime() + CONFIRMATION_MS,
    };
    ctx.session.flow = flow;
    await ctx.reply(ctx.t('dataRights.deleteWarning'), {
      reply_markup: new InlineKeyboard()
        .text(ctx.t('dataRights.deleteButton'), `del:${flow.id}:yes`)
        .row()
        .text(ctx.t('dataRights.keepButton'), `del:${flow.id}:no`),
    });
  });

  composer.callbackQuery(/^del:([a-z0-9]{1,16}):(yes|no)$/, async (ctx) => {
    const [, id, choice] = ctx.match;
    const flow = deletionFlow(ctx);
    const now = deps.clock.now().getTime();
    if (!flow || flow.id !== id || flow.step !== 'button' || now > flow.expiresAt) {
      await ctx.answerCallbackQuery({ text: ctx.t('callback.expired') });
      return;
    }
    await ctx.answerCallbackQuery();
    if (choice === 'no') {
      ctx.session.flow = undefined;
      await editButtonMessage(ctx, ctx.t('dataRights.kept'));
      return;
    }
    ctx.session.flow = { ...flow, step: 'typed_word', expiresAt: now + CONFIRMATION_MS };
    await editButtonMessage(ctx, ctx.t('dataRights.typeWord', { word: ctx.t('dataRights.confirmWord') }));
  });

  composer.on('message', async (ctx, next) => {
    const flow = deletionFlow(ctx);
    const text = ctx.message.text;
    if (flow?.step !== 'typed_word' || text === undefined || text.startsWith('/')) return next();
    ctx.session.flow = undefined;
    if (deps.clock.now().getTime() > flow.expiresAt) {
      await ctx.reply(ctx.t('dataRights.requestExpired'));
      return;
    }
    const typed = text.trim().toUpperCase();
    if (typed !== ctx.t('dataRights.confirmWord').toUpperCase() && typed !== ENGLISH_WORD) {
      await ctx.reply(ctx.t('dataRights.wordMismatch'));
      return;
    }
    const userId = accountOf(ctx).user.id;
    await dataRights.deleteUser(userId, selfActor(userId));
    ctx.logger.info({ userId }, 'user deleted their data from the bot');
    await ctx.reply(ctx.t('dataRights.deleted'));
  });

  return composer;
}
