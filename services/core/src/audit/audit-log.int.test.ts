import type { Knex } from 'knex';
import { ValidationError } from '../errors/index.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-backends.js';
import { listAuditEvents, recordAuditEvent } from './audit-log.js';

// PGlite migrations are slow on a busy machine.
jest.setTimeout(60_000);

describe('audit log (integration)', () => {
  let testDb: TestDatabase;
  let db: Knex;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = testDb.db;
  });

  afterAll(async () => {
    await testDb.cleanup();
  });

  it('when an event is recorded, then every field is stored and read back', async () => {
    const event = await recordAuditEvent(db, {
      actorType: 'agent',
      actorId: 'user-1',
      action: 'tool.execute',
      targetType: 'tool',
      targetId: 'tool-1',
      outcome: 'success',
      toolVersion: 3,
      sha256: 'f'.repeat(64),
      durationMs: 42,
      details: { input: { note: 'ünïcødé 🧪' } },
      occurredAt: new Date('2026-03-01T00:00:00Z'),
    });
    expect(event).toEqual({
      id: expect.any(Number),
      actorType: 'agent',
      actorId: 'user-1',
      action: 'tool.execute',
      targetType: 'tool',
      targetId: 'tool-1',
      outcome: 'success',
      toolVersion: 3,
      sha256: 'f'.repeat(64),
      durationMs: 42,
      details: { input: { note: 'ünïcødé 🧪' } },
      createdAt: new Date('2026-03-01T00:00:00Z'),
    });
    expect(await listAuditEvents(db, { targetType: 'tool', targetId: 'tool-1' })).toEqual([event]);
  });

  it('when optional fields are left out, then they are null, details empty and the time is now', async () => {
    const before = Date.now();
    const event = await recordAuditEvent(db, {
      actorType: 'system',
      action: 'user.delete',
      targetType: 'user',
      outcome: 'failure',
    });
    expect(event).toMatchObject({
      actorId: null,
      targetId: null,
      toolVersion: null,
      sha256: null,
      details: {},
    });
    expect(event.createdAt.getTime()).toBeGreaterThanOrEqual(before - 60_000);
  });

  it('when events are listed, then they are oldest first, for that target only, and limited', async () => {
    for (const outcome of ['success', 'denied', 'failure'] as const) {
      await recordAuditEvent(db, {
        actorType: 'admin',
        action: 'tool.approve',
        targetType: 'tool',
        targetId: 't-2',
        outcome,
      });
    }
    const events = await listAuditEvents(db, { targetType: 'tool', targetId: 't-2' });
    expect(events.map((event) => event.outcome)).toEqual(['success', 'denied', 'failure']);
    expect(await listAuditEvents(db, { targetType: 'tool', targetId: 't-2' }, { limit: 2 })).toHaveLength(2);
    expect(await listAuditEvents(db, { targetType: 'user', targetId: 't-2' })).toEqual([]);
  });

  it.each([
    ['an unknown actor type', { actorType: 'robot' }],
    ['an unknown outcome', { outcome: 'maybe' }],
    ['an empty action', { action: '' }],
    ['an action over 80 characters', { action: 'x'.repeat(81) }],
    ['a malformed sha256', { sha256: 'XYZ' }],
    ['a negative duration', { durationMs: -1 }],
  ])('when the event has %s, then it is refused before reaching the database', async (_why, override) => {
    const event = {
      actorType: 'user',
      action: 'user.export',
      targetType: 'user',
      outcome: 'success',
      ...override,
    };
    await expect(recordAuditEvent(db, event as never)).rejects.toBeInstanceOf(ValidationError);
  });

  it('when a stored event is updated or deleted, then the trigger refuses', async () => {
    const event = await recordAuditEvent(db, {
      actorType: 'user',
      action: 'a',
      targetType: 'b',
      outcome: 'success',
    });
    await expect(db('audit_events').where('id', event.id).update({ action: 'changed' })).rejects.toThrow(
      /append-only/,
    );
    await expect(db('audit_events').where('id', event.id).del()).rejects.toThrow(/append-only/);
  });
});
