import { parseArgs } from 'node:util';
import { systemClock } from '../clock/clock.js';
import { loadConfig } from '../config/index.js';
import { createDatabase } from '../db/db.js';
import { AccessService } from './access-service.js';

const usage = `Usage (npm run users -- <command> [options]):
  create-user --name <name> [--telegram-id <id>] [--admin]   create a user (prints its id)
  create-key --user <id> [--name <name>] [--admin]             issue an API key (printed once)
  list-users                                                   list users
  invite [--uses <n>] [--days <n>]                             create a Telegram invite code
  allow --telegram-id <id> [--note <text>]                     allow a Telegram user in`;

/** Administration from a shell, against DATABASE_URL (the embedded database by default). */
async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      name: { type: 'string' },
      user: { type: 'string' },
      'telegram-id': { type: 'string' },
      admin: { type: 'boolean', default: false },
      uses: { type: 'string' },
      days: { type: 'string' },
      note: { type: 'string' },
    },
  });
  const config = loadConfig();
  const db = createDatabase({ url: config.DATABASE_URL, poolMax: 1 });
  const access = new AccessService({ db, clock: systemClock, adminTelegramIds: config.ADMIN_TELEGRAM_IDS });
  const telegramId = values['telegram-id'] === undefined ? undefined : Number(values['telegram-id']);
  try {
    switch (command) {
      case 'create-user': {
        const user = await access.createUser({
          displayName: values.name ?? '',
          role: values.admin ? 'admin' : 'user',
          ...(telegramId ? { telegramId } : {}),
        });
        console.log(JSON.stringify(user, null, 2));
        break;
      }
      case 'create-key': {
        if (!values.user) throw new Error('create-key needs --user <id>');
        const { key, info } = await access.createApiKey(values.user, {
          name: values.name ?? 'cli',
          scope: values.admin ? 'admin' : 'user',
        });
        console.log(`API key (shown once, store it now): ${key}\nkey id: ${info.id}, scope: ${info.scope}`);
        break;
      }
      case 'list-users':
        console.table(await access.listUsers({ limit: 500, offset: 0 }));
        break;
      case 'invite': {
        const days = values.days ? Number(values.days) : undefined;
        const { code, invite } = await access.createInvite(null, {
          maxUses: values.uses ? Number(values.uses) : 1,
          expiresAt: days ? new Date(Date.now() + days * 86_400_000) : null,
        });
        console.log(
          `invite code: ${code} (uses: ${invite.maxUses}, expires: ${invite.expiresAt?.toISOString() ?? 'never'})`,
        );
        break;
      }
      case 'allow':
        if (!telegramId) throw new Error('allow needs --telegram-id <id>');
        await access.allowTelegramId(telegramId, values.note ?? '', null);
        console.log(`Telegram user ${telegramId} is allowed in`);
        break;
      default:
        console.log(usage);
        if (command !== undefined && command !== 'help') process.exitCode = 2;
    }
  } finally {
    await db.destroy();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const details = (error as { details?: unknown }).details;
  console.error(`${(error as Error).message}${details ? `\n${JSON.stringify(details, null, 2)}` : ''}`);
  process.exit(1);
});
