import { Composer } from 'grammy';
import { accountOf, type BotContext } from '../bot-context.js';
import { botCommands } from '../commands/command-table.js';

/** /help: every command from the command table, the admin ones only for admins. */
export function helpFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command('help', async (ctx) => {
    const admin = accountOf(ctx).user.role === 'admin';
    const line = (command: { command: string; description: string }) =>
      `/${command.command} - ${command.description}`;
    const everyone = botCommands(ctx.t, { admin: false });
    const adminOnly = botCommands(ctx.t, { admin: true }).filter(
      (command) => !everyone.some((shared) => shared.command === command.command),
    );
    const sections = [[ctx.t('help.title'), ...everyone.map(line)].join('\n')];
    if (admin) sections.push([ctx.t('help.adminTitle'), ...adminOnly.map(line)].join('\n'));
    sections.push(ctx.t('help.footer'));
    await ctx.reply(sections.join('\n\n'));
  });
  return composer;
}
