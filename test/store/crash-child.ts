// Child process of crash.test.ts: saves version after version of a large issue, each preceded
// by an autosave, printing "R i" after the recovery write and "S i" after the save. The parent
// kills it with SIGKILL at a random moment.
import { saveIssueFile, recoveryPathFor } from '../../node/store/index.js';
import { writeRecovery } from '../../node/store/recovery.js';
import { crashVersion } from './crash-versions.js';

const [file, startArg] = process.argv.slice(2);
let i = Number(startArg);
crashVersion(i); // build the large issue before the parent's clock starts: kills land in the save loop
process.stdout.write('ready\n');
for (;;) {
  const issue = crashVersion(i);
  await writeRecovery(recoveryPathFor(file), { savedAt: new Date().toISOString(), issuePath: file, base: null, changes: i, issue });
  process.stdout.write(`R ${i}\n`);
  await saveIssueFile(file, issue);
  process.stdout.write(`S ${i}\n`);
  i++;
}
