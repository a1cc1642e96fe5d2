import { Composer } from 'grammy';
import { accountOf, type BotContext } from '../bot-context.js';
import type { MessageKey } from '../locales/en.js';
import type { FeatureDependencies } from './feature-dependencies.js';
import {
  type ParsedMetric,
  parseExerciseArgument,
  parseMedicationArgument,
  parseMoodArgument,
  parseSleepArgument,
  parseStepsArgument,
  parseWaterArgument,
  parseWeightArgument,
} from './metric-arguments.js';
import { logMetric } from './metric-logging.js';
import { sleepQuiz } from './sleep-quiz.js';

export { logParsedMetric } from './metric-logging.js';

/**
 * /water, /weight, /sleep (quick form, or a button quiz when sent alone), /exercise, /mood,
 * /steps and /med: each parses its argument and logs through services.healthMetrics. An
 * argument that is not the command's shape gets the usage; one the domain refuses gets the
 * refusal naming the field; nothing half-read is ever stored.
 */
export function metricsFeature(deps: FeatureDependencies): Composer<BotContext> {
  const { healthMetrics } = deps.services;
  const composer = new Composer<BotContext>();
  const quiz = sleepQuiz(deps);

  async function logOrExplain(ctx: BotContext, parsed: ParsedMetric | undefined, usage: MessageKey) {
    await ctx.reply(parsed ? await logMetric(ctx, healthMetrics, parsed) : ctx.t(usage));
  }

  const units = (ctx: BotContext) => accountOf(ctx).profile.units;

  composer.command('water', (ctx) =>
    logOrExplain(ctx, parseWaterArgument(ctx.match, units(ctx)), 'metrics.usage.water'),
  );
  composer.command('weight', (ctx) =>
    logOrExplain(ctx, parseWeightArgument(ctx.match, units(ctx)), 'metrics.usage.weight'),
  );
  composer.command('sleep', async (ctx) => {
    if (ctx.match.trim() === '') return quiz.start(ctx);
    await logOrExplain(ctx, parseSleepArgument(ctx.match), 'metrics.usage.sleep');
  });
  composer.command('exercise', (ctx) =>
    logOrExplain(ctx, parseExerciseArgument(ctx.match), 'metrics.usage.exercise'),
  );
  composer.command('mood', (ctx) => logOrExplain(ctx, parseMoodArgument(ctx.match), 'metrics.usage.mood'));
  composer.command('steps', (ctx) => logOrExplain(ctx, parseStepsArgument(ctx.match), 'metrics.usage.steps'));
  composer.command('med', (ctx) =>
    logOrExplain(ctx, parseMedicationArgument(ctx.match), 'metrics.usage.med'),
  );
  composer.use(quiz.composer);
  return composer;
}
