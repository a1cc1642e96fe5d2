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
  TOOL_AUTO_APPROVE: booleanFromEnv
    .default(false)
    .describe('Approve new dynamic tools and versions at once, without an admin (trusted setups only).'),
  TOOL_EXECUTOR: z
    .enum(['local', 'kubernetes'])
    .default('local')
    .describe('Where tool code runs: local (a sandboxed child process) or kubernetes (needs the operator).'),
  TOOL_RUNNER_PATH: z
    .string()
    .min(1)
    .default('services/tool-runner/dist/main.js')
    .describe('The built tool-runner program the local executor starts (relative to the working directory).'),
  TOOL_WARM_RUNNERS: nonNegativeInt
    .max(16)
    .default(2)
    .describe(
      'Tool-runner processes kept started and ready, each for one execution (0: start one per call).',
    ),
  TOOL_TIMEOUT_MS: positiveInt
    .max(60000)
    .default(2000)
    .describe('CPU deadline of one tool execution, in ms.'),
  TOOL_MEMORY_MB: positiveInt
    .min(4)
    .max(512)
    .default(32)
    .describe('Heap limit of one tool execution, in MB.'),
  TOOL_MAX_OUTPUT_BYTES: positiveInt
    .max(1048576)
    .default(65536)
    .describe('Largest JSON output a tool may return, in bytes.'),
  TOOL_CREATE_QUOTA_PER_DAY: positiveInt
    .default(5)
    .describe('Tools (and tool versions) one user may submit per day.'),
  TOOL_EXECUTE_QUOTA_PER_DAY: positiveInt.default(100).describe('Tool executions one user may run per day.'),
  FDC_API_KEY: z
    .string()
    .min(1)
    .optional()
    .describe('USDA FoodData Central API key; unset keeps food search on the offline SR28 table.'),
  FDC_BASE_URL: z
    .url({ protocol: /^https?$/, message: 'expected an http(s) URL' })
    .default('https://api.nal.usda.gov')
    .describe('Base URL of the USDA FoodData Central API (/fdc/v1/... is appended).'),
  OFF_BASE_URL: z
    .url({ protocol: /^https?$/, message: 'expected an http(s) URL' })
    .optional()
    .describe(
      'Open Food Facts base URL for barcode lookups, e.g. https://world.openfoodfacts.org; unset turns barcode lookups off (offline installs).',
    ),
  NUTRITION_CACHE_TTL_SECONDS: positiveInt
    .default(86400)
    .describe('How long online nutrition lookups (USDA FDC, Open Food Facts) are cached, in seconds.'),
  TELEGRAM_BOT_TOKEN: z
    .string()
    .min(1)
    .optional()
    .describe('Token from @BotFather; unset turns Telegram off (the bot process then serves health only).'),
  TELEGRAM_MODE: z
    .enum(['polling', 'webhook'])
    .default('polling')
    .describe('How updates arrive: polling (long polling, no public URL needed) or webhook.'),
  TELEGRAM_WEBHOOK_URL: z
    .url({ protocol: /^https$/, message: 'expected an https URL' })
    .optional()
    .describe('Public https URL Telegram posts updates to (webhook mode); it must reach /telegram/webhook.'),
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,256}$/, 'expected 16 to 256 characters of A-Z, a-z, 0-9, _ and -')
    .optional()
    .describe('Secret Telegram sends in X-Telegram-Bot-Api-Secret-Token; required in webhook mode.'),
  TELEGRAM_API_ROOT: z
    .url({ protocol: /^https?$/, message: 'expected an http(s) URL' })
    .transform((value) => value.replace(/\/+$/, ''))
    .default('https://api.telegram.org')
    .describe('Root of the Telegram Bot API (a local Bot API server or a test fake).'),
  TELEGRAM_SEND_RETRIES: nonNegativeInt
    .max(10)
    .default(3)
    .describe('Extra attempts for a Telegram call that failed with a 5xx or a network error.'),
  TELEGRAM_RETRY_BASE_DELAY_MS: positiveInt
    .default(500)
    .describe('Backoff ceiling before the first retry of a Telegram call, doubled on each further one.'),
  TELEGRAM_MAX_RETRY_AFTER_SECONDS: positiveInt
    .default(30)
    .describe('Longest 429 retry_after a send waits for; longer waits go to the outbox.'),
  BOT_PORT: port.default(8081).describe('HTTP port of the bot process (health, metrics, webhook).'),
  REMINDER_POLL_INTERVAL_MS: positiveInt
    .min(1000)
    .default(10000)
    .describe('How often the bot looks for due reminders, in ms.'),
  OUTBOX_POLL_INTERVAL_MS: positiveInt
    .default(5000)
    .describe('How often the bot retries queued outbox messages, in ms.'),
  OUTBOX_MAX_ATTEMPTS: positiveInt
    .max(100)
    .default(12)
    .describe('Delivery attempts before a queued message is abandoned.'),
});

export type Config = z.infer<typeof configSchema>;
