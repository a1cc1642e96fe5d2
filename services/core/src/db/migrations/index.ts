import type { Knex } from 'knex';
import * as usersAndAccess from './20261125000100_users_and_access.js';
import * as foodEntries from './20261125000200_food_entries.js';
import * as metricsAndTrackers from './20261125000300_metrics_and_trackers.js';
import * as gamification from './20261125000400_gamification.js';
import * as reminders from './20261125000500_reminders.js';
import * as memory from './20261125000600_memory.js';
import * as dynamicTools from './20261125000700_dynamic_tools.js';
import * as auditEvents from './20261125000800_audit_events.js';
import * as outbox from './20261125000900_outbox.js';
import * as streakRunsAndChallengeDays from './20261126100400_streak_runs_and_challenge_days.js';
import * as outboxQueuePerChat from './20261126150000_outbox_queue_per_chat.js';

export interface Migration {
  name: string;
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

/**
 * Migrations are listed explicitly, in order, rather than read from a directory,
 * so the same list works from the built output, from tests and from a bundle.
 * A landed migration is never edited: add a new file.
 */
export const migrations: Migration[] = [
  { name: '20261125000100_users_and_access', ...usersAndAccess },
  { name: '20261125000200_food_entries', ...foodEntries },
  { name: '20261125000300_metrics_and_trackers', ...metricsAndTrackers },
  { name: '20261125000400_gamification', ...gamification },
  { name: '20261125000500_reminders', ...reminders },
  { name: '20261125000600_memory', ...memory },
  { name: '20261125000700_dynamic_tools', ...dynamicTools },
  { name: '20261125000800_audit_events', ...auditEvents },
  { name: '20261125000900_outbox', ...outbox },
  { name: '20261126100400_streak_runs_and_challenge_days', ...streakRunsAndChallengeDays },
  { name: '20261126150000_outbox_queue_per_chat', ...outboxQueuePerChat },
];
