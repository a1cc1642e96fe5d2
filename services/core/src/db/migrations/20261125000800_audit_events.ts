import type { Knex } from 'knex';
import { runSqlScript } from '../sql-script.js';

export async function up(knex: Knex): Promise<void> {
  // No foreign keys: the trail must outlive the users and tools it speaks of.
  await runSqlScript(
    knex,
    `
    CREATE TABLE audit_events (
      id bigserial PRIMARY KEY,
      actor_type text NOT NULL CHECK (actor_type IN ('user', 'admin', 'system', 'agent')),
      actor_id text,
      action text NOT NULL CHECK (char_length(action) <= 80),
      target_type text NOT NULL CHECK (char_length(target_type) <= 40),
      target_id text,
      outcome text NOT NULL CHECK (outcome IN ('success', 'denied', 'failure')),
      tool_version integer,
      sha256 char(64),
      duration_ms integer CHECK (duration_ms >= 0),
      details jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX audit_events_time_idx ON audit_events (created_at);
    CREATE INDEX audit_events_target_idx ON audit_events (target_type, target_id, created_at);
    CREATE INDEX audit_events_actor_idx ON audit_events (actor_id, created_at);

    CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
    END;
    $$;
    CREATE TRIGGER audit_events_no_update_delete
      BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
    CREATE TRIGGER audit_events_no_truncate
      BEFORE TRUNCATE ON audit_events
      FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
  `,
  );
}

export async function down(knex: Knex): Promise<void> {
  await runSqlScript(knex, 'DROP TABLE audit_events; DROP FUNCTION audit_events_append_only()');
}
