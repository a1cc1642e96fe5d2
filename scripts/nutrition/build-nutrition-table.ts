// Builds services/core/src/nutrition/data/usda-sr28.json from the USDA SR28 ASCII files.
// Usage: node scripts/nutrition/build-nutrition-table.ts <usdaDir> <outFile>
// Erasable TypeScript only (Node strips the types): no enums, namespaces or parameter properties.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  buildCompactTable,
  parseAbbrevRow,
  parseFoodDesRow,
  parseFoodGroupRow,
  parseWeightRow,
  serializeCompactTable,
  splitSr28Records,
} from '../../services/core/src/nutrition/sr28-format.ts';

const RELEASE = 'SR28 (2015, revised May 2016)';

// SOURCE.md: ABBREV.txt is UTF-8 (one "é"); the full-release files are cp1252 (curly quotes, "é", "µ").
function readRecords(usdaDir: string, file: string, encoding: 'utf-8' | 'windows-1252'): string[] {
  const bytes = readFileSync(join(usdaDir, file));
  return splitSr28Records(new TextDecoder(encoding, { fatal: true }).decode(bytes));
}

function main(argv: string[]): void {
  const [usdaDir, outFile] = argv;
  if (!usdaDir || !outFile) {
    process.stderr.write('usage: node scripts/nutrition/build-nutrition-table.ts <usdaDir> <outFile>\n');
    process.exit(2);
  }
  const table = buildCompactTable(
    {
      abbrev: readRecords(usdaDir, 'ABBREV.txt', 'utf-8').map(parseAbbrevRow),
      foods: readRecords(usdaDir, 'FOOD_DES.txt', 'windows-1252').map(parseFoodDesRow),
      weights: readRecords(usdaDir, 'WEIGHT.txt', 'windows-1252').map(parseWeightRow),
      groups: readRecords(usdaDir, 'FD_GROUP.txt', 'windows-1252').map(parseFoodGroupRow),
    },
    RELEASE,
  );
  const json = serializeCompactTable(table);
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, json, 'utf-8');
  const portions = table.foods.reduce((sum, food) => sum + food[7].length, 0);
  process.stdout.write(
    `${JSON.stringify({ outFile, foods: table.foods.length, portions, groups: table.groups.length, bytes: Buffer.byteLength(json) })}\n`,
  );
}

main(process.argv.slice(2));
