import type { Db } from '../db/db.js';
import { type AuditEvent, type AuditEventRow, type AuditOutcome, toAuditEvent } from './audit-log.js';

export interface AuditSearchFilter {
  action?: string;
  actorId?: string;
  targetType?: string;
  targetId?: string;
  outcome?: AuditOutcome;
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
  /** Only events older than this id (keyset paging, newest first). */
  beforeId?: number;
  limit: number;
}

/** Audit events matching every given filter, newest first (by id, which only grows). */
export async function searchAuditEvents(db: Db, filter: AuditSearchFilter): Promise<AuditEvent[]> {
  const query = db('audit_events').orderBy('id', 'desc').limit(filter.limit);
  if (filter.action !== undefined) query.where({ action: filter.action });
  if (filter.actorId !== undefined) query.where({ actor_id: filter.actorId });
  if (filter.targetType !== undefined) query.where({ target_type: filter.targetType });
  if (filter.targetId !== undefined) query.where({ target_id: filter.targetId });
  if (filter.outcome !== undefined) query.where({ outcome: filter.outcome });
  if (filter.from !== undefined) query.where('created_at', '>=', filter.from);
  if (filter.to !== undefined) query.where('created_at', '<', filter.to);
  if (filter.beforeId !== undefined) query.where('id', '<', filter.beforeId);
  const rows: AuditEventRow[] = await query;
  return rows.map(toAuditEvent);
}
