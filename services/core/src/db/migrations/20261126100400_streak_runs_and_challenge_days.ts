import type { Knex } from 'knex';
import { runSqlScript } from '../sql-script.js';

/**
 * Streak milestone bonuses are paid once per run, so a streak remembers the day
 * its run began. A daily challenge ("log food on 5 days") remembers the local
 * days it has counted, so a second log on the same day adds nothing.
 */
export async function up(knex: Knex): Promise<void> {
  await runSqlScript(
    knex,
    `
    ALTER TABLE streaks ADD COLUMN run_started_on date;
    ALTER TABLE challenges ADD COLUMN counted_days text[] NOT NULL DEFAULT '{}'
      CHECK (cardinality(counted_days) <= 1000);
  `,
  );
}

export async function down(knex: Knex): Promise<void> {
  await runSqlScript(
    knex,
    `
    ALTER TABLE challenges DROP COLUMN counted_days;
    ALTER TABLE streaks DROP COLUMN run_started_on;
  `,
  );
}
