import type { Db } from '../db/db.js';

export interface HealthCheck {
  name: string;
  check(): Promise<void>;
}

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, { ok: boolean; error?: string }>;
}

/** Liveness is "the process answers"; readiness asks every dependency. */
export class HealthService {
  constructor(private readonly checks: HealthCheck[]) {}

  async readiness(): Promise<ReadinessReport> {
    const results = await Promise.all(
      this.checks.map(async ({ name, check }) => {
        try {
          await check();
          return [name, { ok: true }] as const;
        } catch (error) {
          return [name, { ok: false, error: (error as Error).message }] as const;
        }
      }),
    );
    return { ready: results.every(([, result]) => result.ok), checks: Object.fromEntries(results) };
  }
}

export function databaseHealthCheck(db: Db): HealthCheck {
  return { name: 'database', check: async () => void (await db.raw('SELECT 1')) };
}
