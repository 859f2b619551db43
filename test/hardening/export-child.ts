// Child of kill-export.test.ts: exports the issue to the output again and again, printing
// "E i" after each export; the parent kills it with SIGKILL at a random moment.
import { exportIssue } from '../../node/export/service.js';

const [issuePath, output] = process.argv.slice(2);
process.stdout.write('ready\n');
for (let i = 0; ; i++) {
  const r = await exportIssue({ issuePath, output });
  if (!r.ok) throw new Error(r.report.errors.map((e) => e.message).join('; '));
  process.stdout.write(`E ${i}\n`);
}
