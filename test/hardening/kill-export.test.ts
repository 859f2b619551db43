// kill -9 during export, ten times at random moments: the PDF at the output is always a whole
// PDF (the previous export's, or none yet), and the next export leaves no temporary file.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { exportIssue } from '../../node/export/service.js';
import { bundledSampleIssue, writeIssue } from '../fixtures/build.js';

const KILLS = 10;
const dir = mkdtempSync(join(tmpdir(), 'bs-kill-export-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Starts the exporting child, waits until its first export is done (fonts loaded: the machine's
 * load does not matter), then `delayMs` into the following ones, and kills it; resolves the
 * exports it finished.
 */
function exportAndKill(issuePath: string, output: string, delayMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'export-child.ts'), issuePath, output], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      if (out.includes('E 0\n') && !(child as { armed?: boolean }).armed) {
        (child as { armed?: boolean }).armed = true;
        setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve(out.split('\n').filter((l) => l.startsWith('E ')).length) : reject(new Error(`the child ended by itself: ${err}`))));
  });
}

const wholePdf = (file: string) => spawnSync('qpdf', ['--check', file], { encoding: 'utf8' }).status === 0;

test(`kill -9 at ${KILLS} random moments of an export: the output is a whole PDF or absent, and the next export leaves no temporary file`, { timeout: 300_000 }, async () => {
  const { issuePath } = writeIssue(dir, bundledSampleIssue());
  // The sample's photos beside the copy.
  spawnSync('cp', ['-r', join(import.meta.dirname, '..', '..', 'assets', 'sample', 'photos'), dir]);
  const output = join(dir, 'out.pdf');
  let finished = 0;
  let midWrite = 0;
  for (let k = 0; k < KILLS; k++) {
    finished += await exportAndKill(issuePath, output, (k * 37) % 400);
    if (existsSync(output)) assert.ok(wholePdf(output), `after kill ${k + 1}, out.pdf is not a whole PDF`);
    if (readdirSync(dir).some((f) => f.endsWith('.tmp'))) midWrite++;
  }
  console.log(`${KILLS} kills: ${finished} exports finished between them; ${midWrite} kills landed while a PDF was being written`);
  const r = await exportIssue({ issuePath, output });
  assert.equal(r.ok, true);
  assert.ok(wholePdf(output));
  assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), [], 'no temporary file left after the next export');
});
