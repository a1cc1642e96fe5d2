import type { Knex } from 'knex';
import { runSqlScript } from '../sql-script.js';

export async function up(knex: Knex): Promise<void> {
  await runSqlScript(
    knex,
    `
    CREATE TABLE dynamic_tools (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL UNIQUE CHECK (name ~ '^[a-z][a-z0-9_]{1,63}$'),
      description text NOT NULL CHECK (char_length(description) BETWEEN 1 AND 1000),
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'disabled')),
      current_version integer NOT NULL DEFAULT 1 CHECK (current_version >= 1),
      created_by uuid REFERENCES users(id) ON DELETE SET NULL,
      decided_by uuid REFERENCES users(id) ON DELETE SET NULL,
      decision_reason text CHECK (char_length(decision_reason) <= 1000),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX dynamic_tools_status_idx ON dynamic_tools (status);

    -- Versions are immutable and content-addressed.
    CREATE TABLE tool_versions (
      tool_id uuid NOT NULL REFERENCES dynamic_tools(id) ON DELETE CASCADE,
      version integer NOT NULL CHECK (version >= 1),
      sha256 char(64) NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
      code text NOT NULL CHECK (octet_length(code) <= 65536),
      input_schema jsonb NOT NULL CHECK (jsonb_typeof(input_schema) = 'object'),
      declared_reads jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(declared_reads) = 'array'),
      created_by uuid REFERENCES users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tool_id, version),
      UNIQUE (tool_id, sha256)
    );

    CREATE TABLE tool_executions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tool_id uuid NOT NULL,
      version integer NOT NULL,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      status text NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'timeout', 'oom', 'invalid-output', 'rejected')),
      executor text NOT NULL CHECK (executor IN ('local', 'kubernetes')),
      input jsonb NOT NULL,
      output jsonb,
      error text CHECK (char_length(error) <= 4000),
      duration_ms integer CHECK (duration_ms >= 0),
      created_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz,
      FOREIGN KEY (tool_id, version) REFERENCES tool_versions(tool_id, version) ON DELETE CASCADE
    );
    CREATE INDEX tool_executions_tool_time_idx ON tool_executions (tool_id, created_at);
    CREATE INDEX tool_executions_user_time_idx ON tool_executions (user_id, created_at);
  `,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE tool_executions, tool_versions, dynamic_tools');
}
