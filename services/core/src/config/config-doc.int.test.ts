import { readFileSync } from 'node:fs';
import path from 'node:path';
import { configVariables, renderConfigTable } from './config-doc.js';
import { configSchema } from './config-schema.js';

const docPath = path.join(process.cwd(), 'docs/configuration.md');

describe('docs/configuration.md', () => {
  it('when compared with the config schema, then it lists every variable with the same default and meaning', () => {
    const doc = readFileSync(docPath, 'utf8');
    // Regenerate with: npm run docs:config
    expect(doc).toContain(renderConfigTable());
  });

  it('when a variable lacks a description, then the doc would be incomplete', () => {
    for (const variable of configVariables()) expect(variable.description).not.toBe('');
    expect(configVariables().map((v) => v.name)).toEqual(Object.keys(configSchema.shape));
  });
});
