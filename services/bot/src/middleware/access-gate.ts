import {
  type AccessService,
  ForbiddenError,
  type OutboxService,
  type ProfileService,
  type User,
} from '@health-agent/core';
import type { MiddlewareFn } from 'grammy';
import type { User as TelegramUser } from 'grammy/types';
import type { BotContext } from '../bot-context.js';
import { createTranslator } from '../i18n/translator.js';

export interface AccessGateDependencies {
  access: Pick<AccessService, 'admitTelegramUser' | 'redeemInvite'>;
  profiles: Pick<ProfileService, 'getProfile'>;
  outbox: Pick<OutboxService, 'markRecipientReachable'>;
}

export function displayNameOf(from: TelegramUser): string {
  return [from.first_name, from.last_name].filter(Boolean).join(' ').trim();
}

/** The code of "/start CODE" (also "/start@bot CODE", as a deep link sends it). */
export function inviteCodeOf(text: string | undefined): string | undefined {
  const match = /^\/start(?:@\w+)?\s+(\S{1,64})\s*$/.exec(text ?? '');
  return match?.[1];
}

/**
 * Who gets past this point: a known user, an admin id or an allow-listed id (through the access
 * service), or someone presenting a valid invite with /start CODE. Nobody else: they are told
 * how to get in, and nothing else of the bot runs for them.
 */
export function accessGate(deps: AccessGateDependencies): MiddlewareFn<BotContext> {
  async function admitWithInvite(ctx: BotContext, from: TelegramUser): Promise<User | undefined> {
    const code = inviteCodeOf(ctx.message?.text);
    if (!code) {
      if (ctx.callbackQuery)
        await ctx.answerCallbackQuery({ text: ctx.t('access.needInvite'), show_alert: true });
      else if (ctx.message) await ctx.reply(ctx.t('access.needInvite'));
      return undefined;
    }
    try {
      const user = await deps.access.redeemInvite(code, {
        telegramId: from.id,
        displayName: displayNameOf(from),
      });
      if (user.status === 'blocked') {
        await ctx.reply(ctx.t('access.accountBlocked'));
        return undefined;
      }
      ctx.logger.info({ userId: user.id }, 'user admitted with an invite');
      await ctx.reply(ctx.t('access.inviteAccepted'));
      return user;
    } catch (error) {
      if (!(error instanceof ForbiddenError)) throw error;
      ctx.logger.info({ telegramId: from.id }, 'invite refused');
      await ctx.reply(ctx.t('access.inviteInvalid'));
      return undefined;
    }
  }

  return async (ctx, next) => {
    const from = ctx.from;
    if (!from || from.is_bot) return;
    const admitted =
      (await deps.access.admitTelegramUser({ telegramId: from.id, displayName: displayNameOf(from) })) ??
      (await admitWithInvite(ctx, from));
    if (!admitted) return;
    // Someone who once blocked the bot is writing again, so they can be reached: reminders resume.
    const resumed = admitted.status === 'paused' && (await deps.outbox.markRecipientReachable(from.id));
    const user: User = resumed ? { ...admitted, status: 'active' } : admitted;
    const profile = await deps.profiles.getProfile(user.id);
    ctx.account = { user, profile };
    ctx.language = profile.language;
    ctx.t = createTranslator(profile.language);
    ctx.logger = ctx.logger.child({ userId: user.id });
    await next();
  };
}
