import {
  ConflictError,
  NotFoundError,
  TOOL_NAME_PATTERN,
  type ToolActor,
  type ToolStatus,
  type ToolWithVersion,
  ValidationError,
} from '@health-agent/core';
import { Composer, InlineKeyboard } from 'grammy';
import type { MessageEntity } from 'grammy/types';
import { accountOf, type BotContext } from '../bot-context.js';
import type { MessageKey } from '../locales/en.js';
import type { FeatureDependencies } from './feature-dependencies.js';
import { editButtonMessage } from './message-editing.js';

/** Cards per /pending_tools; the rest come once these are decided. */
const MAX_CARDS = 10;
/** The code preview: enough to review a small tool, while a card stays one Telegram message. */
const PREVIEW_LINES = 30;
const PREVIEW_LINE_CHARS = 100;
const PREVIEW_CHARS = 2400;
const DESCRIPTION_CHARS = 600;
/** The sha256 prefix cards show (64 bits: no creator can grind a new version to match it). */
const SHOWN_SHA_CHARS = 16;
/** A typed /approve_tool must name at least this much of the reviewed sha256. */
const MIN_TYPED_SHA_CHARS = 12;
/** Telegram's limit for the text of a callback answer. */
const CALLBACK_ANSWER_CHARS = 200;

const statusNames: Record<ToolStatus, MessageKey> = {
  pending: 'toolApproval.status.pending',
  approved: 'toolApproval.status.approved',
  rejected: 'toolApproval.status.rejected',
  disabled: 'toolApproval.status.disabled',
};

function shorten(text: string, chars: number): string {
  const characters = [...text];
  return characters.length <= chars ? text : `${characters.slice(0, chars - 1).join('')}…`;
}

/** The exact version an Approve or Reject button (or a reason prompt) was shown for. */
interface PinnedVersion {
  name: string;
  version: number;
  shaPrefix: string;
}

type ButtonAction = 'approve' | 'reject';

// Callback data holds at most 64 bytes, and a tool name alone may be 64 characters: the name
// is packed from its 37 symbols into base64url (64 characters fit in 56), the version is pinned
// by number (a new version always gets a higher one) and the sha256 prefix takes the rest.
const CALLBACK_DATA_BYTES = 64;
const NAME_SYMBOLS = 'abcdefghijklmnopqrstuvwxyz0123456789_';
/** Digit 0 stays unused, so a name's leading symbols never vanish as leading zeros. */
const NAME_BASE = BigInt(NAME_SYMBOLS.length + 1);
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const toolButtonPattern = /^t([ar])([0-9a-z]{1,6})\.([A-Za-z0-9_-]{1,56})\.([0-9a-f]{0,16})$/;

function packName(name: string): string {
  let value = 0n;
  for (const symbol of name) value = value * NAME_BASE + BigInt(NAME_SYMBOLS.indexOf(symbol) + 1);
  let packed = '';
  for (; value > 0n; value /= 64n) packed = BASE64URL.charAt(Number(value % 64n)) + packed;
  return packed;
}

function unpackName(packed: string): string | undefined {
  let value = 0n;
  for (const symbol of packed) value = value * 64n + BigInt(BASE64URL.indexOf(symbol));
  let name = '';
  for (; value > 0n; value /= NAME_BASE) {
    const digit = Number(value % NAME_BASE);
    if (digit === 0) return undefined;
    name = NAME_SYMBOLS.charAt(digit - 1) + name;
  }
  // Only the canonical spelling is a button: anything else was not made here.
  return TOOL_NAME_PATTERN.test(name) && packName(name) === packed ? name : undefined;
}

function toolButtonData(action: ButtonAction, tool: ToolWithVersion): string {
  const head = `t${action === 'approve' ? 'a' : 'r'}${tool.version.version.toString(36)}.${packName(tool.name)}.`;
  const shaChars = Math.max(0, Math.min(SHOWN_SHA_CHARS, CALLBACK_DATA_BYTES - head.length));
  return head + tool.version.sha256.slice(0, shaChars);
}

function parseToolButtonData(data: string): (PinnedVersion & { action: ButtonAction }) | undefined {
  const match = toolButtonPattern.exec(data);
  const name = match ? unpackName(match[3] as string) : undefined;
  const version = Number.parseInt(match?.[2] ?? '', 36);
  if (!match || !name || !(version >= 1)) return undefined;
  return {
    action: match[1] === 'a' ? 'approve' : 'reject',
    name,
    version,
    shaPrefix: match[4] as string,
  };
}

// The reason prompt is a forced reply; its first line names the version in a form that needs
// no translation, so the admin's answer says which tool and version it rejects.
const reasonAnchor = /^⛔ ([a-z][a-z0-9_]{1,63}) · v(\d{1,9}) · ([0-9a-f]{16})(?:\n|$)/;

function reasonRequestOf(ctx: BotContext): PinnedVersion | undefined {
  const replied = ctx.message?.reply_to_message;
  if (!replied || replied.from?.id !== ctx.me.id || ctx.message?.text?.startsWith('/')) return undefined;
  const match = reasonAnchor.exec(replied.text ?? '');
  if (!match) return undefined;
  return { name: match[1] as string, version: Number(match[2]), shaPrefix: match[3] as string };
}

interface CodePreview {
  text: string;
  shownLines: number;
  totalLines: number;
  linesShortened: boolean;
}

function codePreview(code: string): CodePreview {
  const lines = code.replace(/\r\n?/g, '\n').trimEnd().split('\n');
  const shown: string[] = [];
  let chars = 0;
  let linesShortened = false;
  for (const line of lines.slice(0, PREVIEW_LINES)) {
    const cut = shorten(line, PREVIEW_LINE_CHARS);
    if (chars + cut.length + 1 > PREVIEW_CHARS) break;
    linesShortened ||= cut !== line;
    shown.push(cut);
    chars += cut.length + 1;
  }
  return { text: shown.join('\n'), shownLines: shown.length, totalLines: lines.length, linesShortened };
}

interface Card {
  text: string;
  entities: MessageEntity[];
  keyboard?: InlineKeyboard;
}

/**
 * Admin commands to review dynamic tools over the same tool service as the API: /pending_tools
 * shows each waiting tool with its code and Approve / Reject buttons, /approve_tool and
 * /reject_tool decide by name. An approval always names the sha256 of the version the admin
 * saw, so it can never approve a version nobody reviewed. The role is checked on every
 * command, button and reply.
 */
export function toolApprovalFeature(deps: FeatureDependencies): Composer<BotContext> {
  const { tools, access } = deps.services;
  const composer = new Composer<BotContext>();

  function adminActor(ctx: BotContext): ToolActor | undefined {
    const { user } = accountOf(ctx);
    return user.role === 'admin' ? { userId: user.id, scope: 'admin' } : undefined;
  }

  function statusName(ctx: BotContext, status: ToolStatus): string {
    return ctx.t(statusNames[status]);
  }

  function shownSha(tool: ToolWithVersion): string {
    return tool.version.sha256.slice(0, SHOWN_SHA_CHARS);
  }

  async function creatorOf(ctx: BotContext, userId: string | null): Promise<string> {
    // A deleted account leaves its tools behind with no creator.
    if (!userId) return ctx.t('toolApproval.creatorUnknown');
    const user = await access.getUser(userId);
    return user.telegramId === null ? user.displayName : `${user.displayName} · Telegram ${user.telegramId}`;
  }

  async function cardOf(ctx: BotContext, tool: ToolWithVersion): Promise<Card> {
    const sha = shownSha(tool);
    const code = codePreview(tool.version.code);
    const reads = tool.version.declaredReads.join(', ') || ctx.t('toolApproval.readsNone');
    const head = [
      ctx.t('toolApproval.cardTitle', { name: tool.name, version: tool.version.version, sha }),
      shorten(tool.description, DESCRIPTION_CHARS),
      ctx.t('toolApproval.cardReads', { reads }),
      ctx.t('toolApproval.cardCreator', { creator: await creatorOf(ctx, tool.createdBy) }),
      ...(tool.status === 'pending'
        ? []
        : [ctx.t('toolApproval.cardStatus', { status: statusName(ctx, tool.status) })]),
      code.shownLines < code.totalLines
        ? ctx.t('toolApproval.codeTitlePart', { shown: code.shownLines, total: code.totalLines })
        : ctx.t('toolApproval.codeTitle'),
    ].join('\n');
    const tail = [
      ...(code.linesShortened ? [ctx.t('toolApproval.codeShortened', { width: PREVIEW_LINE_CHARS })] : []),
      ...(tool.status === 'approved' ? [] : [ctx.t('toolApproval.cardCommand', { name: tool.name, sha })]),
    ];
    // Text is never parsed (no parse mode); the code gets its monospace block as an entity.
    const text = [head, code.text, ...tail].join('\n');
    const entities: MessageEntity[] = [
      { type: 'pre', offset: head.length + 1, length: code.text.length, language: 'javascript' },
    ];
    if (tool.status !== 'pending') return { text, entities };
    const keyboard = new InlineKeyboard()
      .text(ctx.t('toolApproval.approveButton'), toolButtonData('approve', tool))
      .text(ctx.t('toolApproval.rejectButton'), toolButtonData('reject', tool));
    return { text, entities, keyboard };
  }

  async function sendCard(ctx: BotContext, tool: ToolWithVersion): Promise<void> {
    const card = await cardOf(ctx, tool);
    await ctx.reply(card.text, {
      entities: card.entities,
      ...(card.keyboard ? { reply_markup: card.keyboard } : {}),
    });
  }

  /** Why a card's button (or reason prompt) no longer fits the tool as it is now, if so. */
  function stalenessOf(ctx: BotContext, tool: ToolWithVersion, pinned: PinnedVersion): string | undefined {
    if (tool.status !== 'pending') {
      return ctx.t('toolApproval.alreadyDecided', { name: tool.name, status: statusName(ctx, tool.status) });
    }
    if (tool.version.version !== pinned.version || !tool.version.sha256.startsWith(pinned.shaPrefix)) {
      return ctx.t('toolApproval.stale', { name: tool.name, version: tool.version.version });
    }
    return undefined;
  }

  /** The domain's refusal as the admin should read it; anything else is not a refusal. */
  function refusalOf(ctx: BotContext, name: string, error: unknown): string | undefined {
    if (error instanceof NotFoundError) return ctx.t('toolApproval.notFound', { name: shorten(name, 70) });
    if (error instanceof ValidationError) return ctx.t('toolApproval.reasonInvalid');
    if (error instanceof ConflictError) {
      const status = (error.details as { status?: ToolStatus } | undefined)?.status;
      return status
        ? ctx.t('toolApproval.alreadyDecided', { name, status: statusName(ctx, status) })
        : ctx.t('toolApproval.changed', { name });
    }
    return undefined;
  }

  function approvedText(ctx: BotContext, tool: ToolWithVersion): string {
    return ctx.t('toolApproval.approved', {
      name: tool.name,
      version: tool.version.version,
      sha: shownSha(tool),
    });
  }

  async function reject(ctx: BotContext, actor: ToolActor, name: string, reason: string): Promise<void> {
    const rejected = await tools.reject(actor, name, { reason });
    ctx.logger.info({ toolId: rejected.id, version: rejected.version.version }, 'tool rejected in chat');
    await ctx.reply(
      ctx.t('toolApproval.rejected', {
        name: rejected.name,
        version: rejected.version.version,
        reason: rejected.decisionReason ?? reason,
      }),
    );
  }

  composer.command('pending_tools', async (ctx) => {
    const actor = adminActor(ctx);
    if (!actor) return ctx.reply(ctx.t('admin.only'));
    const pending = await tools.list(actor, { status: 'pending', limit: MAX_CARDS + 1 });
    if (pending.length === 0) return ctx.reply(ctx.t('toolApproval.none'));
    const shown = pending.slice(0, MAX_CARDS);
    const more = pending.length > MAX_CARDS ? [ctx.t('toolApproval.more', { shown: MAX_CARDS })] : [];
    await ctx.reply([ctx.t('toolApproval.pendingTitle', { count: shown.length }), ...more].join('\n'));
    for (const listed of shown) await sendCard(ctx, await tools.get(actor, listed.name));
  });

  composer.command('approve_tool', async (ctx) => {
    const actor = adminActor(ctx);
    if (!actor) return ctx.reply(ctx.t('admin.only'));
    const [name, sha, ...extra] = ctx.match.trim().toLowerCase().split(/\s+/);
    const shaPattern = new RegExp(`^[0-9a-f]{${MIN_TYPED_SHA_CHARS},64}$`);
    if (!name || extra.length > 0 || (sha !== undefined && !shaPattern.test(sha))) {
      return ctx.reply(ctx.t('toolApproval.approveUsage'));
    }
    try {
      const tool = await tools.get(actor, name);
      // Without the sha256 there is nothing to pin the approval to: show the version to review.
      if (sha === undefined) return await sendCard(ctx, tool);
      if (!tool.version.sha256.startsWith(sha)) {
        return await ctx.reply(
          ctx.t('toolApproval.shaMismatch', { name, version: tool.version.version, sha: shownSha(tool) }),
        );
      }
      const approved = await tools.approve(actor, name, { sha256: tool.version.sha256 });
      ctx.logger.info({ toolId: approved.id, version: approved.version.version }, 'tool approved in chat');
      await ctx.reply(approvedText(ctx, approved));
    } catch (error) {
      const refusal = refusalOf(ctx, name, error);
      if (!refusal) throw error;
      await ctx.reply(refusal);
    }
  });

  composer.command('reject_tool', async (ctx) => {
    const actor = adminActor(ctx);
    if (!actor) return ctx.reply(ctx.t('admin.only'));
    const match = /^(\S+)\s+(\S[\s\S]*)$/.exec(ctx.match.trim());
    if (!match) return ctx.reply(ctx.t('toolApproval.rejectUsage'));
    const name = (match[1] as string).toLowerCase();
    try {
      await reject(ctx, actor, name, (match[2] as string).trim());
    } catch (error) {
      const refusal = refusalOf(ctx, name, error);
      if (!refusal) throw error;
      await ctx.reply(refusal);
    }
  });

  composer.callbackQuery(toolButtonPattern, async (ctx) => {
    const actor = adminActor(ctx);
    if (!actor) return ctx.answerCallbackQuery({ text: ctx.t('admin.only') });
    const button = parseToolButtonData(ctx.callbackQuery.data);
    if (!button) {
      return ctx.answerCallbackQuery({ text: ctx.t('toolApproval.invalidButton'), show_alert: true });
    }
    let answered = false;
    const answer = (text: string) => {
      answered = true;
      return ctx.answerCallbackQuery({ text: shorten(text, CALLBACK_ANSWER_CHARS), show_alert: true });
    };
    try {
      const tool = await tools.get(actor, button.name);
      const stale = stalenessOf(ctx, tool, button);
      if (stale) {
        await answer(stale);
        return await editButtonMessage(ctx, stale);
      }
      if (button.action === 'reject') {
        answered = true;
        await ctx.answerCallbackQuery();
        const anchor = `⛔ ${tool.name} · v${tool.version.version} · ${shownSha(tool)}`;
        return await ctx.reply(`${anchor}\n${ctx.t('toolApproval.reasonPrompt')}`, {
          reply_markup: {
            force_reply: true,
            input_field_placeholder: ctx.t('toolApproval.reasonPlaceholder'),
          },
        });
      }
      const approved = await tools.approve(actor, tool.name, { sha256: tool.version.sha256 });
      ctx.logger.info({ toolId: approved.id, version: approved.version.version }, 'tool approved in chat');
      const text = approvedText(ctx, approved);
      await answer(text);
      await editButtonMessage(ctx, text);
    } catch (error) {
      const refusal = refusalOf(ctx, button.name, error);
      if (!refusal || answered) throw error;
      await answer(refusal);
    }
  });

  composer.on('message:text').filter(
    (ctx) => reasonRequestOf(ctx) !== undefined,
    async (ctx) => {
      const request = reasonRequestOf(ctx) as PinnedVersion;
      const actor = adminActor(ctx);
      if (!actor) return ctx.reply(ctx.t('admin.only'));
      try {
        const tool = await tools.get(actor, request.name);
        const stale = stalenessOf(ctx, tool, request);
        if (stale) return await ctx.reply(stale);
        await reject(ctx, actor, tool.name, ctx.message.text.trim());
      } catch (error) {
        const refusal = refusalOf(ctx, request.name, error);
        if (!refusal) throw error;
        await ctx.reply(refusal);
      }
    },
  );

  return composer;
}
