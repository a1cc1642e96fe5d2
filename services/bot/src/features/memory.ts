import {
  type Memory,
  type MemoryCategory,
  memoryCategories,
  NotFoundError,
  ValidationError,
} from '@health-agent/core';
import { Composer, InlineKeyboard } from 'grammy';
import { accountOf, type BotContext } from '../bot-context.js';
import type { FeatureDependencies } from './feature-dependencies.js';
import { editButtonMessage } from './message-editing.js';

/** Facts per page of a category; with each cut to FACT_CHARS a page fits one message. */
const PAGE_SIZE = 8;
const FACT_CHARS = 300;
/** The overview shows the newest few of each category. */
const OVERVIEW_FACTS = 3;
const OVERVIEW_FACT_CHARS = 120;
/** The most facts the overview reads to count and group. */
const OVERVIEW_LIMIT = 200;
/** A "forget everything" confirmation is honoured this long after it was shown. */
const CONFIRMATION_MS = 10 * 60_000;

const categoryPattern = memoryCategories.join('|');
const pagePattern = new RegExp(`^mem:c:(${categoryPattern}):(\\d{1,6})$`);
const forgetPattern = new RegExp(`^mem:f:(${categoryPattern}):(\\d{1,6}):([0-9a-f]{32})$`);
const forgetAllPattern = /^mem:all:([0-9a-z]{1,11})$/;

function shorten(text: string, chars: number): string {
  const characters = [...text];
  return characters.length <= chars ? text : `${characters.slice(0, chars - 1).join('')}…`;
}

function compactId(id: string): string {
  return id.replaceAll('-', '');
}

function expandId(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

interface View {
  text: string;
  keyboard?: InlineKeyboard;
}

/**
 * /memory: what the assistant remembers about the person, by category, and forgetting: one
 * fact with its button, or everything after a confirmation.
 */
export function memoryFeature(deps: FeatureDependencies): Composer<BotContext> {
  const { memory } = deps.services;
  const composer = new Composer<BotContext>();

  async function overview(ctx: BotContext): Promise<View> {
    const page = await memory.listFacts(accountOf(ctx).user.id, { limit: OVERVIEW_LIMIT });
    if (page.total === 0) return { text: ctx.t('memory.empty') };
    const byCategory = new Map<MemoryCategory, Memory[]>();
    for (const fact of page.items)
      byCategory.set(fact.category, [...(byCategory.get(fact.category) ?? []), fact]);
    const sections: string[] = [ctx.t('memory.title', { count: page.total })];
    const keyboard = new InlineKeyboard();
    for (const category of memoryCategories) {
      const facts = byCategory.get(category);
      if (!facts) continue;
      const name = ctx.t(`memory.category.${category}`);
      const lines = facts
        .slice(0, OVERVIEW_FACTS)
        .map((fact) => `• ${shorten(fact.content, OVERVIEW_FACT_CHARS)}`);
      if (facts.length > OVERVIEW_FACTS)
        lines.push(ctx.t('memory.andMore', { count: facts.length - OVERVIEW_FACTS }));
      sections.push([`${name} (${facts.length})`, ...lines].join('\n'));
      keyboard
        .text(ctx.t('memory.manageCategory', { category: name, count: facts.length }), `mem:c:${category}:0`)
        .row();
    }
    keyboard.text(ctx.t('memory.forgetAllButton'), 'mem:all');
    return { text: sections.join('\n\n'), keyboard };
  }

  async function categoryPage(ctx: BotContext, category: MemoryCategory, requested: number): Promise<View> {
    const userId = accountOf(ctx).user.id;
    let offset = requested - (requested % PAGE_SIZE);
    let page = await memory.listFacts(userId, { category, limit: PAGE_SIZE, offset });
    // The last fact of a page was forgotten: show the page before.
    while (page.items.length === 0 && offset > 0) {
      offset = Math.max(0, offset - PAGE_SIZE);
      page = await memory.listFacts(userId, { category, limit: PAGE_SIZE, offset });
    }
    if (page.total === 0) return overview(ctx);
    const name = ctx.t(`memory.category.${category}`);
    const keyboard = new InlineKeyboard();
    const lines = page.items.map((fact, index) => {
      const number = offset + index + 1;
      if (index > 0 && index % 4 === 0) keyboard.row();
      keyboard.text(
        ctx.t('memory.forgetButton', { number }),
        `mem:f:${category}:${offset}:${compactId(fact.id)}`,
      );
      return `${number}. ${shorten(fact.content, FACT_CHARS)}`;
    });
    keyboard.row();
    if (offset > 0) keyboard.text(ctx.t('memory.previousPage'), `mem:c:${category}:${offset - PAGE_SIZE}`);
    if (offset + PAGE_SIZE < page.total)
      keyboard.text(ctx.t('memory.nextPage'), `mem:c:${category}:${offset + PAGE_SIZE}`);
    keyboard.row().text(ctx.t('memory.back'), 'mem:home');
    const title = ctx.t('memory.categoryTitle', {
      category: name,
      from: offset + 1,
      to: offset + page.items.length,
      total: page.total,
    });
    return { text: [title, ...lines, ctx.t('memory.forgetHint')].join('\n'), keyboard };
  }

  async function show(ctx: BotContext, view: View): Promise<void> {
    await editButtonMessage(ctx, view.text, view.keyboard);
  }

  composer.command('memory', async (ctx) => {
    const view = await overview(ctx);
    await ctx.reply(view.text, view.keyboard ? { reply_markup: view.keyboard } : {});
  });

  composer.callbackQuery('mem:home', async (ctx) => {
    await ctx.answerCallbackQuery();
    await show(ctx, await overview(ctx));
  });

  composer.callbackQuery(pagePattern, async (ctx) => {
    await ctx.answerCallbackQuery();
    await show(ctx, await categoryPage(ctx, ctx.match[1] as MemoryCategory, Number(ctx.match[2])));
  });

  composer.callbackQuery(forgetPattern, async (ctx) => {
    const [, category, offset, hex] = ctx.match as unknown as [string, MemoryCategory, string, string];
    try {
      await memory.forgetFact(accountOf(ctx).user.id, expandId(hex));
    } catch (error) {
      // A fact already forgotten, someone else's id or a forged one: the button is stale.
      if (!(error instanceof NotFoundError || error instanceof ValidationError)) throw error;
      await ctx.answerCallbackQuery({ text: ctx.t('callback.expired') });
      return;
    }
    await ctx.answerCallbackQuery({ text: ctx.t('memory.forgotten') });
    await show(ctx, await categoryPage(ctx, category, Number(offset)));
  });

  composer.callbackQuery('mem:all', async (ctx) => {
    await ctx.answerCallbackQuery();
    const { total } = await memory.listFacts(accountOf(ctx).user.id, { limit: 1 });
    if (total === 0) {
      await show(ctx, { text: ctx.t('memory.empty') });
      return;
    }
    const shownAt = deps.clock.now().getTime().toString(36);
    await show(ctx, {
      text: ctx.t('memory.confirmForgetAll', { count: total }),
      keyboard: new InlineKeyboard()
        .text(ctx.t('memory.confirmForgetAllButton', { count: total }), `mem:all:${shownAt}`)
        .row()
        .text(ctx.t('memory.keepButton'), 'mem:home'),
    });
  });

  composer.callbackQuery(forgetAllPattern, async (ctx) => {
    const shownAt = Number.parseInt(ctx.match[1] as string, 36);
    const age = deps.clock.now().getTime() - shownAt;
    if (!(age >= 0 && age <= CONFIRMATION_MS)) {
      await ctx.answerCallbackQuery({ text: ctx.t('callback.expired') });
      return;
    }
    const count = await memory.forgetAllFacts(accountOf(ctx).user.id);
    await ctx.answerCallbackQuery();
    await show(ctx, { text: ctx.t('memory.allForgotten', { count }) });
  });

  return composer;
}
