import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { openIssueFile, saveIssueFile, recoveryPathFor, readRecovery } from '../../node/store/index.js';
import { writeRecovery } from '../../node/store/recovery.js';
import { crashVersion } from './crash-versions.js';
import { rng } from './generate-issue.js';

const here = dirname(fileURLToPath(import.meta.url));
const KILLS = 100;

/** How long one round of the child's loop (a recovery write and a save) takes here, in ms: the median of three. */
async function timeSaveRound(file: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const issue = crashVersion(i);
    const t0 = performance.now();
    await writeRecovery(recoveryPathFor(file), { savedAt: new Date().toISOString(), issuePath: file, base: null, changes: i, issue });
    await saveIssueFile(file, issue);
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[1];
}

/** Runs the child until it has printed "ready", waits `delayMs`, kills it with SIGKILL; returns its output lines. */
function runAndKill(child: string, file: string, start: number, delayMs: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [child, file, String(start)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let armed = false;
    proc.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      if (!armed && out.includes('ready\n')) {
        armed = true;
        setTimeout(() => proc.kill('SIGKILL'), delayMs);
      }
    });
    proc.stderr.on('data', (b: Buffer) => (err += b.toString()));
    proc.on('error', reject);
    proc.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`child exited by itself (${code}): ${err}`));
      resolve(out.split('\n').filter(Boolean));
    });
  });
}

// The timeout only guards against a hang: alone the test takes ~35 s, but beside the rest of the
// suite on a loaded 2-core machine it has taken over 120 s.
test(`crash test: a child saving a large issue is killed with SIGKILL at ${KILLS} random moments; the file always opens as the old or the new version, and a recovery file written is found valid`, { timeout: 360_000 }, async () => {
  const d = mkdtempSync(join(tmpdir(), 'bs-crash-'));
  // Bundled once so each child starts in tens of milliseconds rather than compiling TypeScript.
  const child = join(d, 'child.mjs');
  buildSync({ entryPoints: [join(here, 'crash-child.ts')], bundle: true, platform: 'node', format: 'esm', outfile: child, logLevel: 'error' });
  const file = join(d, 'issue.broadsheet');
  await saveIssueFile(file, crashVersion(0));
  // Kills land within a few save-and-autosave rounds, however long a round takes on this machine
  // right now (fsync under load can take several times its quiet length).
  const window = Math.max(120, 3 * (await timeSaveRound(join(d, 'calibrate.broadsheet'))));
  let onDisk = 0;
  const r = rng(20261123);
  const seen = { midSave: 0, recoveryChecked: 0, newVersions: 0 };
  for (let kill = 0; kill < KILLS; kill++) {
    const lines = await runAndKill(child, file, onDisk + 1, Math.floor(r() * window));
    const last = (tag: string) => Math.max(onDisk, ...lines.filter((l) => l.startsWith(tag + ' ')).map((l) => Number(l.slice(2))));
    const lastSaved = last('S');
    const lastRecovery = last('R');

    // The issue file: complete and valid, the last confirmed save or the one in progress.
    const opened = await openIssueFile(file, { knownTemplateIds: null });
    const k = Number(opened.issue.issueNumber.replace(/\D/g, ''));
    assert.ok(k === lastSaved || k === lastSaved + 1, `kill ${kill}: file holds version ${k}, last confirmed save ${lastSaved}`);
    assert.deepEqual(opened.issue, crashVersion(k), `kill ${kill}: version ${k} intact`);
    if (k > onDisk) seen.newVersions++;

    // The recovery file: where the child had written one and not yet finished saving it, it is there and valid.
    const rec = await readRecovery(recoveryPathFor(file));
    if (rec) {
      assert.ok(!('problem' in rec), `kill ${kill}: ${rec && 'problem' in rec ? rec.problem : ''}`);
      const rv = Number(rec.issue.issueNumber.replace(/\D/g, ''));
      assert.ok(rv === lastRecovery || rv === lastRecovery + 1, `kill ${kill}: recovery holds ${rv}, last written ${lastRecovery}`);
      assert.deepEqual(rec.issue, crashVersion(rv));
      seen.recoveryChecked++;
    } else if (lastRecovery > lastSaved) {
      assert.equal(k, lastRecovery, `kill ${kill}: recovery ${lastRecovery} was written, so either it exists or its save completed`);
    }
    if (lastRecovery > lastSaved) seen.midSave++;
    onDisk = k;
  }
  // The kills landed where they matter: during saves, with recovery files to check.
  assert.ok(seen.midSave > KILLS / 4, `kills during a save: ${seen.midSave}`);
  assert.ok(seen.recoveryChecked > 0 && seen.newVersions > 0, JSON.stringify(seen));
  // Leftover temp files of killed children are cleaned by the next save.
  await saveIssueFile(file, crashVersion(onDisk + 1));
  assert.deepEqual(readdirSync(d).filter((n) => n.endsWith('.tmp')), []);
  assert.equal(existsSync(recoveryPathFor(file)), false);
  console.log(`crash test: ${KILLS} kills, ${seen.midSave} during a save, ${seen.recoveryChecked} recovery files checked, ${seen.newVersions} new versions`);
});
