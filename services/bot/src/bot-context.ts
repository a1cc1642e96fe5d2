import type { Logger, ProfileView, User } from '@health-agent/core';
import type { Context, SessionFlavor } from 'grammy';
import type { Flow } from './conversation/flow.js';
import type { Language, Translate } from './i18n/translator.js';

/** What the bot remembers about a chat between updates: the question it is waiting on, if any. */
export interface SessionData {
  flow?: Flow;
}

/** The admitted user behind an update, with the profile their replies are shaped by. */
export interface Account {
  user: User;
  profile: ProfileView;
}

interface BotFlavor {
  /** A child logger carrying the update id. */
  logger: Logger;
  language: Language;
  t: Translate;
  /** Set by the access gate; every feature behind it can rely on it through accountOf(). */
  account?: Account;
}

export type BotContext = Context & SessionFlavor<SessionData> & BotFlavor;

/** The admitted account of an update behind the access gate; a missing one is a wiring bug. */
export function accountOf(ctx: BotContext): Account {
  if (!ctx.account)
    throw new Error('no account on the context: is this feature registered behind the access gate?');
  return ctx.account;
}
