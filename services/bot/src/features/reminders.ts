import {
  ConflictError,
  type CreateReminderInput,
  isValidTimezone,
  localDayOf,
  NotFoundError,
  type Reminder,
  resolveLocalTime,
  ValidationError,
} from '@health-agent/core';
import { Composer, InlineKeyboard } from 'grammy';
import { accountOf, type BotContext } from '../bot-context.js';
import {
  deleteData,
  listData,
  type ReminderAnswer,
  readReminderButton,
  reminderButtonPattern,
  showListData,
} from '../reminders/reminder-callback-data.js';
import {
  type ParsedReminder,
  parseRemindCommand,
  type ReminderSyntaxError,
} from '../reminders/reminder-syntax.js';
import { clockTime, localMoment, SNOOZE_MINUTES, scheduleText } from '../reminders/reminder-text.js';
import type { FeatureDependencies } from './feature-dependencies.js';
import { editButtonMessage } from './message-editing.js';

/** Reminders per page of /remind list: a page always fits one Telegram message. */
const PAGE_SIZE = 15;
/** A reminder's text in the list is cut here; the full text is in the reminder itself. */
const LIST_TEXT_CHARS = 120;

function zoneOf(ctx: BotContext): string {
  const zone = accountOf(ctx).profile.timezone;
  return isValidTimezone(zone) ? zone : 'UTC';
}

function shorten(text: string, chars: number): string {
  const characters = [...text];
  return characters.length <= chars ? text : `${characters.slice(0, chars - 1).join('')}…`;
}

/** Numbers in the list follow creation, so a reminder keeps its number when others fire. */
function inListOrder(reminders: Reminder[]): Reminder[] {
  return [...reminders].sort(
    (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id),
  );
}

function syntaxErrorText(ctx: BotContext, error: ReminderSyntaxError): string {
  switch (error.problem) {
    case 'time':
      return ctx.t('reminders.badTime', { input: shorten(error.input, 40) });
    case 'days':
      return ctx.t('reminders.badDays', { input: shorten(error.input, 40) });
    case 'date':
      return ctx.t('reminders.badDate', { input: shorten(error.input, 40) });
    case 'message':
      return ctx.t('reminders.noMessage');
    case 'number':
      return ctx.t('reminders.badNumber');
    case 'usage':
      return ctx.t('reminders.usage', { zone: zoneOf(ctx) });
  }
}

/** What the domain refused, in a sentence: its details name the field and the rule. */
function refusalText(ctx: BotContext, error: ValidationError | ConflictError): string {
  const details = Array.isArray(error.details)
    ? (error.details as Array<{ path?: string; message?: string }>)
    : [];
  if (details.some((detail) => detail.path === 'runAt' && /future/.test(detail.message ?? ''))) {
    return ctx.t('reminders.inPast', { zone: zoneOf(ctx) });
  }
  const reasons = details
    .filter((detail) => detail.message)
    .map((detail) =>
      detail.path === 'message'
        ? ctx.t('reminders.textRule', { rule: detail.message as string })
        : detail.message,
    );
  return ctx.t('reminders.invalid', { reason: reasons.length > 0 ? reasons.join('; ') : error.message });
}

function toCreateInput(reminder: ParsedReminder, zone: string): CreateReminderInput {
  switch (reminder.kind) {
    case 'daily':
      return {
        kind: 'daily',
        message: reminder.message,
        time: reminder.time,
        ...(reminder.weekdays ? { weekdays: reminder.weekdays } : {}),
      };
    case 'weekly':
      return { kind: 'weekly', message: reminder.message, time: reminder.time, weekday: reminder.weekday };
    case 'once': {
      const [year, month, day] = reminder.date.split('-').map(Number) as [number, number, number];
      const [hour, minute] = reminder.time.split(':').map(Number) as [number, number];
      const runAt = resolveLocalTime({ year, month, day }, hour, minute, zone);
      return { kind: 'once', message: reminder.message, runAt: runAt.toISOString() };
    }
  }
}

/**
 * /remind: set reminders in a short syntax, list them and delete them; and the Done / Skip /
 * Snooze buttons of delivered reminders (sent by the reminder dispatcher).
 */
export function remindersFeature(deps: FeatureDependencies): Composer<BotContext> {
  const { reminders } = deps.services;
  const composer = new Composer<BotContext>();

  function listView(ctx: BotContext, all: Reminder[], requestedPage: number) {
    const zone = zoneOf(ctx);
    const ordered = inListOrder(all);
    const pages = Math.max(1, Math.ceil(ordered.length / PAGE_SIZE));
    const page = Math.min(requestedPage, pages - 1);
    if (ordered.length === 0) return { text: ctx.t('reminders.none'), keyboard: undefined };
    const shown = ordered.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
    const keyboard = new InlineKeyboard();
    const lines = shown.map((reminder, index) => {
      const position = page * PAGE_SIZE + index + 1;
      if (index > 0 && index % 5 === 0) keyboard.row();
      keyboard.text(ctx.t('reminders.deleteButton', { position }), deleteData(reminder.id, page));
      const state = reminder.nextRunAt
        ? ctx.t('reminders.listNext', { next: localMoment(reminder.nextRunAt, zone, ctx.language) })
        : ctx.t(reminder.pausedReason === 'completed' ? 'reminders.listFinished' : 'reminders.listPaused');
      return ctx.t('reminders.listLine', {
        position,
        schedule: scheduleText(reminder, zone, ctx.t, ctx.language),
        message: shorten(reminder.message, LIST_TEXT_CHARS),
        state,
      });
    });
    if (pages > 1) {
      keyboard.row();
      if (page > 0) keyboard.text(ctx.t('reminders.previousPage'), listData(page - 1));
      if (page < pages - 1) keyboard.text(ctx.t('reminders.nextPage'), listData(page + 1));
    }
    const title = ctx.t('reminders.listTitle', { zone });
    return { text: [title, ...lines, ctx.t('reminders.listFooter')].join('\n\n'), keyboard, page };
  }

  async function showList(ctx: BotContext): Promise<void> {
    const view = listView(ctx, await reminders.list(accountOf(ctx).user.id), 0);
    await ctx.reply(view.text, view.keyboard ? { reply_markup: view.keyboard } : {});
  }

  async function create(ctx: BotContext, parsed: ParsedReminder): Promise<void> {
    const zone = zoneOf(ctx);
    try {
      const reminder = await reminders.create(accountOf(ctx).user.id, toCreateInput(parsed, zone));
      await ctx.reply(
        ctx.t('reminders.created', {
          message: reminder.message,
          schedule: scheduleText(reminder, zone, ctx.t, ctx.language),
          next: reminder.nextRunAt ? localMoment(reminder.nextRunAt, zone, ctx.language) : '-',
        }),
        { reply_markup: new InlineKeyboard().text(ctx.t('reminders.listButton'), showListData) },
      );
    } catch (error) {
      if (!(error instanceof ValidationError || error instanceof ConflictError)) throw error;
      await ctx.reply(refusalText(ctx, error));
    }
  }

  async function deleteAt(ctx: BotContext, position: number): Promise<void> {
    const ordered = inListOrder(await reminders.list(accountOf(ctx).user.id));
    const reminder = ordered[position - 1];
    if (!reminder) {
      await ctx.reply(ctx.t('reminders.noSuchNumber', { position, count: ordered.length }));
      return;
    }
    await reminders.delete(accountOf(ctx).user.id, reminder.id);
    await ctx.reply(
      ctx.t('reminders.deleted', { position, message: shorten(reminder.message, LIST_TEXT_CHARS) }),
    );
  }

  async function answer(ctx: BotContext, kind: ReminderAnswer, reminderId: string, scheduledFor: Date) {
    const userId = accountOf(ctx).user.id;
    const occurrence = { scheduledFor: scheduledFor.toISOString() };
    const zone = zoneOf(ctx);
    try {
      if (kind === 'done') {
        const { reminder, activity } = await reminders.markDone(userId, reminderId, occurrence);
        await ctx.answerCallbackQuery(
          activity.xpAwarded > 0 ? { text: ctx.t('reminders.xpNotice', { xp: activity.xpAwarded }) } : {},
        );
        const lines = [
          ctx.t('reminders.answeredDone', { message: reminder.message, xp: activity.xpAwarded }),
        ];
        if (activity.leveledUp) lines.push(ctx.t('reminders.levelUp', { level: activity.level }));
        await editButtonMessage(ctx, lines.join('\n'));
      } else if (kind === 'skip') {
        const { reminder } = await reminders.skip(userId, reminderId, occurrence);
        await ctx.answerCallbackQuery();
        await editButtonMessage(ctx, ctx.t('reminders.answeredSkipped', { message: reminder.message }));
      } else {
        const result = await reminders.snooze(userId, reminderId, { ...occurrence, minutes: SNOOZE_MINUTES });
        await ctx.answerCallbackQuery();
        const next = result.mergedWithRegular ? result.reminder.nextRunAt : result.snoozedUntil;
        const key = result.mergedWithRegular
          ? 'reminders.answeredSnoozedMerged'
          : 'reminders.answeredSnoozed';
        await editButtonMessage(
          ctx,
          ctx.t(key, {
            message: result.reminder.message,
            time: clockTime(next ?? result.snoozedUntil, zone, ctx.language),
          }),
        );
      }
    } catch (error) {
      // Someone else's reminder, a deleted one or a forged occurrence all look alike: expired.
      if (error instanceof NotFoundError || error instanceof ValidationError) {
        await ctx.answerCallbackQuery({ text: ctx.t('callback.expired') });
      } else if (error instanceof ConflictError) {
        await ctx.answerCallbackQuery({ text: ctx.t('reminders.notAnswerable') });
      } else {
        throw error;
      }
    }
  }

  composer.command('remind', async (ctx) => {
    const today = localDayOf(deps.clock.now(), { timezone: zoneOf(ctx), dayStartHour: 0 });
    const command = parseRemindCommand(ctx.match, today);
    switch (command.action) {
      case 'help':
        await ctx.reply(ctx.t('reminders.usage', { zone: zoneOf(ctx) }));
        return;
      case 'list':
        return showList(ctx);
      case 'delete':
        return deleteAt(ctx, command.position);
      case 'create':
        return create(ctx, command.reminder);
      case 'invalid':
        await ctx.reply(syntaxErrorText(ctx, command.error));
        return;
    }
  });

  composer.callbackQuery(reminderButtonPattern, async (ctx) => {
    const button = readReminderButton(ctx.callbackQuery.data);
    if (!button) {
      await ctx.answerCallbackQuery({ text: ctx.t('callback.expired') });
      return;
    }
    const userId = accountOf(ctx).user.id;
    if (button.kind === 'answer') {
      await answer(ctx, button.answer, button.reminderId, button.scheduledFor);
      return;
    }
    if (button.kind === 'showList') {
      await ctx.answerCallbackQuery();
      await showList(ctx);
      return;
    }
    if (button.kind === 'delete') {
      try {
        await reminders.delete(userId, button.reminderId);
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error;
        await ctx.answerCallbackQuery({ text: ctx.t('callback.expired') });
        return;
      }
      await ctx.answerCallbackQuery({ text: ctx.t('reminders.deletedNotice') });
    } else {
      await ctx.answerCallbackQuery();
    }
    const view = listView(ctx, await reminders.list(userId), button.page);
    await editButtonMessage(ctx, view.text, view.keyboard);
  });

  return composer;
}
