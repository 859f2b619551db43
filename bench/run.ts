import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchCase, BenchRow } from './bench.js';

// `npm run bench [filter]`: runs every bench/cases/*.bench.ts (or those whose file name
// contains the filter) and prints one table.
const casesDir = join(dirname(fileURLToPath(import.meta.url)), 'cases');
const filter = process.argv[2];
const files = readdirSync(casesDir)
  .filter((f) => f.endsWith('.bench.ts') && (!filter || f.includes(filter)))
  .sort();

const rows: Array<BenchRow & { case: string }> = [];
for (const file of files) {
  const mod = (await import(pathToFileURL(join(casesDir, file)).href)) as { default: BenchCase };
  process.stderr.write(`bench: ${mod.default.name}…\n`);
  try {
    for (const row of await mod.default.run()) rows.push({ ...row, case: mod.default.name });
  } catch (err) {
    rows.push({ case: mod.default.name, name: 'FAILED', value: NaN, unit: '', note: err instanceof Error ? err.message : String(err) });
  }
}

const fmt = (v: number) => (Number.isNaN(v) ? '—' : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const table = [
  ['case', 'measure', 'value', 'unit', 'target', 'ok', 'note'],
  ...rows.map((r) => [r.case, r.name, fmt(r.value), r.unit, r.target ?? '', r.ok === undefined ? '' : r.ok ? 'yes' : 'NO', r.note ?? '']),
];
const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
const line = (row: string[]) => '| ' + row.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |';
console.log(line(table[0]));
console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
for (const row of table.slice(1)) console.log(line(row));
