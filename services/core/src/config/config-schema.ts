import { z } from 'zod';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true or false' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const port = z.coerce
  .number({ message: 'expected a port number' })
  .int('expected a whole number')
  .min(0, 'expected a port between 0 and 65535')
  .max(65535, 'expected a port between 0 and 65535');

const positiveInt = z.coerce
  .number({ message: 'expected a number' })
  .int('expected a whole number')
  .positive();
const nonNegativeInt = z.coerce
  .number({ message: 'expected a number' })
  .int('expected a whole number')
  .min(0);

const databaseUrl = z
  .string()
  .refine((value) => /^(postgres|postgresql):\/\/.+/.test(value) || /^pglite:\/\/.*/.test(value), {
    message: 'expected postgres://user@host:port/db or pglite://<directory> (pglite://memory for in-memory)',
  });

const redisUrl = z.string().refine((value) => /^rediss?:\/\/.+/.test(value), {
  message: 'expected redis://host:port or rediss://...',
});

/**
 * Every environment variable the platform reads. Each entry's description is
 * what docs/configuration.md says of it; a test keeps the two in step.
 */
export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development').describe('Runtime mode.'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe('pino log level.'),
  HOST: z.string().min(1).default('0.0.0.0').describe('Interface the HTTP server binds to.'),
  PORT: port.default(8080).describe('HTTP port of the API.'),
  DATABASE_URL: databaseUrl
    .default('pglite://./data/pglite')
    .describe('postgres://... uses PostgreSQL through pg; pglite://<dir> uses embedded PGlite.'),
  DATABASE_POOL_MIN: nonNegativeInt.default(0).describe('Minimum pg pool size (PostgreSQL only).'),
  DATABASE_POOL_MAX: positiveInt.default(10).describe('Maximum pg pool size (PostgreSQL only).'),
  DATABASE_STATEMENT_TIMEOUT_MS: positiveInt
    .default(15000)
    .describe('Statement timeout for PostgreSQL connections, in ms.'),
  MIGRATE_ON_START: booleanFromEnv
    .default(false)
    .describe('Apply pending migrations when the API starts (make start sets it).'),
  REDIS_URL: redisUrl.optional().describe('Redis for cache and rate limits; unset uses in-process ones.'),
  CACHE_KEY_PREFIX: z.string().default('ha:').describe('Prefix for every cache and rate-limit key.'),
  SHUTDOWN_TIMEOUT_MS: positiveInt
    .default(10000)
    .describe('How long graceful shutdown waits for requests to drain.'),
  HTTP_BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'expected a size such as 100kb or 1mb')
    .default('100kb')
    .describe('Largest accepted JSON body.'),
  CORS_ORIGINS: z
    .string()
    .optional()
    .describe('Comma-separated origins allowed by CORS; unset turns CORS off.'),
  RATE_LIMIT_POINTS: positiveInt.default(120).describe('Requests allowed per API key (or IP) per window.'),
  RATE_LIMIT_WINDOW_SECONDS: positiveInt.default(60).describe('Length of the rate-limit window, in seconds.'),
  ADMIN_TELEGRAM_IDS: z
    .string()
    .regex(/^\d+(,\d+)*$/, 'expected comma-separated Telegram user ids, e.g. 12345,67890')
    .transform((value) => value.split(',').map(Number))
    .optional()
    .describe('Telegram user ids that are admins.'),
  BOOTSTRAP_ADMIN_KEY_FILE: z
    .string()
    .optional()
    .describe(
      'On first start with no admin, create one and write its API key to this file (make start sets it).',
    ),
  BREAKER_FAILURE_THRESHOLD: positiveInt
    .default(5)
    .describe('Consecutive failures that open a circuit breaker.'),
  BREAKER_RESET_TIMEOUT_MS: positiveInt
    .default(30000)
    .describe('How long an open breaker waits before half-opening.'),
  BREAKER_CALL_TIMEOUT_MS: positiveInt.default(10000).describe('Default timeout of an outbound call, in ms.'),
});

export type Config = z.infer<typeof configSchema>;
