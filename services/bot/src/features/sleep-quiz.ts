import { metricBounds } from '@health-agent/core';
import { Composer, InlineKeyboard } from 'grammy';
import type { BotContext } from '../bot-context.js';
import type { SleepQuizFlow } from '../conversation/flow.js';
import type { FeatureDependencies } from './feature-dependencies.js';
import { editButtonMessage } from './message-editing.js';
import { parseSleepArgument } from './metric-arguments.js';
import { logMetric } from './metric-logging.js';
import { formatMinutes } from './metric-replies.js';

/** Durations offered as buttons; anything else is typed ("7h20"). */
export const sleepDurationChoices: readonly number[] = [300, 360, 390, 420, 450, 480, 510, 540, 600];
const qualityChoices = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

const buttonPattern = /^sleep:([a-z0-9]{1,16}):(d|q):([a-z0-9]{1,4})$/;

function quizOf(ctx: BotContext): SleepQuizFlow | undefined {
  const flow = ctx.session.flow;
  return flow?.kind === 'sleep_quiz' ? flow : undefined;
}

function durationKeyboard(flow: SleepQuizFlow): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  sleepDurationChoices.forEach((minutes, index) => {
    keyboard.text(formatMinutes(minutes), `sleep:${flow.id}:d:${minutes}`);
    if (index % 3 === 2) keyboard.row();
  });
  return keyboard;
}

function qualityKeyboard(ctx: BotContext, flow: SleepQuizFlow): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const quality of qualityChoices) {
    keyboard.text(String(quality), `sleep:${flow.id}:q:${quality}`);
    if (quality === 5) keyboard.row();
  }
  return keyboard.row().text(ctx.t('metrics.sleepQuiz.skipQuality'), `sleep:${flow.id}:q:skip`);
}

/**
 * The guided /sleep: a duration button (or a typed duration), then a quality button from 1 to
 * 10 (or skip). Buttons carry the quiz's id, so those of an earlier or cancelled quiz, and
 * forged ones, are refused as expired; nothing is logged until the last answer.
 */
export function sleepQuiz(deps: FeatureDependencies): {
  start(ctx: BotContext): Promise<void>;
  composer: Composer<BotContext>;
} {
  const { healthMetrics } = deps.services;
  const composer = new Composer<BotContext>();

  async function start(ctx: BotContext): Promise<void> {
    const flow: SleepQuizFlow = { kind: 'sleep_quiz', id: deps.newFlowId() };
    ctx.session.flow = flow;
    await ctx.reply(ctx.t('metrics.sleepQuiz.askDuration'), { reply_markup: durationKeyboard(flow) });
  }

  async function finish(
    ctx: BotContext,
    durationMinutes: number,
    quality: number | undefined,
    edit: boolean,
  ) {
    ctx.session.flow = undefined;
    const text = await logMetric(ctx, healthMetrics, {
      input: { kind: 'sleep', durationMinutes, ...(quality !== undefined ? { quality } : {}) },
    });
    if (edit) await editButtonMessage(ctx, text);
    else await ctx.reply(text);
  }

  composer.callbackQuery(buttonPattern, async (ctx) => {
    const [, id, step, value] = ctx.match as RegExpMatchArray;
    const flow = quizOf(ctx);
    const expired = () => ctx.answerCallbackQuery({ text: ctx.t('callback.expired') });
    if (!flow || flow.id !== id) return expired();
    if (step === 'd') {
      const minutes = Number(value);
      if (flow.durationMinutes !== undefined || !sleepDurationChoices.includes(minutes)) return expired();
      const next: SleepQuizFlow = { ...flow, durationMinutes: minutes };
      ctx.session.flow = next;
      await ctx.answerCallbackQuery();
      await editButtonMessage(
        ctx,
        ctx.t('metrics.sleepQuiz.askQuality', { duration: formatMinutes(minutes) }),
        qualityKeyboard(ctx, next),
      );
      return;
    }
    const quality = value === 'skip' ? undefined : Number(value);
    if (flow.durationMinutes === undefined || (quality !== undefined && !qualityChoices.includes(quality)))
      return expired();
    await ctx.answerCallbackQuery();
    await finish(ctx, flow.durationMinutes, quality, true);
  });

  composer.on('message:text', async (ctx, next) => {
    const flow = quizOf(ctx);
    const text = ctx.message.text;
    if (!flow || text.startsWith('/')) return next();
    if (flow.durationMinutes !== undefined) {
      const quality = /^\s*(\d{1,2})\s*(?:\/\s*10)?\s*$/.exec(text);
      if (!quality) return next();
      await finish(ctx, flow.durationMinutes, Number(quality[1]), false);
      return;
    }
    const parsed = parseSleepArgument(text);
    if (parsed?.input.kind !== 'sleep') return next();
    const { durationMinutes, quality, bedtime } = parsed.input;
    const { min, max } = metricBounds.sleepMinutes;
    if (
      quality !== undefined ||
      bedtime !== undefined ||
      durationMinutes === undefined ||
      durationMinutes < min ||
      durationMinutes > max
    ) {
      // A whole answer at once ("7h q8", "23:30-07:00"), or one the domain will refuse: log it now.
      ctx.session.flow = undefined;
      await ctx.reply(await logMetric(ctx, healthMetrics, parsed));
      return;
    }
    const answered: SleepQuizFlow = { ...flow, durationMinutes };
    ctx.session.flow = answered;
    await ctx.reply(ctx.t('metrics.sleepQuiz.askQuality', { duration: formatMinutes(durationMinutes) }), {
      reply_markup: qualityKeyboard(ctx, answered),
    });
  });

  return { start, composer };
}
