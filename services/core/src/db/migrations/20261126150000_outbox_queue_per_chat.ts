import type { Knex } from 'knex';
import { runSqlScript } from '../sql-script.js';

/**
 * The outbox delivers each chat's messages in the order they were queued (a long answer split in
 * parts must not arrive shuffled), so rows get an insertion sequence and the chat they go to.
 * A message that can never be delivered (the user blocked the bot, attempts used up) is
 * abandoned rather than deleted, so the reason stays visible; claims name their worker.
 */
export async function up(knex: Knex): Promise<void> {
  await runSqlScript(
    knex,
    `
    ALTER TABLE outbox_messages
      ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY,
      ADD COLUMN chat_id bigint,
      ADD COLUMN claimed_by text,
      ADD COLUMN abandoned_at timestamptz;
    DROP INDEX outbox_messages_due_idx;
    CREATE INDEX outbox_messages_pending_idx ON outbox_messages (next_attempt_at)
      WHERE sent_at IS NULL AND abandoned_at IS NULL;
    CREATE INDEX outbox_messages_chat_queue_idx ON outbox_messages (chat_id, seq)
      WHERE sent_at IS NULL AND abandoned_at IS NULL;
  `,
  );
}

export async function down(knex: Knex): Promise<void> {
  await runSqlScript(
    knex,
    `
    DROP INDEX outbox_messages_chat_queue_idx;
    DROP INDEX outbox_messages_pending_idx;
    ALTER TABLE outbox_messages
      DROP COLUMN abandoned_at,
      DROP COLUMN claimed_by,
      DROP COLUMN chat_id,
      DROP COLUMN seq;
    CREATE INDEX outbox_messages_due_idx ON outbox_messages (next_attempt_at) WHERE sent_at IS NULL;
  `,
  );
}
