import type { Knex } from 'knex';
import { runSqlScript } from '../sql-script.js';

export async function up(knex: Knex): Promise<void> {
  await runSqlScript(
    knex,
    `
    CREATE TABLE reminders (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('daily', 'weekly', 'once')),
      message text NOT NULL CHECK (char_length(message) BETWEEN 1 AND 500),
      time_of_day text CHECK (time_of_day ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
      -- ISO weekdays, 1 = Monday ... 7 = Sunday.
      weekdays smallint[] NOT NULL DEFAULT '{1,2,3,4,5,6,7}' CHECK (weekdays <@ '{1,2,3,4,5,6,7}'::smallint[]),
      run_at timestamptz,
      condition text CHECK (condition IN ('meal_logged', 'water_logged', 'weight_logged', 'sleep_logged')),
      condition_window_minutes integer CHECK (condition_window_minutes BETWEEN 1 AND 1440),
      enabled boolean NOT NULL DEFAULT true,
      paused_reason text,
      next_run_at timestamptz,
      claimed_by text,
      claimed_until timestamptz,
      last_sent_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (kind = 'once' OR time_of_day IS NOT NULL),
      CHECK (kind <> 'once' OR run_at IS NOT NULL)
    );
    -- The dispatcher's claim query: enabled reminders by due time.
    CREATE INDEX reminders_due_idx ON reminders (next_run_at) WHERE enabled;
    CREATE INDEX reminders_user_idx ON reminders (user_id);

    CREATE TABLE reminder_events (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      reminder_id uuid NOT NULL REFERENCES reminders(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      action text NOT NULL CHECK (action IN ('sent', 'done', 'skipped', 'snoozed', 'condition_met', 'failed')),
      scheduled_for timestamptz NOT NULL,
      reason text CHECK (char_length(reason) <= 500),
      snooze_minutes integer CHECK (snooze_minutes BETWEEN 1 AND 1440),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX reminder_events_reminder_time_idx ON reminder_events (reminder_id, created_at);
    CREATE INDEX reminder_events_user_time_idx ON reminder_events (user_id, created_at);
    -- A scheduled occurrence is sent at most once.
    CREATE UNIQUE INDEX reminder_events_sent_once_idx ON reminder_events (reminder_id, scheduled_for) WHERE action = 'sent';
  `,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE reminder_events, reminders');
}
