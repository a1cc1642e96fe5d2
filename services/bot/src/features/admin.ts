import { Composer, InlineKeyboard } from 'grammy';
import { accountOf, type BotContext } from '../bot-context.js';
import type { FeatureDependencies } from './feature-dependencies.js';
import { editButtonMessage } from './message-editing.js';

const USERS_PAGE = 20;
const MAX_INVITE_USES = 100;

function isAdmin(ctx: BotContext): boolean {
  return accountOf(ctx).user.role === 'admin';
}

/**
 * Admin commands over the same access service as the API: /invite creates an invite code,
 * /users pages through the users. The role is checked on every command and every button.
 */
export function adminFeature(deps: FeatureDependencies): Composer<BotContext> {
  const { access } = deps.services;
  const composer = new Composer<BotContext>();

  async function usersPage(
    ctx: BotContext,
    offset: number,
  ): Promise<{ text: string; keyboard: InlineKeyboard }> {
    // One extra row tells whether a next page exists.
    const users = await access.listUsers({ limit: USERS_PAGE + 1, offset });
    const shown = users.slice(0, USERS_PAGE);
    const keyboard = new InlineKeyboard();
    if (offset > 0) keyboard.text(ctx.t('admin.previous'), `adm:users:${Math.max(0, offset - USERS_PAGE)}`);
    if (users.length > USERS_PAGE) keyboard.text(ctx.t('admin.next'), `adm:users:${offset + USERS_PAGE}`);
    if (shown.length === 0) return { text: ctx.t('admin.usersNone'), keyboard };
    const lines = shown.map((user) =>
      ctx.t('admin.userLine', {
        name: user.displayName,
        role: user.role,
        status: user.status,
        telegram: user.telegramId ?? '-',
      }),
    );
    const title = ctx.t('admin.usersTitle', { from: offset + 1, to: offset + shown.length });
    return { text: [title, ...lines].join('\n'), keyboard };
  }

  composer.command('invite', async (ctx) => {
    if (!isAdmin(ctx)) return ctx.reply(ctx.t('admin.only'));
    const argument = ctx.match.trim();
    const uses = argument === '' ? 1 : Number(argument);
    if (!Number.isInteger(uses) || uses < 1 || uses > MAX_INVITE_USES)
      return ctx.reply(ctx.t('admin.inviteUsage'));
    const { code } = await access.createInvite(accountOf(ctx).user.id, { maxUses: uses });
    ctx.logger.info({ uses }, 'invite created');
    await ctx.reply(
      ctx.t('admin.inviteCreated', { code, uses, link: `https://t.me/${ctx.me.username}?start=${code}` }),
    );
  });

  composer.command('users', async (ctx) => {
    if (!isAdmin(ctx)) return ctx.reply(ctx.t('admin.only'));
    const page = await usersPage(ctx, 0);
    await ctx.reply(page.text, { reply_markup: page.keyboard });
  });

  composer.callbackQuery(/^adm:users:(\d{1,6})$/, async (ctx) => {
    if (!isAdmin(ctx)) return ctx.answerCallbackQuery({ text: ctx.t('admin.only') });
    await ctx.answerCallbackQuery();
    const page = await usersPage(ctx, Number(ctx.match[1]));
    await editButtonMessage(ctx, page.text, page.keyboard);
  });

  return composer;
}
