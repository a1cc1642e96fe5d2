import type { Knex } from 'knex';
import { runSqlScript } from '../sql-script.js';

export async function up(knex: Knex): Promise<void> {
  // Messages that could not be delivered wait here and are retried, across restarts.
  await runSqlScript(
    knex,
    `
    CREATE TABLE outbox_messages (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid REFERENCES users(id) ON DELETE CASCADE,
      channel text NOT NULL CHECK (channel IN ('telegram')),
      payload jsonb NOT NULL CHECK (jsonb_typeof(payload) = 'object'),
      attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
      last_error text,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      claimed_until timestamptz,
      sent_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX outbox_messages_due_idx ON outbox_messages (next_attempt_at) WHERE sent_at IS NULL;
  `,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE outbox_messages');
}
