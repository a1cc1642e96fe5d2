import { InlineKeyboard, Keyboard } from 'grammy';
import type { Location } from 'grammy/types';
import type { BotContext } from '../bot-context.js';
import { localTimeIn } from '../i18n/local-time.js';
import { nearestCity, resolveTimezoneInput } from '../parsing/timezone-input.js';

/**
 * Asking for a time zone, shared by onboarding and /settings: a typed city or zone is taken at
 * once; a shared location is only turned into a guess the person confirms.
 */

export function askForTimezone(ctx: BotContext, text: string): Promise<unknown> {
  const keyboard = new Keyboard().requestLocation(ctx.t('timezone.shareLocation')).resized().oneTime();
  return ctx.reply(text, { reply_markup: keyboard });
}

/** The zone a typed answer names, or undefined after telling the person what was not understood. */
export async function timezoneFromText(ctx: BotContext, text: string): Promise<string | undefined> {
  const match = resolveTimezoneInput(text);
  if (match) return match.zone;
  await ctx.reply(ctx.t('timezone.unknown', { input: text.trim().slice(0, 60) }));
  return undefined;
}

/**
 * Proposes the zone of the known city near a shared location, with yes/no buttons carrying
 * the given callback data; returns the proposed zone, or undefined when it cannot be guessed.
 */
export async function proposeTimezone(
  ctx: BotContext,
  location: Location,
  now: Date,
  buttons: { yes: string; no: string },
): Promise<string | undefined> {
  const near = nearestCity(location);
  if (!near) {
    await ctx.reply(ctx.t('timezone.unknownLocation'));
    return undefined;
  }
  const keyboard = new InlineKeyboard()
    .text(ctx.t('common.yes'), buttons.yes)
    .text(ctx.t('common.no'), buttons.no);
  await ctx.reply(
    ctx.t('timezone.proposal', {
      city: near.city.name,
      zone: near.city.zone,
      time: localTimeIn(near.city.zone, now, ctx.language),
    }),
    { reply_markup: keyboard },
  );
  return near.city.zone;
}

/** Confirms a saved zone and takes the location keyboard away. */
export function confirmTimezone(ctx: BotContext, zone: string, now: Date): Promise<unknown> {
  return ctx.reply(ctx.t('timezone.set', { zone, time: localTimeIn(zone, now, ctx.language) }), {
    reply_markup: { remove_keyboard: true },
  });
}
