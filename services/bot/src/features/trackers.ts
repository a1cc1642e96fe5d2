import {
  ConflictError,
  createTrackerInputSchema,
  NotFoundError,
  type Tracker,
  type TrackerEntry,
  type TrackerField,
  type TrackerValue,
} from '@health-agent/core';
import { Composer, InlineKeyboard } from 'grammy';
import { accountOf, type BotContext } from '../bot-context.js';
import type { TrackerFlow } from '../conversation/flow.js';
import { rewardLines } from './activity-rewards.js';
import type { FeatureDependencies } from './feature-dependencies.js';
import { editButtonMessage } from './message-editing.js';
import {
  entryInputOf,
  type FieldSpecProblem,
  fieldTypeSyntax,
  parseFieldList,
  splitDefinition,
  splitEntry,
} from './tracker-syntax.js';
import { describeProblems, isRefusal } from './validation-problems.js';

const RECENT_ENTRIES = 5;
/** A rating with more steps than this is typed, not picked from buttons. */
const MAX_RATING_BUTTONS = 11;

const trackerButton = /^track:(open|view):([0-9a-f-]{36})$/;
const ratingButton = /^track:r:([a-z0-9]{1,16}):(\d{1,3})$/;

function trackerFlowOf(ctx: BotContext): TrackerFlow | undefined {
  const flow = ctx.session.flow;
  return flow?.kind === 'tracker' ? flow : undefined;
}

function labelOf(field: TrackerField): string {
  return field.label ?? field.key;
}

/** A field as the creation syntax writes it: "severity (rating 1-10)". */
function describeField(field: TrackerField): string {
  const type = (() => {
    switch (field.type) {
      case 'rating':
        return `rating ${field.min}-${field.max}`;
      case 'number': {
        const bounds = field.min !== undefined && field.max !== undefined ? ` ${field.min}-${field.max}` : '';
        return `number${field.unit ? ` ${field.unit}` : ''}${bounds}`;
      }
      case 'boolean':
        return 'yes/no';
      case 'duration':
        return 'minutes';
      case 'single_select':
        return `choice ${field.options.join('/')}`;
      case 'multi_select':
        return `multi ${field.options.join('/')}`;
      default:
        return 'text';
    }
  })();
  return `${labelOf(field)} (${type}${field.required ? ', required' : ''})`;
}

function sampleValue(field: TrackerField): string {
  switch (field.type) {
    case 'rating':
      return String(Math.round((field.min + field.max) / 2));
    case 'number':
      return String(field.min ?? 1);
    case 'boolean':
      return 'yes';
    case 'duration':
      return '30';
    case 'single_select':
    case 'multi_select':
      return field.options[0] as string;
    default:
      return 'ok';
  }
}

function exampleOf(tracker: Tracker): string {
  return `/track ${tracker.name} ${tracker.fields.map((field) => `${field.key}=${sampleValue(field)}`).join(' ')}`;
}

/** The first rating field small enough for a row of buttons, if any. */
function ratingFieldOf(tracker: Tracker): Extract<TrackerField, { type: 'rating' }> | undefined {
  return tracker.fields.find(
    (field): field is Extract<TrackerField, { type: 'rating' }> =>
      field.type === 'rating' && field.max - field.min + 1 <= MAX_RATING_BUTTONS,
  );
}

/**
 * /track: custom trackers. "/track" lists them, "/track new Name: fields" creates one (or
 * asks for the fields when only the name is given), "/track Name key=value ..." logs an entry,
 * "/track Name" offers rating buttons, "/track recent Name" shows the latest entries. The
 * domain validates every value and its refusals name the field.
 */
export function trackersFeature(deps: FeatureDependencies): Composer<BotContext> {
  const { trackers } = deps.services;
  const composer = new Composer<BotContext>();

  const userIdOf = (ctx: BotContext) => accountOf(ctx).user.id;

  function problemText(ctx: BotContext, problem: FieldSpecProblem): string {
    switch (problem.kind) {
      case 'no_type':
        return ctx.t('trackers.fieldNoType', { spec: problem.spec.slice(0, 80), types: fieldTypeSyntax });
      case 'bad_details':
        return ctx.t('trackers.fieldBadDetails', { spec: problem.spec.slice(0, 80), types: fieldTypeSyntax });
      case 'too_many':
        return ctx.t('trackers.fieldsTooMany', { max: problem.max });
    }
  }

  function formatValue(ctx: BotContext, value: TrackerValue): string {
    if (typeof value === 'boolean') return ctx.t(value ? 'common.yes' : 'common.no');
    return Array.isArray(value) ? value.join('/') : String(value);
  }

  function formatValues(ctx: BotContext, tracker: Tracker, entry: TrackerEntry): string {
    const parts = tracker.fields
      .filter((field) => entry.values[field.key] !== undefined)
      .map((field) => `${labelOf(field)} ${formatValue(ctx, entry.values[field.key] as TrackerValue)}`);
    if (entry.note) parts.push(`"${entry.note}"`);
    return parts.join(', ');
  }

  /** The domain's refusal; `fieldName` names a path ("values.severity") the way the person wrote it. */
  function refusal(ctx: BotContext, error: unknown, fieldName: (path: string) => string): string {
    if (error instanceof ConflictError) return ctx.t('trackers.refused', { reason: error.message });
    if (!isRefusal(error)) throw error;
    return ctx.t('trackers.refused', { reason: describeProblems(error, fieldName) });
  }

  /** "values.severity" -> the field's label; "values" alone (no value given) -> no field name. */
  function entryFieldName(tracker: Tracker): (path: string) => string {
    return (path) => {
      const [root, key, ...rest] = path.split('.');
      if (root !== 'values') return path;
      const field = tracker.fields.find((candidate) => candidate.key === key);
      return key === undefined ? '' : [field ? labelOf(field) : key, ...rest].join('.');
    };
  }

  async function findByName(ctx: BotContext, name: string): Promise<Tracker | undefined> {
    const wanted = name.trim().toLowerCase();
    const all = await trackers.listTrackers(userIdOf(ctx));
    return all.find((tracker) => tracker.name.toLowerCase() === wanted);
  }

  async function notFound(ctx: BotContext, name: string): Promise<void> {
    await ctx.reply(ctx.t('trackers.notFound', { name: name.slice(0, 100) }));
  }

  async function list(ctx: BotContext): Promise<void> {
    const all = await trackers.listTrackers(userIdOf(ctx));
    if (all.length === 0) {
      await ctx.reply(
        [ctx.t('trackers.none'), ctx.t('trackers.help', { types: fieldTypeSyntax })].join('\n\n'),
      );
      return;
    }
    const keyboard = new InlineKeyboard();
    for (const tracker of all) keyboard.text(tracker.name, `track:open:${tracker.id}`).row();
    const lines = all.map((tracker) => `• ${tracker.name}: ${tracker.fields.map(describeField).join(', ')}`);
    await ctx.reply(
      [ctx.t('trackers.listTitle'), ...lines, '', ctx.t('trackers.help', { types: fieldTypeSyntax })].join(
        '\n',
      ),
      {
        reply_markup: keyboard,
      },
    );
  }

  async function create(ctx: BotContext, name: string, fieldsText: string): Promise<void> {
    const parsed = parseFieldList(fieldsText);
    if ('problem' in parsed) {
      await ctx.reply(problemText(ctx, parsed.problem));
      return;
    }
    try {
      const { tracker, activity } = await trackers.createTracker(userIdOf(ctx), {
        name,
        fields: parsed.fields,
      });
      ctx.session.flow = undefined;
      ctx.logger.info({ trackerId: tracker.id }, 'tracker created from chat');
      await ctx.reply(
        [
          ctx.t('trackers.created', {
            name: tracker.name,
            fields: tracker.fields.map(describeField).join(', '),
          }),
          ctx.t('trackers.logLike', { example: exampleOf(tracker) }),
          ...rewardLines(ctx.t, activity),
        ].join('\n'),
      );
    } catch (error) {
      if (error instanceof ConflictError) ctx.session.flow = undefined;
      // "fields.0.max" -> "severity.max": the field as the person wrote it.
      const fieldName = (path: string) =>
        path.replace(
          /^fields\.(\d+)/,
          (whole, index: string) => parsed.fields[Number(index)]?.label ?? whole,
        );
      await ctx.reply(refusal(ctx, error, fieldName));
    }
  }

  async function startCreating(ctx: BotContext, text: string): Promise<void> {
    const { name, fieldsText } = splitDefinition(text);
    const nameCheck = createTrackerInputSchema.shape.name.safeParse(name);
    if (!nameCheck.success) {
      await ctx.reply(
        ctx.t('trackers.refused', { reason: `name: ${nameCheck.error.issues[0]?.message ?? ''}` }),
      );
      return;
    }
    if (fieldsText) return create(ctx, nameCheck.data, fieldsText);
    ctx.session.flow = { kind: 'tracker', id: deps.newFlowId(), step: 'fields', name: nameCheck.data };
    await ctx.reply(ctx.t('trackers.askFields', { name: nameCheck.data, types: fieldTypeSyntax }));
  }

  /** A tracker's card: rating buttons when it has a small rating field, else how to log it. */
  async function open(ctx: BotContext, tracker: Tracker): Promise<void> {
    const rating = ratingFieldOf(tracker);
    const recent = new InlineKeyboard().text(ctx.t('trackers.recentButton'), `track:view:${tracker.id}`);
    if (!rating || tracker.fields.some((field) => field.required && field.key !== rating.key)) {
      await ctx.reply(
        [
          ctx.t('trackers.fields', {
            name: tracker.name,
            fields: tracker.fields.map(describeField).join(', '),
          }),
          ctx.t('trackers.logLike', { example: exampleOf(tracker) }),
        ].join('\n'),
        { reply_markup: recent },
      );
      return;
    }
    const flow: TrackerFlow = {
      kind: 'tracker',
      id: deps.newFlowId(),
      step: 'rating',
      trackerId: tracker.id,
      fieldKey: rating.key,
    };
    ctx.session.flow = flow;
    const keyboard = new InlineKeyboard();
    for (let value = rating.min; value <= rating.max; value++) {
      keyboard.text(String(value), `track:r:${flow.id}:${value}`);
      if ((value - rating.min) % 6 === 5) keyboard.row();
    }
    keyboard.row().text(ctx.t('trackers.recentButton'), `track:view:${tracker.id}`);
    await ctx.reply(
      [
        ctx.t('trackers.pickRating', {
          name: tracker.name,
          field: labelOf(rating),
          min: rating.min,
          max: rating.max,
        }),
        ctx.t('trackers.logLike', { example: exampleOf(tracker) }),
      ].join('\n'),
      { reply_markup: keyboard },
    );
  }

  async function logEntry(
    ctx: BotContext,
    tracker: Tracker,
    input: ReturnType<typeof entryInputOf>,
  ): Promise<string> {
    try {
      const { entry, activity } = await trackers.logEntry(userIdOf(ctx), tracker.id, input);
      ctx.logger.info({ trackerId: tracker.id, entryId: entry.id }, 'tracker entry logged from chat');
      return [
        ctx.t('trackers.logged', { name: tracker.name, values: formatValues(ctx, tracker, entry) }),
        ...rewardLines(ctx.t, activity),
      ].join('\n');
    } catch (error) {
      return refusal(ctx, error, entryFieldName(tracker));
    }
  }

  async function recent(ctx: BotContext, tracker: Tracker): Promise<string> {
    const entries = await trackers.listEntries(userIdOf(ctx), tracker.id, { limit: RECENT_ENTRIES });
    if (entries.length === 0) return ctx.t('trackers.recentNone', { name: tracker.name });
    const when = new Intl.DateTimeFormat(ctx.language, {
      timeZone: accountOf(ctx).profile.timezone,
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    const lines = entries.map(
      (entry) => `${when.format(entry.recordedAt)}: ${formatValues(ctx, tracker, entry)}`,
    );
    return [ctx.t('trackers.recentTitle', { name: tracker.name }), ...lines].join('\n');
  }

  composer.command('track', async (ctx) => {
    const text = ctx.match.trim();
    if (text === '') return list(ctx);
    const creating = /^new(?:\s+([\s\S]*))?$/i.exec(text);
    if (creating) {
      if (!creating[1]?.trim()) return ctx.reply(ctx.t('trackers.help', { types: fieldTypeSyntax }));
      return startCreating(ctx, creating[1]);
    }
    const viewing = /^(?:recent|view)\s+([\s\S]+)$/i.exec(text);
    if (viewing) {
      const tracker = await findByName(ctx, viewing[1] as string);
      return tracker ? ctx.reply(await recent(ctx, tracker)) : notFound(ctx, viewing[1] as string);
    }
    const { name, assignments } = splitEntry(text);
    const tracker = await findByName(ctx, name);
    if (!tracker) return notFound(ctx, name);
    if (assignments.length === 0) return open(ctx, tracker);
    await ctx.reply(await logEntry(ctx, tracker, entryInputOf(tracker.fields, assignments)));
  });

  composer.callbackQuery(trackerButton, async (ctx) => {
    const [, action, trackerId] = ctx.match as RegExpMatchArray;
    let tracker: Tracker;
    try {
      tracker = await trackers.getTracker(userIdOf(ctx), trackerId as string);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      return ctx.answerCallbackQuery({ text: ctx.t('callback.expired') });
    }
    await ctx.answerCallbackQuery();
    if (action === 'open') await open(ctx, tracker);
    else await ctx.reply(await recent(ctx, tracker));
  });

  composer.callbackQuery(ratingButton, async (ctx) => {
    const [, id, value] = ctx.match as RegExpMatchArray;
    const flow = trackerFlowOf(ctx);
    if (flow?.step !== 'rating' || flow.id !== id) {
      return ctx.answerCallbackQuery({ text: ctx.t('callback.expired') });
    }
    let tracker: Tracker;
    try {
      tracker = await trackers.getTracker(userIdOf(ctx), flow.trackerId);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      ctx.session.flow = undefined;
      return ctx.answerCallbackQuery({ text: ctx.t('callback.expired') });
    }
    const rating = tracker.fields.find((field) => field.key === flow.fieldKey);
    const chosen = Number(value);
    if (rating?.type !== 'rating' || chosen < rating.min || chosen > rating.max) {
      return ctx.answerCallbackQuery({ text: ctx.t('callback.expired') });
    }
    ctx.session.flow = undefined;
    await ctx.answerCallbackQuery();
    await editButtonMessage(ctx, await logEntry(ctx, tracker, { values: { [flow.fieldKey]: chosen } }));
  });

  composer.on('message:text', async (ctx, next) => {
    const flow = trackerFlowOf(ctx);
    const text = ctx.message.text;
    if (flow?.step !== 'fields' || text.startsWith('/')) return next();
    await create(ctx, flow.name, text);
  });

  return composer;
}
