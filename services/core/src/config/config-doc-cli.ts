import { readFileSync, writeFileSync } from 'node:fs';
import { renderConfigTable } from './config-doc.js';

/** `npm run docs:config`: rewrites the table between the markers in docs/configuration.md. */
const docPath = process.argv[2] ?? 'docs/configuration.md';
const begin = '<!-- config-table:begin -->';
const end = '<!-- config-table:end -->';
const doc = readFileSync(docPath, 'utf8');
const start = doc.indexOf(begin);
const stop = doc.indexOf(end);
if (start === -1 || stop === -1) throw new Error(`${docPath} lacks the ${begin} / ${end} markers`);
writeFileSync(docPath, `${doc.slice(0, start + begin.length)}\n${renderConfigTable()}\n${doc.slice(stop)}`);
console.log(`updated ${docPath}`);
