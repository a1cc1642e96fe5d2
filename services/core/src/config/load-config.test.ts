import { ConfigError, loadConfig, printableValue } from './load-config.js';

describe('loadConfig', () => {
  it('when nothing is set, then every variable takes its documented default', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(8080);
    expect(config.DATABASE_URL).toBe('pglite://./data/pglite');
    expect(config.MIGRATE_ON_START).toBe(false);
    expect(config.REDIS_URL).toBeUndefined();
  });

  it('when values are set, then they are coerced to their types', () => {
    const config = loadConfig({ PORT: '3000', MIGRATE_ON_START: 'true', DATABASE_POOL_MAX: '4' });
    expect(config).toMatchObject({ PORT: 3000, MIGRATE_ON_START: true, DATABASE_POOL_MAX: 4 });
  });

  it('when a value is empty, then it counts as unset', () => {
    expect(loadConfig({ PORT: '  ' }).PORT).toBe(8080);
  });

  it('when a value is bad, then the error names the variable, the problem and the value', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', REDIS_URL: 'localhost' });
    } catch (error) {
      const problems = (error as ConfigError).problems;
      expect(problems).toHaveLength(3);
      expect(problems.find((p) => p.startsWith('PORT:'))).toContain('"eighty"');
      expect(problems.find((p) => p.startsWith('DATABASE_URL:'))).toContain('pglite://');
      expect(problems.find((p) => p.startsWith('REDIS_URL:'))).toContain('redis://');
      expect((error as Error).message).toContain('Invalid configuration');
    }
  });

  it('when a boolean is not a boolean, then it says what it expected', () => {
    expect(() => loadConfig({ MIGRATE_ON_START: 'maybe' })).toThrow(
      /MIGRATE_ON_START: expected true or false/,
    );
  });

  it('when a secret or a URL with credentials is bad, then the error never prints the secret', () => {
    expect(printableValue('TELEGRAM_BOT_TOKEN', '123:abc')).toBe('(value hidden)');
    expect(printableValue('DATABASE_URL', 'mysql://user:hunter2@db/x')).toBe('"mysql://***@db/x"');
    expect(() => loadConfig({ DATABASE_URL: 'mysql://user:hunter2@db/x' })).toThrow(
      /DATABASE_URL: .*mysql:\/\/\*\*\*@db\/x/,
    );
  });
});
