// Child process of fuzz.test.ts: opens every file in a folder, one line of JSON per file
// ("> name" before each open, so the parent knows which file hung or crashed the process).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { openIssueFile, isIssueFileError } from '../../node/store/index.js';
import { validateIssue } from '../../core/model/validate.js';

const dir = process.argv[2];
for (const name of readdirSync(dir).filter((n) => n.endsWith('.broadsheet')).sort()) {
  process.stdout.write(`> ${name}\n`);
  const t0 = performance.now();
  let result: Record<string, unknown>;
  try {
    const o = await openIssueFile(join(dir, name), { knownTemplateIds: ['broadsheet-8col'] });
    result = { ok: true, pages: o.issue.pages.length };
  } catch (err) {
    result = isIssueFileError(err)
      ? { ok: false, code: err.code, problem: err.problem, recoverable: !!err.recoverable, recoverableValid: err.recoverable ? validateIssue(err.recoverable.issue, { knownTemplateIds: ['broadsheet-8col'] }).ok : undefined }
      : { ok: false, crash: err instanceof Error ? `${err.name}: ${err.message}\n${err.stack}` : String(err) };
  }
  process.stdout.write(JSON.stringify({ name, ms: performance.now() - t0, ...result }) + '\n');
}
process.stdout.write('done\n');
