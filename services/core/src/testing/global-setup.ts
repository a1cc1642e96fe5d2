import { existsSync } from 'node:fs';
import { createDatabase } from '../db/db.js';
import { migrateLatest } from '../db/migrator.js';
import { adminConnection, databaseUrlFor, harnessEnv } from './test-backends.js';

interface StartedContainer {
  stop(): Promise<unknown>;
}

export interface HarnessState {
  containers: StartedContainer[];
  adminUrl?: string;
  templateDb?: string;
}

/** Shared with global-teardown.ts, which jest runs in the same process (but may load as another module). */
export function harnessState(): HarnessState {
  const holder = globalThis as { __healthAgentHarness?: HarnessState };
  holder.__healthAgentHarness ??= { containers: [] };
  return holder.__healthAgentHarness;
}

function dockerEngineLikely(): boolean {
  return Boolean(process.env.DOCKER_HOST) || existsSync('/var/run/docker.sock');
}

async function startPostgresContainer(): Promise<string | undefined> {
  try {
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const container = await new PostgreSqlContainer('postgres:16-alpine').start();
    harnessState().containers.push(container);
    return container.getConnectionUri();
  } catch (error) {
    console.log(
      `[harness] testcontainers PostgreSQL unavailable: ${(error as Error).message.split('\n')[0]}`,
    );
    return undefined;
  }
}

async function startRedisContainer(): Promise<string | undefined> {
  try {
    const { RedisContainer } = await import('@testcontainers/redis');
    const container = await new RedisContainer('redis:7-alpine').start();
    harnessState().containers.push(container);
    return container.getConnectionUrl();
  } catch (error) {
    console.log(`[harness] testcontainers Redis unavailable: ${(error as Error).message.split('\n')[0]}`);
    return undefined;
  }
}

function describeUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.hostname}:${parsed.port}${parsed.pathname}`;
}

/** Creates and migrates this run's template database; each test file copies it. */
async function prepareTemplate(adminUrl: string): Promise<string> {
  const templateDb = `ha_tpl_${process.pid}_${Date.now().toString(36)}`;
  const admin = adminConnection(adminUrl);
  try {
    await admin.raw('CREATE DATABASE ??', [templateDb]);
  } finally {
    await admin.destroy();
  }
  const db = createDatabase({ url: databaseUrlFor(adminUrl, templateDb), poolMax: 1 });
  try {
    await migrateLatest(db);
  } finally {
    await db.destroy();
  }
  return templateDb;
}

export default async function globalSetup(): Promise<void> {
  const docker = dockerEngineLikely();
  let pgSource = 'DATABASE_URL';
  let pgUrl = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : undefined;
  if (!pgUrl && docker) {
    pgUrl = await startPostgresContainer();
    pgSource = 'testcontainers';
  }
  let redisSource = 'REDIS_URL';
  let redisUrl = process.env.REDIS_URL || undefined;
  if (!redisUrl && docker) {
    redisUrl = await startRedisContainer();
    redisSource = 'testcontainers';
  }

  const parts: string[] = [];
  if (pgUrl) {
    const templateDb = await prepareTemplate(pgUrl);
    Object.assign(harnessState(), { adminUrl: pgUrl, templateDb });
    process.env[harnessEnv.backend] = 'postgres';
    process.env[harnessEnv.adminUrl] = pgUrl;
    process.env[harnessEnv.templateDb] = templateDb;
    parts.push(
      `PostgreSQL via ${pgSource} (${describeUrl(pgUrl)}, one database per test file from template ${templateDb})`,
    );
  } else {
    process.env[harnessEnv.backend] = 'pglite';
    parts.push(
      'embedded PGlite (no DATABASE_URL and no Docker engine; one in-memory database per test file)',
    );
  }
  if (redisUrl) {
    process.env[harnessEnv.redisUrl] = redisUrl;
    parts.push(`Redis via ${redisSource} (${describeUrl(redisUrl)})`);
  } else {
    delete process.env[harnessEnv.redisUrl];
    parts.push('in-process cache and rate limiter (no REDIS_URL and no Docker engine)');
  }
  const description = parts.join('; ');
  process.env[harnessEnv.description] = description;
  console.log(`\n[harness] integration backend: ${description}`);
}
