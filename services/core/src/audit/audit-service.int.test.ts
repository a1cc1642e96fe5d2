import type { Knex } from 'knex';
import { ForbiddenError, ValidationError } from '../errors/index.js';
import { createTestDatabase } from '../testing/test-backends.js';
import { recordAuditEvent } from './audit-log.js';
import { createAuditService } from './audit-service.js';

// PGlite migrations are slow on a busy machine.
jest.setTimeout(60_000);

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Knex;
const admin = { scope: 'admin' as const };

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  const base = Date.parse('2026-03-01T00:00:00Z');
  for (let index = 0; index < 7; index += 1) {
    await recordAuditEvent(db, {
      actorType: index % 2 === 0 ? 'user' : 'admin',
      actorId: index % 2 === 0 ? 'user-a' : 'admin-b',
      action: index < 4 ? 'tool.create' : 'tool.execute',
      targetType: 'tool',
      targetId: index < 5 ? 'tool-1' : 'tool-2',
      outcome: index === 6 ? 'denied' : 'success',
      occurredAt: new Date(base + index * 86_400_000),
    });
  }
  await recordAuditEvent(db, {
    actorType: 'system',
    action: 'user.export',
    targetType: 'user',
    targetId: 'u',
    outcome: 'success',
    occurredAt: new Date(base + 10 * 86_400_000),
  });
});

afterAll(async () => {
  await database.cleanup();
});

describe('AuditService.list', () => {
  const service = () => createAuditService({ db });

  it('when an admin reads the trail, then it comes newest first', async () => {
    const page = await service().list(admin);
    expect(page.events.map((event) => event.action)).toEqual([
      'user.export',
      'tool.execute',
      'tool.execute',
      'tool.execute',
      'tool.create',
      'tool.create',
      'tool.create',
      'tool.create',
    ]);
    expect(page.nextCursor).toBeNull();
  });

  it('when filters are given, then every one of them applies', async () => {
    const list = async (query: Parameters<ReturnType<typeof service>['list']>[1]) =>
      (await service().list(admin, query)).events.map((event) => event.createdAt.toISOString().slice(0, 10));
    expect(await list({ action: 'tool.execute', outcome: 'denied' })).toEqual(['2026-03-07']);
    expect(await list({ actorId: 'admin-b' })).toEqual(['2026-03-06', '2026-03-04', '2026-03-02']);
    expect(await list({ targetType: 'tool', targetId: 'tool-2' })).toEqual(['2026-03-07', '2026-03-06']);
    expect(
      await list({ from: new Date('2026-03-03T00:00:00Z'), to: new Date('2026-03-05T00:00:00Z') }),
    ).toEqual(['2026-03-04', '2026-03-03']);
    expect(await list({ action: 'nothing.like.this' })).toEqual([]);
  });

  it('when the trail is longer than a page, then the cursor walks it without gaps or repeats', async () => {
    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await service().list(admin, { limit: 3, ...(cursor ? { cursor } : {}) });
      expect(page.events.length).toBeLessThanOrEqual(3);
      seen.push(...page.events.map((event) => event.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(8);
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);
    expect(new Set(seen).size).toBe(8);
  });

  it('when a user asks, then it is forbidden', async () => {
    await expect(service().list({ scope: 'user' })).rejects.toThrow(ForbiddenError);
  });

  it('when the query is malformed, then it is a validation error', async () => {
    await expect(service().list(admin, { limit: 201 })).rejects.toThrow(ValidationError);
    await expect(service().list(admin, { cursor: 'abc' })).rejects.toThrow(ValidationError);
    await expect(service().list(admin, { cursor: '0' })).rejects.toThrow(ValidationError);
    await expect(
      service().list(admin, { from: new Date('2026-03-05T00:00:00Z'), to: new Date('2026-03-01T00:00:00Z') }),
    ).rejects.toThrow(ValidationError);
    await expect(service().list(admin, { outcome: 'maybe' as 'success' })).rejects.toThrow(ValidationError);
  });
});
