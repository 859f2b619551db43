// Child of lock.test.ts: waits until the agreed moment, tries to take the lock, prints the outcome.
import { acquireLock, IssueLockedError } from '../../node/store/lock.js';

const [file, at] = process.argv.slice(2);
while (Date.now() < Number(at));
try {
  await acquireLock(file, { heartbeatMs: 0 });
  process.stdout.write('won');
} catch (err) {
  process.stdout.write(err instanceof IssueLockedError ? 'lost' : `error ${String(err)}`);
}
