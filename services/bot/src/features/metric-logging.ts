import { addDays, type HealthMetricsService, type LoggedMetric } from '@health-agent/core';
import { accountOf, type BotContext } from '../bot-context.js';
import { rewardLines } from './activity-rewards.js';
import type { ParsedMetric } from './metric-arguments.js';
import { describeLoggedMetric, describeWeightTrend, type ReplyStyle } from './metric-replies.js';
import { describeProblems, isRefusal } from './validation-problems.js';

export type MetricLogger = Pick<HealthMetricsService, 'log' | 'weightTrend'>;

function styleOf(ctx: BotContext): ReplyStyle {
  return { t: ctx.t, language: ctx.language, units: accountOf(ctx).profile.units };
}

/**
 * Logs a parsed metric for the person behind the update and answers with the text to show:
 * what was stored (a weigh-in with its 7-day trend) and what it earned, or the domain's
 * refusal naming the field. Nothing is stored when the domain refuses.
 */
export async function logMetric(
  ctx: BotContext,
  healthMetrics: MetricLogger,
  parsed: ParsedMetric,
): Promise<string> {
  const { user } = accountOf(ctx);
  let logged: LoggedMetric;
  try {
    logged = await healthMetrics.log(user.id, parsed.input);
  } catch (error) {
    if (!isRefusal(error)) throw error;
    ctx.logger.info({ kind: parsed.input.kind, reason: error.message }, 'metric refused');
    return ctx.t('metrics.refused', { reason: describeProblems(error) });
  }
  const style = styleOf(ctx);
  const lines = describeLoggedMetric(style, logged.entry, parsed);
  if (logged.entry.kind === 'weight') {
    const day = logged.entry.localDay;
    const trend = await healthMetrics.weightTrend(user.id, { from: addDays(day, -6), to: day });
    lines.push(...describeWeightTrend(style, trend));
  }
  lines.push(...rewardLines(ctx.t, logged.activity));
  ctx.logger.info({ entryId: logged.entry.id, kind: logged.entry.kind }, 'metric logged from chat');
  return lines.join('\n');
}

/**
 * For the free-text router: logs what recogniseMetricPhrase found and replies, exactly as
 * the metric commands do.
 */
export async function logParsedMetric(
  ctx: BotContext,
  healthMetrics: MetricLogger,
  parsed: ParsedMetric,
): Promise<void> {
  await ctx.reply(await logMetric(ctx, healthMetrics, parsed));
}
