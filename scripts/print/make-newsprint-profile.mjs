#!/usr/bin/env node
/**
 * Builds assets/print/newsprint-ifra26.icc, the CMYK output profile Broadsheet separates photos
 * with for the IFRA26 condition (ISO 12647-3 coldset newsprint), from the condition's published
 * aims through newsprint-model.mjs and ArgyllCMS' colprof (apt-get install argyll).
 *
 *   node scripts/print/make-newsprint-profile.mjs            # writes the profile
 *   node scripts/print/make-newsprint-profile.mjs --check FOGRA39L.ti3
 *       # how well the model predicts a measured characterisation from that data set's own aims
 *
 * The profile is committed; this script is how it was made, not a build step.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createModel, deltaE76, labToXyz } from './newsprint-model.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** ISO 12647-3 (coldset offset on standard newsprint): CIELAB aims, D50/2°, white backing. */
export const IFRA26_AIMS = {
  paper: [82, 0, 3],
  k: [32, 1, 5],
  c: [57, -23, -27],
  m: [54, 44, -2],
  y: [78, -3, 58],
  r: [52, 41, 25],
  g: [53, -34, 17],
  b: [41, 7, -22],
};
/** TVI 26 % at the 40 % patch, all four inks (the 26 of IFRA26). */
export const IFRA26_TVI = { at: 0.4, cmy: 0.26, k: 0.26 };
/** The condition's total area coverage limit and the black limit, %. */
export const IFRA26_TAC = 240;
const BLACK_LIMIT = 95;

function readTi3(path) {
  const text = readFileSync(path, 'utf8').replace(/\r/g, '');
  const fields = text.split('BEGIN_DATA_FORMAT')[1].split('END_DATA_FORMAT')[0].trim().split(/\s+/);
  const col = (name) => fields.indexOf(name);
  const rows = text.split('\nBEGIN_DATA\n')[1].split('\nEND_DATA')[0].trim().split('\n').map((l) => l.trim().split(/\s+/).map(Number));
  return rows.map((r) => ({ cmyk: ['CMYK_C', 'CMYK_M', 'CMYK_Y', 'CMYK_K'].map((f) => r[col(f)]), lab: ['LAB_L', 'LAB_A', 'LAB_B'].map((f) => r[col(f)]) }));
}

function check(path) {
  const rows = readTi3(path);
  const at = (c, m, y, k) => rows.find((r) => r.cmyk.join() === [c, m, y, k].join()).lab;
  const aims = { paper: at(0, 0, 0, 0), c: at(100, 0, 0, 0), m: at(0, 100, 0, 0), y: at(0, 0, 100, 0), k: at(0, 0, 0, 100), r: at(0, 100, 100, 0), g: at(100, 0, 100, 0), b: at(100, 100, 0, 0) };
  // The data set's own TVI at 50 %, by Murray–Davies on Y.
  const y = (lab) => labToXyz(lab)[1];
  const tviOf = (patch, solid) => (y(aims.paper) - y(at(...patch))) / (y(aims.paper) - y(solid)) - 0.5;
  const cmy = (tviOf([50, 0, 0, 0], aims.c) + tviOf([0, 50, 0, 0], aims.m) + tviOf([0, 0, 50, 0], aims.y)) / 3;
  const k = tviOf([0, 0, 0, 50], aims.k);
  const model = createModel(aims, { at: 0.5, cmy, k });
  console.log(`TVI at 50 %: CMY ${(cmy * 100).toFixed(1)} %, K ${(k * 100).toFixed(1)} %`);
  const d = rows.map((r) => deltaE76(model(r.cmyk), r.lab)).sort((a, b) => a - b);
  console.log(`${rows.length} patches: ΔE76 mean ${(d.reduce((s, v) => s + v, 0) / d.length).toFixed(2)}, p95 ${d[Math.floor(d.length * 0.95)].toFixed(2)}, max ${d.at(-1).toFixed(2)}`);
}

function build() {
  const model = createModel(IFRA26_AIMS, IFRA26_TVI);
  const steps = [0, 5, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
  const lines = [];
  let id = 1;
  for (const k of steps) for (const y of steps) for (const m of steps) for (const c of steps) {
    const lab = model([c, m, y, k]);
    lines.push(`${id++} ${c} ${m} ${y} ${k} ${lab.map((v) => v.toFixed(3)).join(' ')}`);
  }
  const ti3 = [
    'CTI3', '', 'DESCRIPTOR "Coldset newsprint, modelled from the ISO 12647-3 aims (IFRA26)"',
    'ORIGINATOR "Broadsheet scripts/print/make-newsprint-profile.mjs"',
    'KEYWORD "DEVICE_CLASS"', 'DEVICE_CLASS "OUTPUT"', 'KEYWORD "COLOR_REP"', 'COLOR_REP "CMYK_LAB"',
    'KEYWORD "TOTAL_INK_LIMIT"', `TOTAL_INK_LIMIT "${IFRA26_TAC}"`,
    'NUMBER_OF_FIELDS 8', 'BEGIN_DATA_FORMAT', 'SAMPLE_ID CMYK_C CMYK_M CMYK_Y CMYK_K LAB_L LAB_A LAB_B', 'END_DATA_FORMAT',
    `NUMBER_OF_SETS ${lines.length}`, 'BEGIN_DATA', ...lines, 'END_DATA', '',
  ].join('\n');
  const work = mkdtempSync(join(tmpdir(), 'newsprint-'));
  try {
    writeFileSync(join(work, 'newsprint.ti3'), ti3);
    execFileSync('colprof', [
      '-qm', '-nc', '-kr', `-l${IFRA26_TAC}`, `-L${BLACK_LIMIT}`,
      '-D', `Broadsheet coldset newsprint IFRA26 (ISO 12647-3 aims, TAC ${IFRA26_TAC}%)`,
      '-C', 'No copyright. Made by Broadsheet from the published ISO 12647-3 aims; use freely.',
      '-A', 'Broadsheet', 'newsprint',
    ], { cwd: work, stdio: 'inherit' });
    mkdirSync(join(root, 'assets', 'print'), { recursive: true });
    copyFileSync(join(work, 'newsprint.icc'), join(root, 'assets', 'print', 'newsprint-ifra26.icc'));
    console.log('wrote assets/print/newsprint-ifra26.icc');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const i = process.argv.indexOf('--check');
if (i > 0) check(process.argv[i + 1]);
else build();
