// Child process of fuzz.test.ts: opens every file in a folder, one line of JSON per file
// ("> name" before each open, so the parent knows which file hung or crashed the process).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openIssueFile, isIssueFileError } from '../../node/store/index.js';
import { validateIssue } from '../../core/model/validate.js';

const dir = process.argv[2];
// The bundled child lives in a temp folder: the font keys (a frame's headline face is checked against them) come from the repo's manifest.
const knownFontKeys = Object.keys((JSON.parse(readFileSync(process.argv[3], 'utf8')) as { faces: Record<string, unknown> }).faces);
for (const name of readdirSync(dir).filter((n) => n.endsWith('.broadsheet')).sort()) {
  process.stdout.write(`> ${name}\n`);
  const t0 = performance.now();
  let result: Record<string, unknown>;
  try {
    const o = await openIssueFile(join(dir, name), { knownTemplateIds: ['broadsheet-8col'], knownFontKeys });
    result = { ok: true, pages: o.issue.pages.length };
  } catch (err) {
    result = isIssueFileError(err)
      ? { ok: false, code: err.code, problem: err.problem, recoverable: !!err.recoverable, recoverableValid: err.recoverable ? validateIssue(err.recoverable.issue, { knownTemplateIds: ['broadsheet-8col'] }).ok : undefined }
      : { ok: false, crash: err instanceof Error ? `${err.name}: ${err.message}\n${err.stack}` : String(err) };
  }
  process.stdout.write(JSON.stringify({ name, ms: performance.now() - t0, ...result }) + '\n');
}
process.stdout.write('done\n');
