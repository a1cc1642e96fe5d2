import { ConfigError, loadConfig } from '@health-agent/core';
import { telegramSettingsFrom } from './bot-settings.js';

describe('telegram settings', () => {
  it('when no token is set, then Telegram is off', () => {
    expect(telegramSettingsFrom(loadConfig({}))).toEqual({ enabled: false });
  });

  it('when a token is set, then polling is the default against the public Bot API', () => {
    expect(telegramSettingsFrom(loadConfig({ TELEGRAM_BOT_TOKEN: '1:abc' }))).toEqual({
      enabled: true,
      token: '1:abc',
      apiRoot: 'https://api.telegram.org',
      mode: 'polling',
    });
    expect(
      telegramSettingsFrom(
        loadConfig({ TELEGRAM_BOT_TOKEN: '1:abc', TELEGRAM_API_ROOT: 'http://localhost:8081/' }),
      ),
    ).toMatchObject({ apiRoot: 'http://localhost:8081' });
  });

  it('when webhook mode has its URL and secret, then both are used', () => {
    const settings = telegramSettingsFrom(
      loadConfig({
        TELEGRAM_BOT_TOKEN: '1:abc',
        TELEGRAM_MODE: 'webhook',
        TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/telegram/webhook',
        TELEGRAM_WEBHOOK_SECRET: 'a-long-enough-secret_123',
      }),
    );
    expect(settings).toMatchObject({
      mode: 'webhook',
      webhook: { url: 'https://bot.example.org/telegram/webhook', secret: 'a-long-enough-secret_123' },
    });
  });

  it('when webhook mode lacks what it needs, then every problem is named', () => {
    const attempt = () =>
      telegramSettingsFrom(
        loadConfig({
          TELEGRAM_BOT_TOKEN: '1:abc',
          TELEGRAM_MODE: 'webhook',
          TELEGRAM_WEBHOOK_URL: 'https://x.org/hook',
        }),
      );
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        'TELEGRAM_WEBHOOK_SECRET: required when TELEGRAM_MODE is webhook',
        'TELEGRAM_WEBHOOK_URL: its path must be /telegram/webhook',
      ]);
    }
    expect(() =>
      telegramSettingsFrom(loadConfig({ TELEGRAM_BOT_TOKEN: '1:abc', TELEGRAM_MODE: 'webhook' })),
    ).toThrow('TELEGRAM_WEBHOOK_URL: required');
  });

  it('when the secret or the URL is malformed, then the configuration is refused', () => {
    expect(() => loadConfig({ TELEGRAM_WEBHOOK_SECRET: 'short' })).toThrow('TELEGRAM_WEBHOOK_SECRET');
    expect(() =>
      loadConfig({ TELEGRAM_WEBHOOK_URL: 'http://insecure.example.org/telegram/webhook' }),
    ).toThrow('expected an https URL');
    expect(() => loadConfig({ TELEGRAM_MODE: 'carrier-pigeon' })).toThrow('TELEGRAM_MODE');
  });
});
