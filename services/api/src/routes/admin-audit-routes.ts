import { auditActorTypes, auditOutcomes, type Services } from '@health-agent/core';
import { z } from 'zod';
import type { ApiRouter } from '../http/api-router.js';

const auditEventSchema = z.object({
  id: z.number().int(),
  actorType: z.enum(auditActorTypes),
  actorId: z.string().nullable(),
  action: z.string().describe('Dotted verb, e.g. tool.create, tool.approve, tool.execute'),
  targetType: z.string(),
  targetId: z.string().nullable(),
  outcome: z.enum(auditOutcomes),
  toolVersion: z.number().int().nullable(),
  sha256: z.string().nullable(),
  durationMs: z.number().int().nullable(),
  details: z.record(z.string(), z.unknown()),
  createdAt: z.date(),
});

/** The append-only audit trail, for admins. */
export function registerAdminAuditRoutes(api: ApiRouter, { audit }: Services): void {
  api.define({
    method: 'get',
    path: '/v1/admin/audit',
    summary: 'Read the audit trail, newest first, filtered and paged by cursor (admin)',
    tags: ['admin'],
    auth: 'admin',
    query: z.object({
      action: z.string().optional(),
      actorId: z.string().optional(),
      targetType: z.string().optional(),
      targetId: z.string().optional(),
      outcome: z.enum(auditOutcomes).optional(),
      from: z.coerce.date().optional().describe('Inclusive'),
      to: z.coerce.date().optional().describe('Exclusive'),
      limit: z.coerce.number().int().min(1).max(200).default(50),
      cursor: z.string().optional().describe('nextCursor of the previous page'),
    }),
    responses: {
      200: {
        description: 'A page of events',
        schema: z.object({
          events: z.array(auditEventSchema),
          nextCursor: z
            .string()
            .nullable()
            .describe('Pass as cursor for older events; null on the last page'),
        }),
      },
    },
    handler: async ({ actor, query }) => ({
      body: await audit.list({ scope: actor?.scope ?? 'user' }, query),
    }),
  });
}
