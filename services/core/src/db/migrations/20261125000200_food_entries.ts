import type { Knex } from 'knex';
import { runSqlScript } from '../sql-script.js';

export async function up(knex: Knex): Promise<void> {
  await runSqlScript(
    knex,
    `
    CREATE TABLE food_entries (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'confirmed')),
      meal text CHECK (meal IN ('breakfast', 'lunch', 'dinner', 'snack')),
      description text NOT NULL DEFAULT '' CHECK (char_length(description) <= 2000),
      source text NOT NULL CHECK (source IN ('text', 'photo', 'barcode', 'manual', 'agent')),
      items jsonb NOT NULL CHECK (jsonb_typeof(items) = 'array'),
      total_kcal numeric(8, 1) NOT NULL DEFAULT 0 CHECK (total_kcal >= 0),
      protein_g numeric(7, 1) NOT NULL DEFAULT 0 CHECK (protein_g >= 0),
      fat_g numeric(7, 1) NOT NULL DEFAULT 0 CHECK (fat_g >= 0),
      carbs_g numeric(7, 1) NOT NULL DEFAULT 0 CHECK (carbs_g >= 0),
      fiber_g numeric(7, 1) NOT NULL DEFAULT 0 CHECK (fiber_g >= 0),
      sugar_g numeric(7, 1) NOT NULL DEFAULT 0 CHECK (sugar_g >= 0),
      sodium_mg numeric(8, 1) NOT NULL DEFAULT 0 CHECK (sodium_mg >= 0),
      eaten_at timestamptz NOT NULL,
      confirmed_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((status = 'confirmed') = (confirmed_at IS NOT NULL))
    );
    -- Summaries read a user's confirmed entries over a time range.
    CREATE INDEX food_entries_user_eaten_idx ON food_entries (user_id, eaten_at) WHERE status = 'confirmed';
    CREATE INDEX food_entries_drafts_idx ON food_entries (user_id, created_at) WHERE status = 'draft';
  `,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE food_entries');
}
