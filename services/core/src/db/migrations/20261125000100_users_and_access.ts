import type { Knex } from 'knex';
import { runSqlScript } from '../sql-script.js';

export async function up(knex: Knex): Promise<void> {
  await runSqlScript(
    knex,
    `
    CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      telegram_id bigint UNIQUE,
      display_name text NOT NULL DEFAULT '' CHECK (char_length(display_name) <= 200),
      role text NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'admin')),
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'blocked')),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE user_profiles (
      user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
      name text CHECK (char_length(name) <= 200),
      timezone text NOT NULL DEFAULT 'UTC',
      units text NOT NULL DEFAULT 'metric' CHECK (units IN ('metric', 'imperial')),
      language text NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'sv', 'es')),
      day_start_hour smallint NOT NULL DEFAULT 0 CHECK (day_start_hour BETWEEN 0 AND 23),
      sex text CHECK (sex IN ('female', 'male')),
      birth_date date,
      height_cm numeric(5, 1) CHECK (height_cm BETWEEN 50 AND 260),
      activity_level text CHECK (activity_level IN ('sedentary', 'light', 'moderate', 'active', 'very_active')),
      goal_weight_kg numeric(5, 1) CHECK (goal_weight_kg BETWEEN 20 AND 400),
      weekly_rate_kg numeric(4, 2) CHECK (weekly_rate_kg BETWEEN -2 AND 2),
      daily_kcal_goal integer CHECK (daily_kcal_goal BETWEEN 800 AND 10000),
      protein_goal_g integer CHECK (protein_goal_g BETWEEN 0 AND 1000),
      carbs_goal_g integer CHECK (carbs_goal_g BETWEEN 0 AND 2000),
      fat_goal_g integer CHECK (fat_goal_g BETWEEN 0 AND 1000),
      water_goal_ml integer CHECK (water_goal_ml BETWEEN 0 AND 20000),
      quiet_hours_start smallint CHECK (quiet_hours_start BETWEEN 0 AND 23),
      quiet_hours_end smallint CHECK (quiet_hours_end BETWEEN 0 AND 23),
      diet text CHECK (char_length(diet) <= 200),
      allergies jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(allergies) = 'array'),
      conditions jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(conditions) = 'array'),
      preferences jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(preferences) = 'object'),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE api_keys (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      name text NOT NULL DEFAULT '' CHECK (char_length(name) <= 100),
      prefix text NOT NULL CHECK (char_length(prefix) BETWEEN 6 AND 16),
      key_hash text NOT NULL UNIQUE,
      scope text NOT NULL CHECK (scope IN ('user', 'admin')),
      created_at timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz,
      expires_at timestamptz,
      revoked_at timestamptz
    );
    CREATE INDEX api_keys_prefix_idx ON api_keys (prefix) WHERE revoked_at IS NULL;
    CREATE INDEX api_keys_user_idx ON api_keys (user_id);

    CREATE TABLE invites (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      code_hash text NOT NULL UNIQUE,
      max_uses integer NOT NULL DEFAULT 1 CHECK (max_uses > 0),
      used_count integer NOT NULL DEFAULT 0 CHECK (used_count >= 0),
      expires_at timestamptz,
      created_by uuid REFERENCES users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz,
      CHECK (used_count <= max_uses)
    );

    CREATE TABLE telegram_allow_list (
      telegram_id bigint PRIMARY KEY,
      note text NOT NULL DEFAULT '',
      added_by uuid REFERENCES users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
  `,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE telegram_allow_list, invites, api_keys, user_profiles, users');
}
