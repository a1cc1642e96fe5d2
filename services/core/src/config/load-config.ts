import type { z } from 'zod';
import { type Config, configSchema } from './config-schema.js';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const secretName = /TOKEN|SECRET|PASSWORD|API_KEY|DSN/;

/** What an error message may show of a value: secrets never, URLs without their credentials. */
export function printableValue(variable: string, raw: string): string {
  if (secretName.test(variable)) return '(value hidden)';
  return JSON.stringify(raw.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/\s]*@/i, '$1***@'));
}

function describeIssue(issue: z.core.$ZodIssue, env: Record<string, string | undefined>): string {
  const variable = String(issue.path[0] ?? '(unknown)');
  const raw = env[variable];
  const got = raw === undefined ? 'it is not set' : `got ${printableValue(variable, raw)}`;
  return `${variable}: ${issue.message} (${got})`;
}

/** Parses the environment once; empty strings count as unset so `FOO=` falls back to the default. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned: Record<string, string> = {};
  for (const key of Object.keys(configSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value.trim() !== '') cleaned[key] = value.trim();
  }
  const result = configSchema.safeParse(cleaned);
  if (!result.success) throw new ConfigError(result.error.issues.map((issue) => describeIssue(issue, env)));
  return result.data;
}
