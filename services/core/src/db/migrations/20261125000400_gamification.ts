import type { Knex } from 'knex';
import { runSqlScript } from '../sql-script.js';

/** Achievements the product starts with; criteria are read by the gamification service. */
const achievements: Array<[string, string, string, number, object]> = [
  [
    'first_meal',
    'First bite',
    'Log your first meal.',
    10,
    { type: 'count', action: 'food_logged', count: 1 },
  ],
  [
    'meals_10',
    'Getting the hang of it',
    'Log 10 meals.',
    25,
    { type: 'count', action: 'food_logged', count: 10 },
  ],
  ['meals_100', 'Food diarist', 'Log 100 meals.', 100, { type: 'count', action: 'food_logged', count: 100 }],
  [
    'meals_500',
    'Nutrition archivist',
    'Log 500 meals.',
    250,
    { type: 'count', action: 'food_logged', count: 500 },
  ],
  [
    'first_water',
    'First sip',
    'Log water for the first time.',
    10,
    { type: 'count', action: 'water_logged', count: 1 },
  ],
  [
    'water_50',
    'Well watered',
    'Log water 50 times.',
    50,
    { type: 'count', action: 'water_logged', count: 50 },
  ],
  [
    'first_weight',
    'On the scale',
    'Log your weight for the first time.',
    10,
    { type: 'count', action: 'weight_logged', count: 1 },
  ],
  [
    'weight_30',
    'Trend watcher',
    'Log your weight 30 times.',
    75,
    { type: 'count', action: 'weight_logged', count: 30 },
  ],
  [
    'first_sleep',
    'Sweet dreams',
    'Log your sleep for the first time.',
    10,
    { type: 'count', action: 'sleep_logged', count: 1 },
  ],
  [
    'sleep_30',
    'Sleep scientist',
    'Log your sleep 30 times.',
    75,
    { type: 'count', action: 'sleep_logged', count: 30 },
  ],
  [
    'first_exercise',
    'First move',
    'Log your first workout.',
    10,
    { type: 'count', action: 'exercise_logged', count: 1 },
  ],
  [
    'exercise_50',
    'Regular mover',
    'Log 50 workouts.',
    100,
    { type: 'count', action: 'exercise_logged', count: 50 },
  ],
  [
    'first_mood',
    'Check-in',
    'Log your mood for the first time.',
    10,
    { type: 'count', action: 'mood_logged', count: 1 },
  ],
  [
    'first_tracker',
    'Make it yours',
    'Create a custom tracker.',
    15,
    { type: 'count', action: 'tracker_created', count: 1 },
  ],
  [
    'tracker_entries_25',
    'Custom curator',
    'Log 25 custom tracker entries.',
    50,
    { type: 'count', action: 'tracker_entry_logged', count: 25 },
  ],
  [
    'first_reminder_done',
    'Right on cue',
    'Complete a reminder.',
    10,
    { type: 'count', action: 'reminder_done', count: 1 },
  ],
  [
    'reminders_done_50',
    'Dependable',
    'Complete 50 reminders.',
    100,
    { type: 'count', action: 'reminder_done', count: 50 },
  ],
  [
    'streak_nutrition_7',
    'Week of meals',
    'Log food 7 days in a row.',
    0,
    { type: 'streak', domain: 'nutrition', days: 7 },
  ],
  [
    'streak_nutrition_30',
    'Month of meals',
    'Log food 30 days in a row.',
    0,
    { type: 'streak', domain: 'nutrition', days: 30 },
  ],
  [
    'streak_sleep_7',
    'Rested week',
    'Log sleep 7 days in a row.',
    0,
    { type: 'streak', domain: 'sleep', days: 7 },
  ],
  [
    'streak_hydration_7',
    'Hydration habit',
    'Log water 7 days in a row.',
    0,
    { type: 'streak', domain: 'hydration', days: 7 },
  ],
  [
    'streak_exercise_7',
    'Active week',
    'Exercise 7 days in a row.',
    0,
    { type: 'streak', domain: 'exercise', days: 7 },
  ],
  [
    'streak_overall_100',
    'Centurion',
    'Log something 100 days in a row.',
    0,
    { type: 'streak', domain: 'overall', days: 100 },
  ],
  ['level_5', 'Bronze finisher', 'Reach level 5.', 0, { type: 'level', level: 5 }],
  ['level_16', 'Gold standard', 'Reach level 16 (Gold).', 0, { type: 'level', level: 16 }],
  [
    'challenge_complete',
    'Challenger',
    'Complete a challenge.',
    25,
    { type: 'count', action: 'challenge_completed', count: 1 },
  ],
];

export async function up(knex: Knex): Promise<void> {
  await runSqlScript(
    knex,
    `
    CREATE TABLE xp_events (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      action text NOT NULL CHECK (char_length(action) <= 60),
      xp integer NOT NULL CHECK (xp >= 0),
      -- One award per logged thing: the same action on the same source never pays twice.
      idempotency_key text NOT NULL CHECK (char_length(idempotency_key) <= 200),
      details jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (user_id, idempotency_key)
    );
    CREATE INDEX xp_events_user_time_idx ON xp_events (user_id, created_at);

    CREATE TABLE user_progress (
      user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
      total_xp bigint NOT NULL DEFAULT 0 CHECK (total_xp >= 0),
      level integer NOT NULL DEFAULT 1 CHECK (level >= 1),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE streaks (
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      domain text NOT NULL CHECK (domain IN ('nutrition', 'sleep', 'hydration', 'exercise', 'overall')),
      current_days integer NOT NULL DEFAULT 0 CHECK (current_days >= 0),
      longest_days integer NOT NULL DEFAULT 0 CHECK (longest_days >= current_days),
      last_day date,
      freezes_left smallint NOT NULL DEFAULT 2 CHECK (freezes_left BETWEEN 0 AND 2),
      freezes_refilled_on date,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (user_id, domain)
    );

    CREATE TABLE achievements (
      id text PRIMARY KEY CHECK (id ~ '^[a-z0-9_]{2,60}$'),
      name text NOT NULL,
      description text NOT NULL,
      xp integer NOT NULL DEFAULT 0 CHECK (xp >= 0),
      criteria jsonb NOT NULL CHECK (jsonb_typeof(criteria) = 'object')
    );

    CREATE TABLE user_achievements (
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      achievement_id text NOT NULL REFERENCES achievements(id),
      awarded_at timestamptz NOT NULL DEFAULT now(),
      -- Awarded exactly once, even when two requests race.
      PRIMARY KEY (user_id, achievement_id)
    );

    CREATE TABLE challenges (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (char_length(kind) <= 60),
      title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
      target numeric(12, 2) NOT NULL CHECK (target > 0),
      progress numeric(12, 2) NOT NULL DEFAULT 0 CHECK (progress >= 0),
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'completed', 'abandoned')),
      started_at timestamptz NOT NULL DEFAULT now(),
      ends_at timestamptz,
      completed_at timestamptz,
      CHECK ((status = 'completed') = (completed_at IS NOT NULL))
    );
    CREATE INDEX challenges_user_status_idx ON challenges (user_id, status);
  `,
  );
  await knex('achievements').insert(
    achievements.map(([id, name, description, xp, criteria]) => ({ id, name, description, xp, criteria })),
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE challenges, user_achievements, achievements, streaks, user_progress, xp_events');
}
