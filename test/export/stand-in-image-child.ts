import { appendFileSync } from 'node:fs';

/**
 * A stand-in for the image converter process (BROADSHEET_IMAGE_CONVERTER names it in tests):
 * the real one (node/pdf/image-child.ts), plus what tests need to watch and break it —
 * it appends its pid to the file BROADSHEET_TEST_CONVERTER_PIDS names, and kills itself with
 * SIGKILL (as the kernel would, or a libvips crash) when asked to convert a path containing
 * BROADSHEET_TEST_CONVERTER_CRASH_ON, and never answers for a path containing
 * BROADSHEET_TEST_CONVERTER_STALL_ON (a conversion that takes forever; it notes the request in
 * `<pids file>.stalled`).
 */

const pids = process.env.BROADSHEET_TEST_CONVERTER_PIDS;
if (pids) appendFileSync(pids, `${process.pid}\n`);
const crashOn = process.env.BROADSHEET_TEST_CONVERTER_CRASH_ON;
const stallOn = process.env.BROADSHEET_TEST_CONVERTER_STALL_ON;
const stalled = new Set<number>();
// registered before the real child's own listener, so it runs first
process.on('message', (m: { id?: number; path?: string }) => {
  if (crashOn && m.path?.includes(crashOn)) process.kill(process.pid, 'SIGKILL');
  if (stallOn && m.path?.includes(stallOn) && m.id !== undefined) {
    stalled.add(m.id);
    if (pids) appendFileSync(`${pids}.stalled`, `${m.id}\n`); // tests wait for this
  }
});
// the real child's answers for stalled requests are never sent
const send = process.send!.bind(process);
process.send = ((m: { id?: number }, ...rest: never[]) => (m?.id !== undefined && stalled.has(m.id) ? true : send(m, ...rest))) as typeof process.send;

await import('../../node/pdf/image-child.js');
