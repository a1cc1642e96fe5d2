import { z } from 'zod';
import type { Db } from '../db/db.js';
import { ForbiddenError, ValidationError } from '../errors/index.js';
import { type AuditEvent, auditOutcomes } from './audit-log.js';
import { searchAuditEvents } from './audit-search.js';

export const auditQuerySchema = z
  .object({
    action: z.string().min(1).max(80).optional(),
    actorId: z.string().min(1).max(200).optional(),
    targetType: z.string().min(1).max(40).optional(),
    targetId: z.string().min(1).max(200).optional(),
    outcome: z.enum(auditOutcomes).optional(),
    from: z.date().optional(),
    to: z.date().optional(),
    limit: z.number().int().min(1).max(200).default(50),
    /** The nextCursor of the previous page. */
    cursor: z
      .string()
      .regex(/^[1-9][0-9]{0,17}$/, 'must be the nextCursor of a previous page')
      .optional(),
  })
  .refine((query) => !query.from || !query.to || query.from < query.to, {
    message: 'from must be before to',
    path: ['from'],
  });

export type AuditQuery = z.input<typeof auditQuerySchema>;

export interface AuditPage {
  events: AuditEvent[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

export interface AuditService {
  /** The trail, newest first, filtered and paged; admins only. */
  list(actor: { scope: 'user' | 'admin' }, query?: AuditQuery): Promise<AuditPage>;
}

export function createAuditService(deps: { db: Db }): AuditService {
  return {
    async list(actor, query = {}) {
      if (actor.scope !== 'admin') throw new ForbiddenError('Only an admin can read the audit trail');
      const parsed = auditQuerySchema.safeParse(query);
      if (!parsed.success) {
        throw new ValidationError(
          'Invalid audit query',
          parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
        );
      }
      const { cursor, limit, ...filters } = parsed.data;
      const rows = await searchAuditEvents(deps.db, {
        ...filters,
        ...(cursor === undefined ? {} : { beforeId: Number(cursor) }),
        limit: limit + 1,
      });
      const events = rows.slice(0, limit);
      const last = events.at(-1);
      return { events, nextCursor: rows.length > limit && last ? String(last.id) : null };
    },
  };
}
