import { type Config, ConfigError } from '@health-agent/core';

/** Where Telegram posts updates in webhook mode, on the bot's own HTTP server. */
export const WEBHOOK_PATH = '/telegram/webhook';

export type TelegramSettings =
  | { enabled: false }
  | {
      enabled: true;
      token: string;
      apiRoot: string;
      mode: 'polling' | 'webhook';
      webhook?: { url: string; secret: string };
    };

/**
 * The Telegram part of the configuration, checked as a whole: webhook mode needs its public URL
 * and its secret, and the process refuses to start without them.
 */
export function telegramSettingsFrom(config: Config): TelegramSettings {
  if (!config.TELEGRAM_BOT_TOKEN) return { enabled: false };
  const base = {
    enabled: true as const,
    token: config.TELEGRAM_BOT_TOKEN,
    apiRoot: config.TELEGRAM_API_ROOT,
  };
  if (config.TELEGRAM_MODE === 'polling') return { ...base, mode: 'polling' };
  const problems: string[] = [];
  if (!config.TELEGRAM_WEBHOOK_URL)
    problems.push('TELEGRAM_WEBHOOK_URL: required when TELEGRAM_MODE is webhook');
  if (!config.TELEGRAM_WEBHOOK_SECRET)
    problems.push('TELEGRAM_WEBHOOK_SECRET: required when TELEGRAM_MODE is webhook');
  if (config.TELEGRAM_WEBHOOK_URL && new URL(config.TELEGRAM_WEBHOOK_URL).pathname !== WEBHOOK_PATH) {
    problems.push(`TELEGRAM_WEBHOOK_URL: its path must be ${WEBHOOK_PATH}`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    ...base,
    mode: 'webhook',
    webhook: { url: config.TELEGRAM_WEBHOOK_URL as string, secret: config.TELEGRAM_WEBHOOK_SECRET as string },
  };
}
