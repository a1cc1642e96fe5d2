import type { Redis } from 'ioredis';
import type { Clock } from '../clock/clock.js';
import type { Config } from '../config/index.js';
import type { Db } from '../db/db.js';
import type { Logger } from '../logging/logger.js';
import { createRateLimiter } from '../rate-limit/index.js';
import type { ToolExecutor } from './tool-executor.js';
import { createToolService, type ToolService } from './tool-service.js';

const SECONDS_PER_DAY = 86_400;

/** The tool service as configuration asks for it: daily quotas (in Redis when given), limits, approval mode. */
export function createToolServiceFromConfig(deps: {
  db: Db;
  clock: Clock;
  logger: Logger;
  config: Config;
  redis?: Redis;
  executor?: ToolExecutor;
}): ToolService {
  const { config } = deps;
  const dailyQuota = (name: string, points: number) =>
    createRateLimiter({
      points,
      durationSeconds: SECONDS_PER_DAY,
      keyPrefix: `${config.CACHE_KEY_PREFIX}quota:${name}`,
      ...(deps.redis ? { redis: deps.redis } : {}),
    });
  return createToolService({
    db: deps.db,
    clock: deps.clock,
    logger: deps.logger,
    quotas: {
      create: dailyQuota('tool-create', config.TOOL_CREATE_QUOTA_PER_DAY),
      execute: dailyQuota('tool-execute', config.TOOL_EXECUTE_QUOTA_PER_DAY),
    },
    ...(deps.executor ? { executor: deps.executor } : {}),
    autoApprove: config.TOOL_AUTO_APPROVE,
    limits: {
      timeoutMs: config.TOOL_TIMEOUT_MS,
      memoryMb: config.TOOL_MEMORY_MB,
      maxOutputBytes: config.TOOL_MAX_OUTPUT_BYTES,
    },
  });
}
