import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { exportIssue } from '../../node/export/service.js';
import { formatFinding } from '../../node/export/preflight.js';
import { CONVERTER_ENV, ImageConverter } from '../../node/pdf/image-converter.js';
import { imageForPdf } from '../../node/pdf/images.js';
import { filesIn, pdfInfo, qpdfCheck, tempDir } from '../pdf/tools.js';
import { composeStandIn } from './stand-in-composer.js';
import { generatedIssueOnDisk, writePhoto } from '../fixtures/build.js';

// PDF/X converts RGB photos to CMYK (cjk-typesetting.md §4.2: CMYK only). The conversions run in
// a process of their own (node/pdf/image-converter.ts) so libvips' memory is bounded and
// returned when the export ends: its bytes must be the export's own, it must never outlive the
// export, and its death must be an error naming the photo and page, never a hang or a half PDF.

const root = fileURLToPath(new URL('../..', import.meta.url));
const standInChild = fileURLToPath(new URL('./stand-in-image-child.ts', import.meta.url));
const composerModule = fileURLToPath(new URL('./stand-in-composer.ts', import.meta.url));
const composer = async (issue: Parameters<typeof composeStandIn>[0]) => composeStandIn(issue);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits (up to 20 s) for a process to be gone; false if it is still there. */
async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 200 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  return !alive(pid);
}

/** Runs fn with these environment variables set (the converter reads its entry from the environment, and the child inherits it). */
async function withEnv<T>(vars: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const old = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(old)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

const pidsIn = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map(Number) : []);

test('the converter process gives the same bytes as converting in the export’s own process (RGB JPEG, PNG with alpha, greyscale, resampled or not)', async () => {
  const dir = tempDir('convert');
  const rgb = join(dir, 'rgb.jpg');
  await writePhoto(rgb, 2400, 1600, 3);
  const png = join(dir, 'alpha.png');
  await sharp({ create: { width: 900, height: 600, channels: 4, background: { r: 200, g: 40, b: 90, alpha: 0.5 } } }).png().toFile(png);
  const grey = join(dir, 'grey.jpg');
  await sharp(rgb).greyscale().jpeg({ quality: 80 }).toFile(grey);
  const cases = [
    { path: rgb, opts: { cmyk: true, placedPt: { w: 200, h: 133 } } },
    { path: rgb, opts: { cmyk: true } },
    { path: png, opts: { cmyk: true, placedPt: { w: 100, h: 66 } } },
    { path: png, opts: { cmyk: false } },
    { path: grey, opts: { cmyk: true, placedPt: { w: 150, h: 100 } } },
  ];
  const converter = new ImageConverter();
  try {
    for (const c of cases) {
      const inProcess = await imageForPdf(c.path, c.opts);
      const viaChild = await imageForPdf(c.path, c.opts, converter.convert);
      assert.ok(converter.pid, 'the conversion ran in the child');
      assert.equal(converter.fellBack, false);
      assert.ok(inProcess.equals(viaChild), `${c.path} ${JSON.stringify(c.opts)}: ${inProcess.length} bytes in process, ${viaChild.length} from the child`);
      // the CMYK ones really are CMYK JPEGs
      if (c.opts.cmyk && c.path !== grey) assert.equal((await sharp(viaChild).metadata()).space, 'cmyk');
    }
  } finally {
    await converter.close();
  }
});

test('the converter starts lazily, one process serves every conversion, close() ends it; a passthrough JPEG never starts it', async () => {
  const dir = tempDir('convert');
  const a = join(dir, 'a.jpg');
  const b = join(dir, 'b.jpg');
  await writePhoto(a, 800, 600, 1);
  await writePhoto(b, 800, 600, 2);
  const converter = new ImageConverter();
  assert.equal(converter.pid, undefined);
  // RGB JPEG without CMYK: passes through, no process
  assert.ok((await imageForPdf(a, { cmyk: false }, converter.convert)).equals(readFileSync(a)));
  assert.equal(converter.pid, undefined);
  await imageForPdf(a, { cmyk: true }, converter.convert);
  const pid = converter.pid!;
  assert.ok(pid && alive(pid));
  // started with the glibc settings that bound its memory
  assert.match(readFileSync(`/proc/${pid}/environ`, 'latin1'), new RegExp(`(^|\\0)MALLOC_ARENA_MAX=${CONVERTER_ENV.MALLOC_ARENA_MAX}(\\0|$)`));
  await imageForPdf(b, { cmyk: true }, converter.convert);
  assert.equal(converter.pid, pid, 'the same process converted the second image');
  await converter.close();
  assert.equal(alive(pid), false, 'close() waited for the process to exit');
  await assert.rejects(converter.convert(a, { cmyk: true }), /closed/);
});

test('a PDF/X export ends its converter process when it is done, and when it is cancelled (no output, no temporary file)', async () => {
  const dir = tempDir('convert');
  const { issuePath } = await generatedIssueOnDisk(dir, { pages: 4, photos: 4 });
  const pids = join(dir, 'pids');
  await withEnv({ BROADSHEET_IMAGE_CONVERTER: standInChild, BROADSHEET_TEST_CONVERTER_PIDS: pids }, async () => {
    const out = join(dir, 'out');
    mkdirSync(out);
    const ok = await exportIssue({ issuePath, output: join(out, 'x.pdf'), pdfx: true }, { composer });
    assert.equal(ok.ok, true);
    assert.equal(qpdfCheck(join(out, 'x.pdf')).status, 0);
    assert.equal(pdfInfo(join(out, 'x.pdf'))['PDF subtype'], 'PDF/X-1:2001');
    const first = pidsIn(pids);
    assert.equal(first.length, 1, 'one converter process for the whole export');
    assert.equal(alive(first[0]), false, 'ended when the export ended');

    const controller = new AbortController();
    const cancelled = await exportIssue(
      { issuePath, output: join(out, 'c.pdf'), pdfx: true },
      { composer, signal: controller.signal, onProgress: (p) => p.phase === 'paint' && p.done === 1 && controller.abort() },
    );
    assert.equal(cancelled.cancelled, true);
    const second = pidsIn(pids).slice(1);
    assert.equal(second.length, 1);
    assert.equal(alive(second[0]), false, 'ended when the export was cancelled');
    assert.deepEqual(filesIn(out), ['x.pdf']);
  });
});

test('a cancel while a photo is being converted ends the export at once: cancelled, the converter killed, nothing written', { timeout: 60_000 }, async () => {
  const dir = tempDir('convert');
  const { issuePath } = await generatedIssueOnDisk(dir, { pages: 2, photos: 2 });
  const pids = join(dir, 'pids');
  const out = join(dir, 'out');
  mkdirSync(out);
  const controller = new AbortController();
  const r = await withEnv({ BROADSHEET_IMAGE_CONVERTER: standInChild, BROADSHEET_TEST_CONVERTER_PIDS: pids, BROADSHEET_TEST_CONVERTER_STALL_ON: 'photo-1.jpg' }, async () => {
    const running = exportIssue({ issuePath, output: join(out, 'x.pdf'), pdfx: true }, { composer, signal: controller.signal });
    // the converter has page 1's photo (and will never answer): cancel
    while (!existsSync(`${pids}.stalled`)) await new Promise((res) => setTimeout(res, 50));
    controller.abort();
    return running;
  });
  assert.equal(r.cancelled, true);
  assert.deepEqual(filesIn(out), []);
  assert.equal(await gone(pidsIn(pids)[0]), true);
});

test('a converter that stops answering is ended after the conversion time limit: that photo fails naming it, the next one gets a new process', { timeout: 60_000 }, async () => {
  const dir = tempDir('convert');
  const stuck = join(dir, 'stuck.jpg');
  const fine = join(dir, 'fine.jpg');
  await writePhoto(stuck, 600, 400, 1);
  await writePhoto(fine, 600, 400, 2);
  const pids = join(dir, 'pids');
  await withEnv({ BROADSHEET_IMAGE_CONVERTER: standInChild, BROADSHEET_TEST_CONVERTER_PIDS: pids, BROADSHEET_TEST_CONVERTER_STALL_ON: 'stuck.jpg' }, async () => {
    const converter = new ImageConverter({ conversionTimeoutMs: 1500 });
    try {
      await assert.rejects(imageForPdf(stuck, { cmyk: true }, converter.convert), (err: Error) => {
        assert.equal(err.name, 'ImageConverterCrashed');
        assert.match(err.message, /while converting .*stuck\.jpg \(no answer within 2 s\)/);
        return true;
      });
      const [first] = pidsIn(pids);
      assert.equal(await gone(first), true, 'the hung process was ended');
      const bytes = await imageForPdf(fine, { cmyk: true }, converter.convert);
      assert.ok(bytes.equals(await imageForPdf(fine, { cmyk: true })), 'the next photo converts, in a new process');
      assert.equal(pidsIn(pids).length, 2);
    } finally {
      await converter.close();
    }
    for (const pid of pidsIn(pids)) assert.equal(await gone(pid), true);
  });
});

test('a converter process that dies while converting stops the export with an error naming the photo and its page; nothing is written and nothing is left running', async () => {
  const dir = tempDir('convert');
  const { issuePath } = await generatedIssueOnDisk(dir, { pages: 3, photos: 3 });
  const pids = join(dir, 'pids');
  const out = join(dir, 'out');
  mkdirSync(out);
  const r = await withEnv({ BROADSHEET_IMAGE_CONVERTER: standInChild, BROADSHEET_TEST_CONVERTER_PIDS: pids, BROADSHEET_TEST_CONVERTER_CRASH_ON: 'photo-2.jpg' }, () =>
    exportIssue({ issuePath, output: join(out, 'x.pdf'), pdfx: true }, { composer }),
  );
  assert.equal(r.ok, false);
  assert.equal(r.paintFailed, true);
  const err = r.report.errors.at(-1)!;
  assert.equal(err.code, 'image-unreadable');
  assert.equal(err.page, 2);
  assert.equal(err.assetId, 'a2');
  assert.match(formatFinding(err), /^ERROR: A02 \(page 2\) · photo .*photo-2\.jpg cannot be put into the PDF: the image converter process died while converting .*photo-2\.jpg \(killed by SIGKILL\)/);
  assert.deepEqual(filesIn(out), [], 'no PDF, no temporary file');
  for (const pid of pidsIn(pids)) assert.equal(alive(pid), false);
});

test('when the converter process cannot be started, the export converts in its own process and says so', async () => {
  const dir = tempDir('convert');
  const { issuePath } = await generatedIssueOnDisk(dir, { pages: 2, photos: 2 });
  const notes: string[] = [];
  const r = await withEnv({ BROADSHEET_IMAGE_CONVERTER: join(dir, 'no-such-entry.cjs') }, () =>
    exportIssue({ issuePath, output: join(dir, 'x.pdf'), pdfx: true }, { composer, onNote: (m) => notes.push(m) }),
  );
  assert.equal(r.ok, true);
  assert.equal(pdfInfo(join(dir, 'x.pdf'))['PDF subtype'], 'PDF/X-1:2001');
  assert.equal(notes.length, 1);
  assert.match(notes[0], /in the export's own process .*could not be started: it exited before it was ready \(exit code 1: Error: Cannot find module '.*no-such-entry\.cjs'/);
});

test('CLI export --pdfx: a crash of the converter is an ERROR line naming page and photo, exit 1; a converter that cannot start is a note on stderr and the PDF is written', async () => {
  const dir = tempDir('convert');
  const { issuePath } = await generatedIssueOnDisk(dir, { pages: 2, photos: 2 });
  const cli = (env: Record<string, string>) =>
    spawnSync(process.execPath, [join(root, 'bin', 'broadsheet.mjs'), 'export', issuePath, '-o', join(dir, 'x.pdf'), '--pdfx'], {
      encoding: 'utf8',
      env: { ...process.env, BROADSHEET_EXPORT_COMPOSER: composerModule, ...env },
    });
  const crashed = cli({ BROADSHEET_IMAGE_CONVERTER: standInChild, BROADSHEET_TEST_CONVERTER_CRASH_ON: 'photo-2.jpg' });
  assert.equal(crashed.status, 1, crashed.stderr);
  assert.match(crashed.stderr, /ERROR: A02 \(page 2\) · photo .*photo-2\.jpg cannot be put into the PDF: the image converter process died/);
  assert.match(crashed.stderr, /Export failed while writing the PDF; nothing half-written was left/);
  assert.equal(existsSync(join(dir, 'x.pdf')), false);

  const fallback = cli({ BROADSHEET_IMAGE_CONVERTER: join(dir, 'no-such-entry.cjs') });
  assert.equal(fallback.status, 0, fallback.stderr);
  assert.match(fallback.stderr, /note: Image conversions run in the export's own process \(more memory\): the image converter process could not be started/);
  assert.equal(pdfInfo(join(dir, 'x.pdf'))['PDF subtype'], 'PDF/X-1:2001');
});

test('the converter process exits by itself when the process that started it is killed', async () => {
  const dir = tempDir('convert');
  const photo = join(dir, 'p.jpg');
  await writePhoto(photo, 1600, 1200);
  // A parent that starts a converter, converts once, prints the child's pid and waits to be killed.
  const parentScript = join(dir, 'parent.mts');
  writeFileSync(
    parentScript,
    `import { ImageConverter } from ${JSON.stringify(join(root, 'node', 'pdf', 'image-converter.ts'))};
const c = new ImageConverter();
await c.convert(${JSON.stringify(photo)}, { cmyk: true });
process.stdout.write(c.pid + '\\n');
setInterval(() => {}, 1000);
`,
  );
  const parent = spawn(process.execPath, ['--import', 'tsx', parentScript], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const childPid = await new Promise<number>((resolve, reject) => {
    let out = '';
    parent.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      if (out.includes('\n')) resolve(Number(out.trim()));
    });
    parent.on('exit', (code) => reject(new Error(`parent exited (${code}) before printing the child's pid`)));
  });
  assert.ok(childPid > 0 && alive(childPid));
  parent.kill('SIGKILL');
  assert.equal(await gone(childPid), true, 'the converter process outlived its parent');
});

test('the bundled CLI (scripts/build.mjs --cli) converts in its bundled converter process, dist/cli/image-child.cjs; without that file it falls back and says so', () => {
  // one level below the root, as dist/cli is, so packages resolve from the checkout's node_modules
  const dist = join(root, 'test-output', `cli-image-child-${process.pid}`);
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  try {
    const built = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--cli', '--outdir', dist, '--strict'], { cwd: root, encoding: 'utf8' });
    assert.equal(built.status, 0, built.stderr);
    const inputs = JSON.parse(readFileSync(join(dist, 'inputs.json'), 'utf8')) as Record<string, unknown>;
    assert.ok(inputs['node/pdf/image-child.ts'], 'the child entry is stamped: an edit retires the bundle');
    const dir = tempDir('convert');
    const run = () =>
      spawnSync(process.execPath, [join(root, 'bin', 'broadsheet.mjs'), 'export', join(root, 'assets', 'sample', 'sample.broadsheet'), '-o', join(dir, 'x.pdf'), '--pdfx', '--force'], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, BROADSHEET_CLI_DIST: dist, BROADSHEET_CLI: 'bundle', BROADSHEET_CLI_TRACE: '1' },
      });
    const bundled = run();
    assert.equal(bundled.status, 0, bundled.stderr);
    assert.match(bundled.stderr, /broadsheet-cli: bundle\n/);
    assert.doesNotMatch(bundled.stderr, /note:/);
    assert.equal(pdfInfo(join(dir, 'x.pdf'))['PDF subtype'], 'PDF/X-1:2001');
    rmSync(join(dist, 'image-child.cjs'));
    const without = run();
    assert.equal(without.status, 0, without.stderr);
    assert.match(without.stderr, /note: Image conversions run in the export's own process .*exited before it was ready/);
  } finally {
    rmSync(dist, { recursive: true, force: true });
  }
});
