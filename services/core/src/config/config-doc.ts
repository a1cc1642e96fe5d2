import { configSchema } from './config-schema.js';

export interface ConfigVariableDoc {
  name: string;
  defaultValue: string;
  description: string;
}

/** Every variable with its default (as the environment would spell it) and its description. */
export function configVariables(): ConfigVariableDoc[] {
  const defaults = configSchema.parse({}) as Record<string, unknown>;
  return Object.entries(configSchema.shape).map(([name, schema]) => ({
    name,
    defaultValue: defaults[name] === undefined ? '(unset)' : String(defaults[name]),
    description: schema.description ?? '',
  }));
}

/** The table docs/configuration.md carries; a test keeps the two equal. */
export function renderConfigTable(): string {
  const rows = configVariables().map(
    ({ name, defaultValue, description }) => `| \`${name}\` | \`${defaultValue}\` | ${description} |`,
  );
  return ['| Variable | Default | Meaning |', '| --- | --- | --- |', ...rows].join('\n');
}
