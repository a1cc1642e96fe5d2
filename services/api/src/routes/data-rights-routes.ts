import {
  type Actor,
  type AuditActor,
  PRIVACY_NOTICE,
  PRIVACY_NOTICE_VERSION,
  type Services,
  ValidationError,
} from '@health-agent/core';
import { z } from 'zod';
import type { ApiRouter } from '../http/api-router.js';
import { userIdParam } from './schemas.js';

/** The audit trail names who acted: an admin key acting on someone, or the user themself. */
function auditActor(actor: Actor | undefined): AuditActor {
  return { type: actor?.scope === 'admin' ? 'admin' : 'user', id: actor?.userId ?? null };
}

const record = z.record(z.string(), z.unknown());

const exportSchema = z
  .object({
    format: z.literal('health-agent.user-export'),
    version: z.literal(1),
    exportedAt: z.string(),
    user: record,
    profile: record.nullable(),
    progress: record.nullable(),
  })
  .catchall(z.array(record))
  .describe(
    'Every section (apiKeys, foodEntries, metricEntries, memories, ...) is a list of rows in camelCase',
  );

const confirmSchema = z.strictObject({
  confirm: z.string().max(100).optional().describe('Must equal the user id (not `me`): the second step'),
});

/** Export everything of a user, delete a user, and the privacy notice. */
export function registerDataRightsRoutes(api: ApiRouter, { dataRights }: Services): void {
  api.define({
    method: 'get',
    path: '/v1/privacy',
    summary: 'Privacy notice and medical disclaimer: what is stored, where, for how long, and your rights',
    tags: ['data-rights'],
    auth: 'none',
    responses: {
      200: {
        description: 'The notice',
        schema: z.object({ version: z.string(), text: z.string() }),
      },
    },
    handler: async () => ({ body: { version: PRIVACY_NOTICE_VERSION, text: PRIVACY_NOTICE } }),
  });

  api.define({
    method: 'get',
    path: '/v1/users/:userId/export',
    summary: 'Export all data of the user as JSON (audited)',
    tags: ['data-rights'],
    params: userIdParam,
    responses: { 200: { description: 'Everything stored about the user', schema: exportSchema } },
    handler: async ({ userId, actor, res }) => {
      const document = await dataRights.exportUserData(userId, auditActor(actor));
      res.setHeader('Content-Disposition', `attachment; filename="health-agent-export-${userId}.json"`);
      return { body: document };
    },
  });

  api.define({
    method: 'get',
    path: '/v1/users/:userId/export/food.csv',
    summary: 'Export the food diary as CSV: one row per food item, UTC and local time, nutrients (audited)',
    tags: ['data-rights'],
    params: userIdParam,
    responses: {
      200: {
        description: 'RFC 4180 CSV, UTF-8, CRLF line ends',
        schema: z.string(),
        contentType: 'text/csv',
      },
    },
    handler: async ({ userId, actor, res }) => {
      const csv = await dataRights.exportFoodCsv(userId, auditActor(actor));
      res
        .status(200)
        .type('text/csv; charset=utf-8')
        .setHeader('Content-Disposition', `attachment; filename="food-diary-${userId}.csv"`)
        .send(csv);
      return undefined;
    },
  });

  api.define({
    method: 'delete',
    path: '/v1/users/:userId',
    summary:
      'Delete the user and everything of theirs (audited, cannot be undone); needs confirm = the user id in the body or query',
    tags: ['data-rights'],
    params: userIdParam,
    query: confirmSchema,
    body: confirmSchema,
    responses: {
      200: {
        description: 'Deleted, with the rows removed per table',
        schema: z.object({
          deleted: z.literal(true),
          userId: z.uuid(),
          deletedRows: z.record(z.string(), z.number().int()),
        }),
      },
    },
    handler: async ({ userId, actor, query, body }) => {
      const confirm = body.confirm ?? query.confirm;
      if (confirm !== userId) {
        throw new ValidationError(
          'Deleting a user removes all of their data and cannot be undone. To go ahead, repeat the request with confirm set to the user id.',
          [{ path: 'confirm', message: `must equal the user id ${userId}` }],
        );
      }
      const result = await dataRights.deleteUser(userId, auditActor(actor));
      return { body: { deleted: true, ...result } };
    },
  });
}
