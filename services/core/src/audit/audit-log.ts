import { z } from 'zod';
import type { Db } from '../db/db.js';
import { ValidationError } from '../errors/index.js';

export const auditActorTypes = ['user', 'admin', 'system', 'agent'] as const;
export type AuditActorType = (typeof auditActorTypes)[number];

export const auditOutcomes = ['success', 'denied', 'failure'] as const;
export type AuditOutcome = (typeof auditOutcomes)[number];

/** Who did something, as the audit trail names them. */
export interface AuditActor {
  type: AuditActorType;
  /** A user id, a key id or a process name; null when nobody in particular (e.g. a scheduler). */
  id: string | null;
}

export interface AuditEventInput {
  actorType: AuditActorType;
  actorId?: string | null;
  /** Dotted verb, e.g. 'user.export', 'tool.approve'. */
  action: string;
  targetType: string;
  targetId?: string | null;
  outcome: AuditOutcome;
  toolVersion?: number;
  sha256?: string;
  durationMs?: number;
  details?: Record<string, unknown>;
  /** From the caller's injected clock; the database's now() when absent. */
  occurredAt?: Date;
}

export interface AuditEvent {
  id: number;
  actorType: AuditActorType;
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  outcome: AuditOutcome;
  toolVersion: number | null;
  sha256: string | null;
  durationMs: number | null;
  details: Record<string, unknown>;
  createdAt: Date;
}

const auditEventSchema = z.object({
  actorType: z.enum(auditActorTypes),
  actorId: z.string().max(200).nullish(),
  action: z.string().min(1).max(80),
  targetType: z.string().min(1).max(40),
  targetId: z.string().max(200).nullish(),
  outcome: z.enum(auditOutcomes),
  toolVersion: z.number().int().positive().optional(),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  durationMs: z.number().int().nonnegative().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
  occurredAt: z.date().optional(),
});

export interface AuditEventRow {
  id: string | number;
  actor_type: AuditActorType;
  actor_id: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  outcome: AuditOutcome;
  tool_version: number | null;
  sha256: string | null;
  duration_ms: number | null;
  details: Record<string, unknown>;
  created_at: Date;
}

export function toAuditEvent(row: AuditEventRow): AuditEvent {
  return {
    id: Number(row.id),
    actorType: row.actor_type,
    actorId: row.actor_id,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    outcome: row.outcome,
    toolVersion: row.tool_version,
    sha256: row.sha256,
    durationMs: row.duration_ms,
    details: row.details,
    createdAt: new Date(row.created_at),
  };
}

/**
 * Appends one row to the audit trail. Pass the transaction of the audited change
 * so the trail and the change commit (or roll back) together; the table refuses
 * UPDATE and DELETE, so a row once written stays.
 */
export async function recordAuditEvent(db: Db, event: AuditEventInput): Promise<AuditEvent> {
  const parsed = auditEventSchema.safeParse(event);
  if (!parsed.success) {
    throw new ValidationError(
      'Invalid audit event',
      parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    );
  }
  const value = parsed.data;
  const [row] = await db('audit_events')
    .insert({
      actor_type: value.actorType,
      actor_id: value.actorId ?? null,
      action: value.action,
      target_type: value.targetType,
      target_id: value.targetId ?? null,
      outcome: value.outcome,
      tool_version: value.toolVersion ?? null,
      sha256: value.sha256 ?? null,
      duration_ms: value.durationMs ?? null,
      details: JSON.stringify(value.details ?? {}),
      ...(value.occurredAt ? { created_at: value.occurredAt } : {}),
    })
    .returning('*');
  return toAuditEvent(row as AuditEventRow);
}

/** The trail about one target, oldest first: for admins and for tests. */
export async function listAuditEvents(
  db: Db,
  target: { targetType: string; targetId: string },
  options: { limit?: number } = {},
): Promise<AuditEvent[]> {
  const rows: AuditEventRow[] = await db('audit_events')
    .where({ target_type: target.targetType, target_id: target.targetId })
    .orderBy('id', 'asc')
    .limit(Math.min(Math.max(options.limit ?? 100, 1), 1000));
  return rows.map(toAuditEvent);
}
