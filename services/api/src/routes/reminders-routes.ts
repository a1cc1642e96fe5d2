import {
  createReminderSchema,
  disableReminderSchema,
  markDoneSchema,
  reminderConditions,
  reminderEventActions,
  reminderKinds,
  reminderStatsQuerySchema,
  type Services,
  skipReminderSchema,
  snoozeReminderSchema,
  updateReminderSchema,
} from '@health-agent/core';
import { z } from 'zod';
import type { ApiRouter } from '../http/api-router.js';
import { activityOutcomeSchema, userIdParam } from './schemas.js';

const reminderSchema = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  kind: z.enum(reminderKinds),
  message: z.string(),
  timeOfDay: z.string().nullable().describe("HH:MM in the user's timezone (daily, weekly)"),
  weekdays: z.array(z.number().int()).describe('ISO weekdays, 1 = Monday; empty for one-time reminders'),
  runAt: z.iso.datetime().nullable(),
  condition: z.enum(reminderConditions).nullable(),
  conditionWindowMinutes: z.number().int().nullable(),
  enabled: z.boolean(),
  pausedReason: z.string().nullable().describe("'completed' once a one-time reminder has fired"),
  nextRunAt: z.iso
    .datetime()
    .nullable()
    .describe(
      'Next firing, computed in the user timezone; the first occurrence of a repeated DST hour, 03:00 for a skipped 02:30',
    ),
  lastSentAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

const eventSchema = z.object({
  id: z.uuid(),
  reminderId: z.uuid(),
  userId: z.uuid(),
  action: z.enum(reminderEventActions),
  scheduledFor: z.iso.datetime().describe('The occurrence answered'),
  reason: z.string().nullable(),
  snoozeMinutes: z.number().int().nullable(),
  createdAt: z.iso.datetime(),
});

const figures = {
  sent: z.number().int(),
  done: z.number().int(),
  skipped: z.number().int(),
  snoozed: z.number().int(),
  conditionMet: z.number().int(),
  completionRate: z.number().nullable().describe('done / answerable occurrences, 0 to 1'),
  averageResponseMinutes: z.number().nullable(),
};

const statsSchema = z.object({
  period: z.object({ from: z.iso.datetime(), to: z.iso.datetime() }),
  overall: z.object(figures),
  reminders: z.array(z.object({ reminderId: z.uuid(), message: z.string(), ...figures })),
});

const reminderParams = userIdParam.extend({ reminderId: z.uuid() });
const tags = ['reminders'];

/** Reminders: CRUD, done / skip / snooze answers and completion statistics. */
export function registerRemindersRoutes(api: ApiRouter, { reminders }: Services): void {
  api.define({
    method: 'post',
    path: '/v1/users/:userId/reminders',
    summary:
      'Create a reminder: daily at HH:MM on chosen weekdays, weekly on one weekday, or once at an instant',
    tags,
    params: userIdParam,
    body: createReminderSchema,
    responses: {
      201: { description: 'The reminder with its next run', schema: reminderSchema },
      409: { description: 'The user has the most reminders allowed' },
    },
    handler: async ({ userId, body }) => ({ status: 201, body: await reminders.create(userId, body) }),
  });

  api.define({
    method: 'get',
    path: '/v1/users/:userId/reminders',
    summary: 'List the reminders, the soonest next run first',
    tags,
    params: userIdParam,
    responses: {
      200: { description: 'The reminders', schema: z.object({ reminders: z.array(reminderSchema) }) },
    },
    handler: async ({ userId }) => ({ body: { reminders: await reminders.list(userId) } }),
  });

  // Declared before /:reminderId so "stats" is never read as an id.
  api.define({
    method: 'get',
    path: '/v1/users/:userId/reminders/stats',
    summary: 'Completion statistics per reminder and overall over a period (default: the last 30 days)',
    tags,
    params: userIdParam,
    query: reminderStatsQuerySchema,
    responses: {
      200: { description: 'Sent, done, skipped and snoozed counts and rates', schema: statsSchema },
    },
    handler: async ({ userId, query }) => ({ body: await reminders.stats(userId, query) }),
  });

  api.define({
    method: 'get',
    path: '/v1/users/:userId/reminders/:reminderId',
    summary: 'Read a reminder',
    tags,
    params: reminderParams,
    responses: { 200: { description: 'The reminder', schema: reminderSchema } },
    handler: async ({ userId, params }) => ({ body: await reminders.get(userId, params.reminderId) }),
  });

  api.define({
    method: 'patch',
    path: '/v1/users/:userId/reminders/:reminderId',
    summary: 'Change a reminder; a new schedule recomputes the next run',
    tags,
    params: reminderParams,
    body: updateReminderSchema,
    responses: { 200: { description: 'The changed reminder', schema: reminderSchema } },
    handler: async ({ userId, params, body }) => ({
      body: await reminders.update(userId, params.reminderId, body),
    }),
  });

  api.define({
    method: 'delete',
    path: '/v1/users/:userId/reminders/:reminderId',
    summary: 'Delete a reminder and its history',
    tags,
    params: reminderParams,
    responses: { 204: { description: 'Deleted' } },
    handler: async ({ userId, params }) => {
      await reminders.delete(userId, params.reminderId);
      return { status: 204 };
    },
  });

  api.define({
    method: 'post',
    path: '/v1/users/:userId/reminders/:reminderId/disable',
    summary: 'Stop a reminder, with an optional reason',
    tags,
    params: reminderParams,
    body: disableReminderSchema,
    responses: { 200: { description: 'The disabled reminder', schema: reminderSchema } },
    handler: async ({ userId, params, body }) => ({
      body: await reminders.disable(userId, params.reminderId, body),
    }),
  });

  api.define({
    method: 'post',
    path: '/v1/users/:userId/reminders/:reminderId/enable',
    summary: 'Resume a reminder from now',
    tags,
    params: reminderParams,
    responses: {
      200: { description: 'The enabled reminder', schema: reminderSchema },
      409: { description: 'A one-time reminder whose time has passed' },
    },
    handler: async ({ userId, params }) => ({ body: await reminders.enable(userId, params.reminderId) }),
  });

  api.define({
    method: 'post',
    path: '/v1/users/:userId/reminders/:reminderId/done',
    summary: 'Mark the latest sent reminder (or the one at scheduledFor) done; earns XP',
    tags,
    params: reminderParams,
    body: markDoneSchema,
    responses: {
      200: {
        description: 'The answer, minutes since sending and the XP outcome',
        schema: z.object({
          reminder: reminderSchema,
          event: eventSchema,
          withinMinutes: z.number().int(),
          activity: activityOutcomeSchema,
        }),
      },
      409: { description: 'Not sent yet, or already answered' },
    },
    handler: async ({ userId, params, body }) => ({
      body: await reminders.markDone(userId, params.reminderId, body),
    }),
  });

  api.define({
    method: 'post',
    path: '/v1/users/:userId/reminders/:reminderId/skip',
    summary: 'Skip the latest sent reminder (or the one at scheduledFor), with an optional reason',
    tags,
    params: reminderParams,
    body: skipReminderSchema,
    responses: {
      200: { description: 'The answer', schema: z.object({ reminder: reminderSchema, event: eventSchema }) },
      409: { description: 'Not sent yet, or already answered' },
    },
    handler: async ({ userId, params, body }) => ({
      body: await reminders.skip(userId, params.reminderId, body),
    }),
  });

  api.define({
    method: 'post',
    path: '/v1/users/:userId/reminders/:reminderId/snooze',
    summary:
      'Send the latest reminder again in N minutes (1 to 1440); the regular schedule continues after it',
    tags,
    params: reminderParams,
    body: snoozeReminderSchema,
    responses: {
      200: {
        description: 'When it fires again',
        schema: z.object({
          reminder: reminderSchema,
          event: eventSchema,
          snoozedUntil: z.iso.datetime(),
          mergedWithRegular: z
            .boolean()
            .describe('The next regular time comes first: the reminder fires then, once'),
        }),
      },
      409: { description: 'Not sent yet, already answered, or disabled' },
    },
    handler: async ({ userId, params, body }) => ({
      body: await reminders.snooze(userId, params.reminderId, body),
    }),
  });
}
