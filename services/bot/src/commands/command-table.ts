import type { Api } from 'grammy';
import type { BotCommand } from 'grammy/types';
import { createTranslator, type Language, languages, type Translate } from '../i18n/translator.js';
import type { MessageKey } from '../locales/en.js';

export interface CommandSpec {
  command: string;
  description: MessageKey;
  adminOnly?: boolean;
}

/**
 * Every command the bot answers, in the order /help lists them. The same table feeds
 * setMyCommands, so Telegram's command menu and /help never disagree; a test checks each
 * one has a handler.
 */
export const commandTable: readonly CommandSpec[] = [
  { command: 'start', description: 'command.start' },
  { command: 'help', description: 'command.help' },
  { command: 'log', description: 'food.command.log' },
  { command: 'today', description: 'food.command.today' },
  { command: 'week', description: 'food.command.week' },
  { command: 'water', description: 'metrics.command.water' },
  { command: 'weight', description: 'metrics.command.weight' },
  { command: 'sleep', description: 'metrics.command.sleep' },
  { command: 'exercise', description: 'metrics.command.exercise' },
  { command: 'mood', description: 'metrics.command.mood' },
  { command: 'steps', description: 'metrics.command.steps' },
  { command: 'med', description: 'metrics.command.med' },
  { command: 'track', description: 'trackers.command' },
  { command: 'stats', description: 'stats.command' },
  { command: 'xp', description: 'progress.command.xp' },
  { command: 'streaks', description: 'progress.command.streaks' },
  { command: 'achievements', description: 'progress.command.achievements' },
  { command: 'remind', description: 'reminders.command' },
  { command: 'memory', description: 'memory.command' },
  { command: 'export', description: 'dataRights.exportCommand' },
  { command: 'delete', description: 'dataRights.deleteCommand' },
  { command: 'settings', description: 'command.settings' },
  { command: 'privacy', description: 'command.privacy' },
  { command: 'cancel', description: 'command.cancel' },
  { command: 'invite', description: 'command.invite', adminOnly: true },
  { command: 'users', description: 'command.users', adminOnly: true },
  { command: 'pending_tools', description: 'toolApproval.command.pending', adminOnly: true },
  { command: 'approve_tool', description: 'toolApproval.command.approve', adminOnly: true },
  { command: 'reject_tool', description: 'toolApproval.command.reject', adminOnly: true },
];

export function botCommands(t: Translate, options: { admin: boolean }): BotCommand[] {
  return commandTable
    .filter((spec) => options.admin || !spec.adminOnly)
    .map((spec) => ({ command: spec.command, description: t(spec.description) }));
}

/**
 * Publishes the command menu: everyone's commands in each language (English as the default),
 * and the admin commands too in the chats of the configured admins.
 */
export async function publishCommands(api: Api, adminTelegramIds: readonly number[]): Promise<void> {
  await api.setMyCommands(botCommands(createTranslator('en'), { admin: false }));
  for (const language of languages.filter((code): code is Exclude<Language, 'en'> => code !== 'en')) {
    await api.setMyCommands(botCommands(createTranslator(language), { admin: false }), {
      language_code: language,
    });
  }
  for (const chatId of adminTelegramIds) {
    await api.setMyCommands(botCommands(createTranslator('en'), { admin: true }), {
      scope: { type: 'chat', chat_id: chatId },
    });
  }
}
