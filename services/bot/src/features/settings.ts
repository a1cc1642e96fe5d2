import { type ProfilePatch, ValidationError } from '@health-agent/core';
import { Composer, InlineKeyboard } from 'grammy';
import { accountOf, type BotContext } from '../bot-context.js';
import type { SettingsFlow } from '../conversation/flow.js';
import { createTranslator, isLanguage, languageNames, languages } from '../i18n/translator.js';
import { parseQuietHours } from '../parsing/body-measurements.js';
import type { FeatureDependencies } from './feature-dependencies.js';
import { editButtonMessage } from './message-editing.js';
import { askForTimezone, confirmTimezone, proposeTimezone, timezoneFromText } from './timezone-prompt.js';

/** Quiet-hour windows offered as buttons; any other is typed as "22-7". */
const quietPresets: ReadonlyArray<[number, number]> = [
  [22, 7],
  [23, 7],
  [21, 6],
  [22, 8],
];

function settingsFlow(ctx: BotContext): SettingsFlow | undefined {
  const flow = ctx.session.flow;
  return flow?.kind === 'settings' ? flow : undefined;
}

function quietRange(ctx: BotContext, start: number, end: number): string {
  const pad = (hour: number) => String(hour).padStart(2, '0');
  return ctx.t('settings.quietRange', { start: pad(start), end: pad(end) });
}

function summary(ctx: BotContext): string {
  const profile = accountOf(ctx).profile;
  const quiet =
    profile.quietHoursStart === null || profile.quietHoursEnd === null
      ? ctx.t('settings.quietNone')
      : quietRange(ctx, profile.quietHoursStart, profile.quietHoursEnd);
  return ctx.t('settings.summary', {
    language: languageNames[profile.language],
    units: ctx.t(`units.name.${profile.units}`),
    zone: profile.timezone,
    quiet,
  });
}

function menu(ctx: BotContext): InlineKeyboard {
  return new InlineKeyboard()
    .text(ctx.t('settings.language'), 'set:lang')
    .text(ctx.t('settings.units'), 'set:units')
    .row()
    .text(ctx.t('settings.timezone'), 'set:tz')
    .text(ctx.t('settings.quietHours'), 'set:quiet');
}

/**
 * /settings: language, units, time zone and quiet hours, changed with buttons (and a typed
 * answer where a list of buttons cannot cover it: a city, a quiet-hours window).
 */
export function settingsFeature(deps: FeatureDependencies): Composer<BotContext> {
  const { profiles } = deps.services;
  const composer = new Composer<BotContext>();

  async function save(ctx: BotContext, patch: ProfilePatch): Promise<boolean> {
    const account = accountOf(ctx);
    try {
      account.profile = await profiles.updateProfile(account.user.id, patch);
      return true;
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      await ctx.reply(ctx.t('goals.invalidValue', { reason: error.message }));
      return false;
    }
  }

  async function setQuietHours(
    ctx: BotContext,
    window: { start: number; end: number } | null,
  ): Promise<boolean> {
    const saved = await save(ctx, {
      quietHoursStart: window?.start ?? null,
      quietHoursEnd: window?.end ?? null,
    });
    if (saved && settingsFlow(ctx)?.step === 'quiet_hours') ctx.session.flow = undefined;
    return saved;
  }

  composer.command('settings', async (ctx) => {
    await ctx.reply(summary(ctx), { reply_markup: menu(ctx) });
  });

  composer.callbackQuery('set:menu', async (ctx) => {
    await ctx.answerCallbackQuery();
    await editButtonMessage(ctx, summary(ctx), menu(ctx));
  });

  composer.callbackQuery('set:lang', async (ctx) => {
    await ctx.answerCallbackQuery();
    const keyboard = new InlineKeyboard();
    for (const language of languages) keyboard.text(languageNames[language], `set:lang:${language}`);
    keyboard.row().text(ctx.t('settings.back'), 'set:menu');
    await editButtonMessage(ctx, ctx.t('settings.chooseLanguage'), keyboard);
  });

  composer.callbackQuery(/^set:lang:([a-z]{2})$/, async (ctx) => {
    const language = ctx.match[1];
    if (!isLanguage(language)) return ctx.answerCallbackQuery({ text: ctx.t('callback.expired') });
    if (!(await save(ctx, { language }))) return ctx.answerCallbackQuery();
    ctx.language = language;
    ctx.t = createTranslator(language);
    await ctx.answerCallbackQuery({ text: ctx.t('settings.languageSet') });
    await editButtonMessage(ctx, summary(ctx), menu(ctx));
  });

  composer.callbackQuery('set:units', async (ctx) => {
    await ctx.answerCallbackQuery();
    const keyboard = new InlineKeyboard()
      .text(ctx.t('units.metric'), 'set:units:metric')
      .row()
      .text(ctx.t('units.imperial'), 'set:units:imperial')
      .row()
      .text(ctx.t('settings.back'), 'set:menu');
    await editButtonMessage(ctx, ctx.t('settings.chooseUnits'), keyboard);
  });

  composer.callbackQuery(/^set:units:(metric|imperial)$/, async (ctx) => {
    const units = ctx.match[1] as 'metric' | 'imperial';
    if (!(await save(ctx, { units }))) return ctx.answerCallbackQuery();
    await ctx.answerCallbackQuery({ text: ctx.t('units.set', { units: ctx.t(`units.name.${units}`) }) });
    await editButtonMessage(ctx, summary(ctx), menu(ctx));
  });

  composer.callbackQuery('set:tz', async (ctx) => {
    await ctx.answerCallbackQuery();
    ctx.session.flow = { kind: 'settings', id: deps.newFlowId(), step: 'timezone' };
    await askForTimezone(ctx, ctx.t('timezone.ask'));
  });

  composer.callbackQuery(/^set:tz:([a-z0-9]{1,16}):(yes|no)$/, async (ctx) => {
    const flow = settingsFlow(ctx);
    const [, id, choice] = ctx.match;
    if (!flow || flow.id !== id || flow.step !== 'timezone' || !flow.proposedTimezone) {
      return ctx.answerCallbackQuery({ text: ctx.t('callback.expired') });
    }
    await ctx.answerCallbackQuery();
    if (choice === 'no') {
      ctx.session.flow = { kind: 'settings', id: flow.id, step: 'timezone' };
      await ctx.reply(ctx.t('timezone.typeInstead'));
      return;
    }
    if (!(await save(ctx, { timezone: flow.proposedTimezone }))) return;
    ctx.session.flow = undefined;
    await confirmTimezone(ctx, flow.proposedTimezone, deps.clock.now());
  });

  composer.callbackQuery('set:quiet', async (ctx) => {
    await ctx.answerCallbackQuery();
    ctx.session.flow = { kind: 'settings', id: deps.newFlowId(), step: 'quiet_hours' };
    const keyboard = new InlineKeyboard();
    for (const [start, end] of quietPresets)
      keyboard.text(quietRange(ctx, start, end), `set:quiet:${start}-${end}`);
    keyboard
      .row()
      .text(ctx.t('settings.quietOff'), 'set:quiet:off')
      .row()
      .text(ctx.t('settings.back'), 'set:menu');
    await editButtonMessage(ctx, ctx.t('settings.chooseQuietHours'), keyboard);
  });

  composer.callbackQuery(/^set:quiet:(off|\d{1,2}-\d{1,2})$/, async (ctx) => {
    const choice = ctx.match[1] as string;
    const window = choice === 'off' ? null : parseQuietHours(choice);
    if (window === undefined) return ctx.answerCallbackQuery({ text: ctx.t('callback.expired') });
    if (!(await setQuietHours(ctx, window))) return ctx.answerCallbackQuery();
    await ctx.answerCallbackQuery({
      text: window
        ? ctx.t('settings.quietSet', { range: quietRange(ctx, window.start, window.end) })
        : ctx.t('settings.quietCleared'),
    });
    await editButtonMessage(ctx, summary(ctx), menu(ctx));
  });

  composer.on('message', async (ctx, next) => {
    const flow = settingsFlow(ctx);
    const text = ctx.message.text;
    if (!flow || text?.startsWith('/')) return next();
    if (flow.step === 'timezone' && ctx.message.location) {
      const proposed = await proposeTimezone(ctx, ctx.message.location, deps.clock.now(), {
        yes: `set:tz:${flow.id}:yes`,
        no: `set:tz:${flow.id}:no`,
      });
      ctx.session.flow = proposed ? { ...flow, proposedTimezone: proposed } : flow;
      return;
    }
    if (text === undefined) return next();
    if (flow.step === 'timezone') {
      const zone = await timezoneFromText(ctx, text);
      if (!zone || !(await save(ctx, { timezone: zone }))) return;
      ctx.session.flow = undefined;
      await confirmTimezone(ctx, zone, deps.clock.now());
      return;
    }
    const window = /^(off|none|0)$/i.test(text.trim()) ? null : parseQuietHours(text);
    if (window === undefined) {
      await ctx.reply(ctx.t('settings.quietInvalid'));
      return;
    }
    if (!(await setQuietHours(ctx, window))) return;
    await ctx.reply(
      window
        ? ctx.t('settings.quietSet', { range: quietRange(ctx, window.start, window.end) })
        : ctx.t('settings.quietCleared'),
    );
  });

  return composer;
}
