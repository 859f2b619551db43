// The bundled Electron main process (dist/electron/main.cjs, built by scripts/build.mjs) run
// against a stand-in `electron` module, since no Electron binary can be downloaded on the
// machines the tests run on. It proves the bundle evaluates (its modules find fonts and
// templates from their own locations), and that what main wires up follows Electron's
// security checklist (docs/tutorial/security.md; layout-tools.md §3.3): the window's
// preferences, CSP on every protocol response, validated IPC from our own top frame only,
// no navigation, no new windows, no remote requests, no permissions.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';

const root = join(import.meta.dirname, '..', '..');

interface Probe {
  error?: string;
  schemes: Array<{ scheme: string; privileges: Record<string, boolean> }>;
  webPreferences: Record<string, unknown>;
  url: string;
  menu: string[];
  entry: { status: number; csp: string; type: string; length: number };
  font: { status: number; csp: string; type: string; length: number };
  template: { status: number; type: string };
  escape: { status: number };
  photo: { status: number; type: string };
  appInfo: { ok: boolean; value?: { name: string; locale: string } };
  badArgs: { ok: boolean; error?: { code: string; field: string } };
  fromOtherContents: { ok: boolean; error?: { code: string } };
  fromSubframe: { ok: boolean; error?: { code: string } };
  fromRemotePage: { ok: boolean; error?: { code: string } };
  upload: { ok: boolean; value?: { upload: string; bytes: number } };
  uploadBadName: { ok: boolean; error?: { code: string; field: string } };
  uploadNotBytes: { ok: boolean; error?: { code: string; field: string } };
  uploadFromRemotePage: { ok: boolean; error?: { code: string } };
  saveAsFromRemotePage: boolean;
  saveAs: boolean;
  opened: { ok: boolean; pages?: number; path?: string; readOnly?: boolean; warnings?: string[]; lock?: { stale: boolean; sameHost: boolean } };
  title: string;
  navigationPrevented: boolean;
  windowOpen: { action: string };
  remoteCancelled: boolean;
  fileCancelled: boolean;
  appCancelled: boolean;
  permissionDenied: boolean;
  unloadDontSave: boolean;
  unloadCancel: boolean;
  badLocale: { ok: boolean; error?: { code: string; field: string } };
  menuInEnglish: string[];
  permissionCheck: boolean;
}

let probe: Probe;

before(() => {
  // The main bundle is rebuilt from the sources under test; the renderer only when it was never built.
  const parts = existsSync(join(root, 'dist', 'renderer', 'index.html')) ? ['--electron'] : [];
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), ...parts], { cwd: root, encoding: 'utf8' });
  assert.equal(build.status, 0, `npm run build failed:\n${build.stderr}`);
  probe = runMain();
});

/** Runs dist/electron/main.cjs against the stand-in electron module and returns what it observed. */
function runMain(env: Record<string, string> = {}): Probe {
  const run = spawnSync(process.execPath, ['--require', join(root, 'test', 'foundation', 'fixtures', 'electron-stub.cjs'), join(root, 'dist', 'electron', 'main.cjs')], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, ...env },
  });
  const line = run.stdout.trim().split('\n').pop() ?? '';
  assert.ok(line.startsWith('{'), `main.cjs printed no probe result (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  const result = JSON.parse(line) as Probe;
  assert.equal(result.error, undefined, result.error);
  return result;
}

describe('Electron main bundle (dist/electron/main.cjs)', () => {
  test('registers broadsheet:// as a standard, secure scheme and loads the window from it, not file://', () => {
    assert.deepEqual(probe.schemes.map((s) => s.scheme), ['broadsheet']);
    assert.equal(probe.schemes[0].privileges.standard, true);
    assert.equal(probe.schemes[0].privileges.secure, true);
    assert.equal(probe.url, 'broadsheet://app/index.html');
  });

  test('the window: context isolation, sandbox, no Node, web security, our preload', () => {
    const w = probe.webPreferences;
    assert.equal(w.contextIsolation, true);
    assert.equal(w.sandbox, true);
    assert.equal(w.nodeIntegration, false);
    assert.equal(w.webSecurity, true);
    assert.equal(w.preload, join(root, 'dist', 'electron', 'preload.cjs'));
  });

  test('the protocol serves the built renderer, fonts, templates and the issue\'s photos, each with the CSP', () => {
    for (const r of [probe.entry, probe.font]) {
      assert.equal(r.status, 200);
      assert.match(r.csp, /script-src 'self'(;|$)/);
    }
    assert.equal(probe.entry.type, 'text/html; charset=utf-8');
    assert.equal(probe.font.type, 'font/ttf');
    assert.ok(probe.font.length > 1_000_000, 'the Noto Serif SC file');
    assert.equal(probe.template.status, 200);
    assert.equal(probe.photo.status, 200);
    assert.equal(probe.photo.type, 'image/jpeg');
    assert.notEqual(probe.escape.status, 200);
  });

  test('IPC: valid calls reach the services; bad arguments name the field; other senders are refused', () => {
    assert.equal(probe.appInfo.ok, true);
    assert.equal(probe.appInfo.value?.locale, 'zh-CN');
    assert.equal(probe.opened.ok, true);
    assert.equal(probe.opened.pages, 2);
    assert.equal(probe.opened.readOnly, true, 'the bundled sample is read-only (Save means Save As)');
    assert.deepEqual([probe.badArgs.error?.code, probe.badArgs.error?.field], ['bad-arguments', 'path']);
    for (const r of [probe.fromOtherContents, probe.fromSubframe, probe.fromRemotePage]) assert.equal(r.error?.code, 'refused');
  });

  test('IPC uploads: an ArrayBuffer from our window becomes an upload id; a path for a name, base64 for bytes, another page are refused', () => {
    assert.equal(probe.upload.ok, true, JSON.stringify(probe.upload));
    assert.match(probe.upload.value!.upload, /^[0-9a-f]{32}$/);
    assert.equal(probe.upload.value!.bytes, 6);
    assert.deepEqual([probe.uploadBadName.error?.code, probe.uploadBadName.error?.field], ['bad-arguments', 'name']);
    assert.deepEqual([probe.uploadNotBytes.error?.code, probe.uploadNotBytes.error?.field], ['bad-arguments', 'data']);
    assert.equal(probe.uploadFromRemotePage.error?.code, 'refused');
  });

  test('IPC Save As asked by the page: the native dialog from our window only; the chosen file comes back as the save-as command', () => {
    assert.equal(probe.saveAsFromRemotePage, false);
    assert.equal(probe.saveAs, true);
    const events = (probe as unknown as { events: Array<{ channel?: string; payload?: { command?: string; path?: string } }> }).events;
    const sent = events.filter((e) => e.channel === 'broadsheet:menu' && e.payload?.command === 'save-as');
    assert.deepEqual(sent.map((e) => e.payload), [{ command: 'save-as', path: '/tmp/bs-stub/新一期.broadsheet' }], 'sent once, from our window');
  });

  test('no navigation, no new windows, no remote requests, no permissions', () => {
    assert.equal(probe.navigationPrevented, true);
    assert.deepEqual(probe.windowOpen, { action: 'deny' });
    assert.equal(probe.remoteCancelled, true);
    assert.equal(probe.fileCancelled, true);
    assert.equal(probe.appCancelled, false);
    assert.equal(probe.permissionDenied, true);
    assert.equal(probe.permissionCheck, false);
  });

  test('closing with unsaved edits (the renderer objects to unloading): Don\'t Save closes, Cancel keeps the window', () => {
    assert.equal(probe.unloadDontSave, true);
    assert.equal(probe.unloadCancel, false);
  });

  test('the menu follows the system locale and the title names the issue, read-only for the sample', () => {
    assert.deepEqual(probe.menu, ['文件(&F)', '编辑(&E)', '视图(&V)', '帮助(&H)']);
    assert.equal(probe.title, 'sample.broadsheet (只读) — Broadsheet');
  });

  test('switching the UI language in the renderer relabels the menu; an unknown language is refused by name', () => {
    assert.deepEqual(probe.menuInEnglish, ['&File', '&Edit', '&View', '&Help']);
    assert.deepEqual([probe.badLocale.error?.code, probe.badLocale.error?.field], ['bad-arguments', 'locale']);
  });
});

describe('file association at launch', () => {
  test('a file the OS hands over before the window asked (macOS open-file) is the one the window opens, with its own session', async () => {
    const { mkdtempSync, copyFileSync, rmSync, existsSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'bs-open-file-'));
    try {
      const file = join(dir, '第47期.broadsheet');
      copyFileSync(join(root, 'assets', 'sample', 'sample.broadsheet'), file);
      const p = runMain({ BROADSHEET_STUB_OPEN_FILE: file });
      assert.equal(p.opened.path, file);
      assert.equal(p.opened.readOnly, false, 'the renderer may edit: the window holds the lock');
      assert.equal(p.title, '第47期.broadsheet — Broadsheet', 'not read-only: the window holds the file\'s lock');
      assert.equal(existsSync(join(dir, '.第47期.broadsheet.lock')), false, 'the lock is released when the app ends');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('an issue someone else has open', () => {
  test('opens read-only, and the renderer is told who holds it', async () => {
    const { mkdtempSync, copyFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { acquireLock } = await import('../../node/store/index.js');
    const dir = mkdtempSync(join(tmpdir(), 'bs-locked-'));
    const file = join(dir, 'shared.broadsheet');
    copyFileSync(join(root, 'assets', 'sample', 'sample.broadsheet'), file);
    // This test process is the other editor: a live holder on this host.
    const lock = await acquireLock(file, { heartbeatMs: 0 });
    try {
      const p = runMain({ BROADSHEET_STUB_OPEN_FILE: file });
      assert.equal(p.opened.path, file);
      assert.equal(p.opened.readOnly, true);
      // Who holds it comes as data (the renderer's lock banner words it in the UI language).
      assert.equal(p.opened.lock?.stale, false, `no word of the lock in ${JSON.stringify(p.opened)}`);
      assert.equal(p.opened.lock?.sameHost, true);
      assert.match(p.title, /只读/);
    } finally {
      await lock.release();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('Electron export worker bundle (dist/electron/worker.js)', () => {
  test('exports the sample issue to PDF off the main thread, finding fonts and templates from the bundle', async () => {
    const { Worker } = await import('node:worker_threads');
    const { mkdtempSync, rmSync, statSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'bs-worker-'));
    try {
      const output = join(dir, 'sample.pdf');
      const worker = new Worker(join(root, 'dist', 'electron', 'worker.js'), { workerData: { request: { issuePath: join(root, 'assets', 'sample', 'sample.broadsheet'), output } } });
      const result = await new Promise<{ type: string; result?: { ok: boolean; pages: number; report: { errors: unknown[] } } }>((resolve, reject) => {
        worker.on('message', (m: { type: string }) => m.type !== 'progress' && resolve(m));
        worker.on('error', reject);
      });
      await worker.terminate();
      assert.equal(result.type, 'done', JSON.stringify(result).slice(0, 300));
      assert.equal(result.result?.ok, true);
      assert.equal(result.result?.pages, 2);
      assert.deepEqual(result.result?.report.errors, []);
      assert.ok(statSync(output).size > 100_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('with PDF/X, converts the RGB photos in the bundled converter process (dist/electron/image-child.cjs), not in the worker', async () => {
    const { Worker } = await import('node:worker_threads');
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'bs-worker-'));
    try {
      const output = join(dir, 'sample.pdf');
      const worker = new Worker(join(root, 'dist', 'electron', 'worker.js'), { stderr: true, workerData: { request: { issuePath: join(root, 'assets', 'sample', 'sample.broadsheet'), output, pdfx: true } } });
      let stderr = '';
      worker.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      const result = await new Promise<{ type: string; result?: { ok: boolean; report: { warnings: Array<{ code: string }> } } }>((resolve, reject) => {
        worker.on('message', (m: { type: string }) => m.type !== 'progress' && resolve(m));
        worker.on('error', reject);
      });
      await worker.terminate();
      assert.equal(result.type, 'done', JSON.stringify(result).slice(0, 300));
      assert.equal(result.result?.ok, true);
      assert.ok(result.result?.report.warnings.some((w) => w.code === 'image-rgb'), 'the sample has RGB photos to convert');
      // a converter that could not be started would have said so (and converted in the worker)
      assert.doesNotMatch(stderr, /could not be started/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
