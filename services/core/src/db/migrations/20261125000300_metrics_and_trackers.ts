import type { Knex } from 'knex';
import { runSqlScript } from '../sql-script.js';

export async function up(knex: Knex): Promise<void> {
  await runSqlScript(
    knex,
    `
    CREATE TABLE metric_entries (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('water', 'weight', 'sleep', 'exercise', 'mood', 'steps', 'medication')),
      value numeric(12, 3) NOT NULL CHECK (value >= 0),
      unit text NOT NULL CHECK (char_length(unit) <= 20),
      data jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(data) = 'object'),
      note text CHECK (char_length(note) <= 1000),
      recorded_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX metric_entries_user_kind_time_idx ON metric_entries (user_id, kind, recorded_at);

    CREATE TABLE custom_trackers (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
      description text NOT NULL DEFAULT '' CHECK (char_length(description) <= 500),
      fields jsonb NOT NULL CHECK (jsonb_typeof(fields) = 'array'),
      archived_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX custom_trackers_user_name_idx ON custom_trackers (user_id, lower(name));

    CREATE TABLE tracker_entries (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tracker_id uuid NOT NULL REFERENCES custom_trackers(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      "values" jsonb NOT NULL CHECK (jsonb_typeof("values") = 'object'),
      note text CHECK (char_length(note) <= 1000),
      recorded_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX tracker_entries_tracker_time_idx ON tracker_entries (tracker_id, recorded_at);
    CREATE INDEX tracker_entries_user_time_idx ON tracker_entries (user_id, recorded_at);
  `,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE tracker_entries, custom_trackers, metric_entries');
}
