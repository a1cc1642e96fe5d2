import type { Knex } from 'knex';
import { runSqlScript } from '../sql-script.js';

export async function up(knex: Knex): Promise<void> {
  await runSqlScript(
    knex,
    `
    CREATE TABLE memories (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      category text NOT NULL CHECK (category IN ('profile', 'preference', 'goal', 'condition', 'habit', 'other')),
      content text NOT NULL CHECK (char_length(content) BETWEEN 1 AND 2000),
      source text NOT NULL DEFAULT 'user' CHECK (source IN ('user', 'agent', 'import', 'api')),
      search tsvector GENERATED ALWAYS AS (to_tsvector('english', content)) STORED,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX memories_search_idx ON memories USING gin (search);
    -- Makes re-imports idempotent: one fact per user, category and text.
    CREATE UNIQUE INDEX memories_user_fact_idx ON memories (user_id, category, md5(content));

    CREATE TABLE conversation_messages (
      id bigserial PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      role text NOT NULL CHECK (role IN ('user', 'assistant', 'system', 'tool')),
      content text NOT NULL CHECK (char_length(content) <= 20000),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX conversation_messages_user_idx ON conversation_messages (user_id, id);
  `,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE conversation_messages, memories');
}
