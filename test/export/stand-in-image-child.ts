import { appendFileSync } from 'node:fs';

/**
 * A stand-in for the image converter process (BROADSHEET_IMAGE_CONVERTER names it in tests):
 * the real one (electron/pdf/image-child.ts), plus what tests need to watch and break it —
 * it appends its pid to the file BROADSHEET_TEST_CONVERTER_PIDS names, and kills itself with
 * SIGKILL (as the kernel would, or a libvips crash) when asked to convert a path containing
 * BROADSHEET_TEST_CONVERTER_CRASH_ON.
 */

const pids = process.env.BROADSHEET_TEST_CONVERTER_PIDS;
if (pids) appendFileSync(pids, `${process.pid}\n`);
const crashOn = process.env.BROADSHEET_TEST_CONVERTER_CRASH_ON;
// registered before the real child's own listener, so it runs first
process.on('message', (m: { path?: string }) => {
  if (crashOn && m.path?.includes(crashOn)) process.kill(process.pid, 'SIGKILL');
});

await import('../../electron/pdf/image-child.js');
