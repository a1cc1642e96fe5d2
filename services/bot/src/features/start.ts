import {
  type ActivityLevel,
  formatVolume,
  goalRequestSchema,
  kgPerLb,
  type ProfilePatch,
  type Units,
  ValidationError,
} from '@health-agent/core';
import { Composer, InlineKeyboard } from 'grammy';
import { accountOf, type BotContext } from '../bot-context.js';
import type { OnboardingFlow } from '../conversation/flow.js';
import { isOnboarded, onboardedPreferences } from '../conversation/onboarding-state.js';
import { createTranslator, languageFromTelegram } from '../i18n/translator.js';
import { parseBirthDate, parseHeightCm, parseWeightKg } from '../parsing/body-measurements.js';
import type { FeatureDependencies } from './feature-dependencies.js';
import { askForTimezone, confirmTimezone, proposeTimezone, timezoneFromText } from './timezone-prompt.js';

const activityLevels: readonly ActivityLevel[] = ['sedentary', 'light', 'moderate', 'active', 'very_active'];

/** Weekly rates offered as buttons, in the person's own units (negative: lose). */
const rateChoices: Record<Units, readonly number[]> = {
  metric: [-1, -0.75, -0.5, -0.25, 0, 0.25, 0.5],
  imperial: [-2, -1.5, -1, -0.5, 0, 0.5, 1],
};

function rateInKg(units: Units, choice: number): number {
  return units === 'metric' ? choice : Math.round(choice * kgPerLb * 100) / 100;
}

const buttonPattern = /^ob:([a-z0-9]{1,16}):([a-z]+)(?::([a-z0-9_-]{1,20}))?$/;

function onboardingFlow(ctx: BotContext): OnboardingFlow | undefined {
  const flow = ctx.session.flow;
  return flow?.kind === 'onboarding' ? flow : undefined;
}

function expired(ctx: BotContext): Promise<unknown> {
  return ctx.answerCallbackQuery({ text: ctx.t('callback.expired') });
}

/**
 * /start: admits with an invite (the access gate did that), then onboarding one question at a
 * time: name, time zone, units and optionally energy goals under the domain's safety rules.
 * Answers are saved as they come, so leaving halfway keeps what was said.
 */
export function startFeature(deps: FeatureDependencies): Composer<BotContext> {
  const { profiles } = deps.services;
  const composer = new Composer<BotContext>();

  function nameOf(ctx: BotContext): string {
    return accountOf(ctx).profile.name ?? ctx.from?.first_name ?? '';
  }

  /** Saves profile fields; a value the domain refuses is explained and false returned. */
  async function save(ctx: BotContext, patch: ProfilePatch): Promise<boolean> {
    const account = accountOf(ctx);
    try {
      account.profile = await profiles.updateProfile(account.user.id, patch);
      return true;
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const details = Array.isArray(error.details) ? (error.details as Array<{ message?: string }>) : [];
      await ctx.reply(ctx.t('goals.invalidValue', { reason: details[0]?.message ?? error.message }));
      return false;
    }
  }

  async function moveTo(ctx: BotContext, flow: OnboardingFlow, step: OnboardingFlow['step']): Promise<void> {
    const next: OnboardingFlow = { kind: 'onboarding', id: flow.id, step };
    if (flow.weightKg !== undefined) next.weightKg = flow.weightKg;
    ctx.session.flow = next;
    await ask(ctx, next);
  }

  async function ask(ctx: BotContext, flow: OnboardingFlow): Promise<void> {
    const button = (action: string, value?: string) => `ob:${flow.id}:${action}${value ? `:${value}` : ''}`;
    const units = accountOf(ctx).profile.units;
    switch (flow.step) {
      case 'name': {
        const first = ctx.from?.first_name?.trim();
        const keyboard = first
          ? new InlineKeyboard().text(
              ctx.t('onboarding.useName', { name: first.slice(0, 40) }),
              button('name'),
            )
          : undefined;
        await ctx.reply(ctx.t('onboarding.askName'), keyboard ? { reply_markup: keyboard } : {});
        return;
      }
      case 'timezone':
        await askForTimezone(ctx, ctx.t('onboarding.askTimezone', { name: nameOf(ctx) }));
        return;
      case 'units':
        await ctx.reply(ctx.t('onboarding.askUnits'), {
          reply_markup: new InlineKeyboard()
            .text(ctx.t('units.metric'), button('units', 'metric'))
            .row()
            .text(ctx.t('units.imperial'), button('units', 'imperial')),
        });
        return;
      case 'goals':
        await ctx.reply(ctx.t('onboarding.offerGoals'), {
          reply_markup: new InlineKeyboard()
            .text(ctx.t('onboarding.setGoals'), button('goals', 'yes'))
            .text(ctx.t('onboarding.skipGoals'), button('goals', 'no')),
        });
        return;
      case 'sex':
        await ctx.reply(ctx.t('goals.askSex'), {
          reply_markup: new InlineKeyboard()
            .text(ctx.t('goals.female'), button('sex', 'female'))
            .text(ctx.t('goals.male'), button('sex', 'male')),
        });
        return;
      case 'birth_date':
        await ctx.reply(ctx.t('goals.askBirthDate'));
        return;
      case 'height':
        await ctx.reply(ctx.t(units === 'metric' ? 'goals.askHeightMetric' : 'goals.askHeightImperial'));
        return;
      case 'weight':
        await ctx.reply(ctx.t(units === 'metric' ? 'goals.askWeightMetric' : 'goals.askWeightImperial'));
        return;
      case 'activity': {
        const keyboard = new InlineKeyboard();
        for (const level of activityLevels)
          keyboard.text(ctx.t(`goals.activity.${level}`), button('act', level)).row();
        await ctx.reply(ctx.t('goals.askActivity'), { reply_markup: keyboard });
        return;
      }
      case 'rate': {
        const keyboard = new InlineKeyboard();
        rateChoices[units].forEach((choice, index) => {
          const amount = `${Math.abs(choice)} ${units === 'metric' ? 'kg' : 'lb'}`;
          const label =
            choice < 0
              ? ctx.t('goals.rateLose', { amount })
              : choice > 0
                ? ctx.t('goals.rateGain', { amount })
                : ctx.t('goals.rateMaintain');
          keyboard.text(label, button('rate', String(index))).row();
        });
        await ctx.reply(ctx.t('goals.askRate'), { reply_markup: keyboard });
        return;
      }
    }
  }

  async function begin(ctx: BotContext): Promise<void> {
    const { user, profile } = accountOf(ctx);
    // A first-time user whose Telegram speaks Swedish or Spanish gets it from the start; /settings changes it.
    const telegramLanguage = languageFromTelegram(ctx.from?.language_code);
    if (!isOnboarded(profile) && profile.language === 'en' && telegramLanguage !== 'en') {
      accountOf(ctx).profile = await profiles.updateProfile(user.id, { language: telegramLanguage });
      ctx.language = telegramLanguage;
      ctx.t = createTranslator(telegramLanguage);
    }
    const flow: OnboardingFlow = { kind: 'onboarding', id: deps.newFlowId(), step: 'name' };
    ctx.session.flow = flow;
    await ctx.reply(ctx.t('onboarding.intro'));
    await ask(ctx, flow);
  }

  async function finish(ctx: BotContext): Promise<void> {
    const profile = accountOf(ctx).profile;
    if (!(await save(ctx, { preferences: onboardedPreferences(profile, deps.clock.now()) }))) return;
    ctx.session.flow = undefined;
    await ctx.reply(ctx.t('onboarding.done', { name: nameOf(ctx) }));
  }

  async function saveName(ctx: BotContext, flow: OnboardingFlow, name: string): Promise<void> {
    const trimmed = name.trim();
    if (trimmed.length === 0 || trimmed.length > 200) {
      await ctx.reply(ctx.t('onboarding.nameInvalid'));
      return;
    }
    if (await save(ctx, { name: trimmed })) await moveTo(ctx, flow, 'timezone');
  }

  async function saveTimezone(ctx: BotContext, flow: OnboardingFlow, zone: string): Promise<void> {
    if (!(await save(ctx, { timezone: zone }))) return;
    await confirmTimezone(ctx, zone, deps.clock.now());
    await moveTo(ctx, flow, 'units');
  }

  async function chooseRate(ctx: BotContext, flow: OnboardingFlow, index: number): Promise<void> {
    const { user, profile } = accountOf(ctx);
    const choice = rateChoices[profile.units][index] as number;
    try {
      const { goals, profile: updated } = await profiles.setGoals(user.id, {
        weeklyRateKg: rateInKg(profile.units, choice),
        ...(flow.weightKg !== undefined ? { weightKg: flow.weightKg } : {}),
      });
      accountOf(ctx).profile = updated;
      await ctx.reply(
        ctx.t('goals.set', {
          kcal: goals.dailyKcal,
          protein: goals.proteinG,
          carbs: goals.carbsG,
          fat: goals.fatG,
          water: formatVolume(updated.waterGoalMl ?? goals.waterMl, updated.units),
        }),
      );
      await finish(ctx);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      // The domain's refusal is shown as it is: it names the safe limit.
      await ctx.reply(ctx.t('goals.refused', { reason: error.message }));
      await ask(ctx, flow);
    }
  }

  /** A button of the current step; false when it does not belong to this step (stale or forged). */
  async function press(ctx: BotContext, flow: OnboardingFlow, action: string, value: string | undefined) {
    const step = flow.step;
    if (action === 'name' && step === 'name' && value === undefined && ctx.from?.first_name) {
      await ctx.answerCallbackQuery();
      await saveName(ctx, flow, ctx.from.first_name);
    } else if (
      action === 'tz' &&
      step === 'timezone' &&
      flow.proposedTimezone &&
      (value === 'yes' || value === 'no')
    ) {
      await ctx.answerCallbackQuery();
      if (value === 'yes') await saveTimezone(ctx, flow, flow.proposedTimezone);
      else {
        ctx.session.flow = { kind: 'onboarding', id: flow.id, step: 'timezone' };
        await ctx.reply(ctx.t('timezone.typeInstead'));
      }
    } else if (action === 'units' && step === 'units' && (value === 'metric' || value === 'imperial')) {
      await ctx.answerCallbackQuery();
      if (!(await save(ctx, { units: value }))) return true;
      await ctx.reply(ctx.t('units.set', { units: ctx.t(`units.name.${value}`) }));
      await moveTo(ctx, flow, 'goals');
    } else if (action === 'goals' && step === 'goals' && (value === 'yes' || value === 'no')) {
      await ctx.answerCallbackQuery();
      if (value === 'yes') await moveTo(ctx, flow, 'sex');
      else await finish(ctx);
    } else if (action === 'sex' && step === 'sex' && (value === 'female' || value === 'male')) {
      await ctx.answerCallbackQuery();
      if (await save(ctx, { sex: value })) await moveTo(ctx, flow, 'birth_date');
    } else if (action === 'act' && step === 'activity' && activityLevels.includes(value as ActivityLevel)) {
      await ctx.answerCallbackQuery();
      if (await save(ctx, { activityLevel: value as ActivityLevel })) await moveTo(ctx, flow, 'rate');
    } else if (action === 'rate' && step === 'rate' && /^\d$/.test(value ?? '')) {
      const index = Number(value);
      if (index >= rateChoices[accountOf(ctx).profile.units].length) return false;
      await ctx.answerCallbackQuery();
      await chooseRate(ctx, flow, index);
    } else {
      return false;
    }
    return true;
  }

  async function answer(ctx: BotContext, flow: OnboardingFlow, text: string): Promise<void> {
    const units = accountOf(ctx).profile.units;
    switch (flow.step) {
      case 'name':
        return saveName(ctx, flow, text);
      case 'timezone': {
        const zone = await timezoneFromText(ctx, text);
        if (zone) await saveTimezone(ctx, flow, zone);
        return;
      }
      case 'birth_date': {
        const birthDate = parseBirthDate(text);
        if (!birthDate) await ctx.reply(ctx.t('goals.birthDateInvalid'));
        else if (await save(ctx, { birthDate })) await moveTo(ctx, flow, 'height');
        return;
      }
      case 'height': {
        const heightCm = parseHeightCm(text, units);
        if (heightCm === undefined) await ctx.reply(ctx.t('goals.heightInvalid'));
        else if (await save(ctx, { heightCm })) await moveTo(ctx, flow, 'weight');
        return;
      }
      case 'weight': {
        const weightKg = parseWeightKg(text, units);
        if (weightKg === undefined) {
          await ctx.reply(ctx.t('goals.weightInvalid'));
          return;
        }
        // The goal rules own the plausible range; ask them now rather than at the last step.
        const check = goalRequestSchema.safeParse({ weeklyRateKg: 0, weightKg });
        if (!check.success) {
          await ctx.reply(ctx.t('goals.invalidValue', { reason: check.error.issues[0]?.message ?? '' }));
          return;
        }
        await moveTo(ctx, { ...flow, weightKg }, 'activity');
        return;
      }
      default:
        // A step answered with buttons: ask again, buttons included.
        await ask(ctx, flow);
    }
  }

  composer.command('start', async (ctx) => {
    const { profile } = accountOf(ctx);
    if (!isOnboarded(profile)) {
      await begin(ctx);
      return;
    }
    ctx.session.flow = undefined;
    await ctx.reply(ctx.t('onboarding.welcomeBack', { name: nameOf(ctx) }), {
      reply_markup: new InlineKeyboard().text(ctx.t('onboarding.restart'), 'ob:restart'),
    });
  });

  composer.callbackQuery('ob:restart', async (ctx) => {
    await ctx.answerCallbackQuery();
    await begin(ctx);
  });

  composer.callbackQuery(buttonPattern, async (ctx) => {
    const [, id, action, value] = ctx.match;
    const flow = onboardingFlow(ctx);
    if (!flow || flow.id !== id || !(await press(ctx, flow, action as string, value))) await expired(ctx);
  });

  composer.on('message', async (ctx, next) => {
    const flow = onboardingFlow(ctx);
    const text = ctx.message.text;
    if (!flow || text?.startsWith('/')) return next();
    if (ctx.message.location && flow.step === 'timezone') {
      const proposed = await proposeTimezone(ctx, ctx.message.location, deps.clock.now(), {
        yes: `ob:${flow.id}:tz:yes`,
        no: `ob:${flow.id}:tz:no`,
      });
      ctx.session.flow = proposed ? { ...flow, proposedTimezone: proposed } : flow;
      return;
    }
    if (text === undefined) return next();
    await answer(ctx, flow, text);
  });

  return composer;
}
