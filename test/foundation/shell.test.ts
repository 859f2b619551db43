// The Electron shell's decisions, tested without Electron (they are plain functions):
// the app protocol's path checks and responses, the IPC sender check, navigation, the CSP,
// file-association arguments and the native menu (Electron security checklist, docs/tutorial/
// security.md: isolation, CSP, navigation, new windows, IPC sender validation;
// layout-tools.md §3.3).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { MenuItemConstructorOptions } from 'electron';
import { isMenuCommand, MENU_COMMANDS } from '../../core/api/shell.js';
import { CONTENT_SECURITY_POLICY, createResourceResolver } from '../../node/services/resources.js';
import { issueFromArgv } from '../../electron/shell/argv.js';
import { menuLabels, menuTemplate, type MenuAction, type MenuOptions } from '../../electron/shell/menu.js';
import { answerAppRequest, APP_ENTRY, appUrlPath, isAppUrl } from '../../electron/shell/protocol.js';
import { isTrustedSender, mayNavigate, SECURE_WEB_PREFERENCES } from '../../electron/shell/security.js';

describe('app protocol (broadsheet://app/…): only plain paths on our origin', () => {
  test('paths on the app origin resolve; the root is index.html', () => {
    assert.equal(appUrlPath(APP_ENTRY), 'index.html');
    assert.equal(appUrlPath('broadsheet://app/'), 'index.html');
    assert.equal(appUrlPath('broadsheet://app/assets/index-abc.js'), 'assets/index-abc.js');
    assert.equal(appUrlPath('broadsheet://app/fonts/serif?x=1#y'), 'fonts/serif');
    assert.equal(appUrlPath('broadsheet://app/issue-assets/photo%20one'), 'issue-assets/photo one');
  });

  test('dot segments (plain or percent-encoded), backslashes, NUL and empty segments are refused', () => {
    for (const url of [
      'broadsheet://app/../package.json',
      'broadsheet://app/%2e%2e/package.json',
      'broadsheet://app/fonts/%2E%2E%2Fpackage.json',
      'broadsheet://app/templates/..%2f..%2fpackage.json',
      'broadsheet://app/assets/..%5c..%5cpackage.json',
      'broadsheet://app/a/./b',
      'broadsheet://app/a%00.js',
      'broadsheet://app/a//b',
      'broadsheet://app/%E0%A4%A',
    ]) {
      assert.equal(appUrlPath(url), undefined, url);
    }
  });

  test('other schemes, hosts and credentials are not the app', () => {
    for (const url of ['file:///etc/passwd', 'https://app/index.html', 'broadsheet://evil/index.html', 'broadsheet://user:pw@app/index.html', 'not a url']) {
      assert.equal(appUrlPath(url), undefined, url);
    }
    assert.equal(isAppUrl('broadsheet://app/index.html'), true);
    assert.equal(isAppUrl('broadsheet://app.evil.example/'), false);
    assert.equal(isAppUrl(undefined), false);
  });
});

describe('app protocol responses carry the CSP and never leave the served folders', () => {
  let dir: string;
  let resolve: ReturnType<typeof createResourceResolver>;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'bs-shell-'));
    mkdirSync(join(dir, 'renderer', 'assets'), { recursive: true });
    mkdirSync(join(dir, 'templates'));
    writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>x</title>');
    writeFileSync(join(dir, 'renderer', 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(dir, 'secret.txt'), 'secret');
    symlinkSync(join(dir, 'secret.txt'), join(dir, 'renderer', 'link.txt'));
    resolve = createResourceResolver({ rendererDir: join(dir, 'renderer'), lastIssue: () => undefined });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('the entry page is served with the page CSP, nosniff and its type', async () => {
    const r = await answerAppRequest(resolve, APP_ENTRY);
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-security-policy'], CONTENT_SECURITY_POLICY);
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
    assert.equal(r.headers['content-type'], 'text/html; charset=utf-8');
    assert.equal(Buffer.from(r.body).toString(), '<!doctype html><title>x</title>');
    assert.equal((await answerAppRequest(resolve, 'broadsheet://app/assets/app.js')).headers['content-type'], 'text/javascript; charset=utf-8');
  });

  test('escapes are refused (403) before the file system; a symlink out of the folder is not found; errors carry the CSP too', async () => {
    const up = await answerAppRequest(resolve, 'broadsheet://app/%2e%2e/secret.txt');
    assert.equal(up.status, 403);
    assert.equal(up.headers['content-security-policy'], CONTENT_SECURITY_POLICY);
    const link = await answerAppRequest(resolve, 'broadsheet://app/link.txt');
    assert.equal(link.status, 404);
    assert.doesNotMatch(String(link.body), /secret/);
    assert.equal((await answerAppRequest(resolve, 'broadsheet://app/fonts/no-such-face')).status, 404);
  });

  test('only GET and HEAD; HEAD has no body', async () => {
    assert.equal((await answerAppRequest(resolve, APP_ENTRY, 'POST')).status, 405);
    const head = await answerAppRequest(resolve, APP_ENTRY, 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.body, '');
  });
});

describe('the page CSP: nothing but the app itself', () => {
  const directives = new Map(CONTENT_SECURITY_POLICY.split(/;\s*/).map((d) => [d.split(' ')[0], d.split(' ').slice(1)] as const));
  test('scripts only from the app: no inline scripts, no eval, no remote origins', () => {
    assert.deepEqual(directives.get('script-src'), ["'self'"]);
    assert.deepEqual(directives.get('default-src'), ["'self'"]);
    assert.doesNotMatch(CONTENT_SECURITY_POLICY, /unsafe-eval|https?:|\*/);
  });
  test('fonts and images from the app; no plugins, no framing, no base or form targets', () => {
    assert.ok(directives.get('font-src')?.includes("'self'"));
    assert.ok(directives.get('img-src')?.includes("'self'"));
    assert.deepEqual(directives.get('object-src'), ["'none'"]);
    assert.deepEqual(directives.get('frame-ancestors'), ["'none'"]);
    assert.deepEqual(directives.get('base-uri'), ["'none'"]);
    assert.deepEqual(directives.get('form-action'), ["'none'"]);
    assert.deepEqual(directives.get('connect-src'), ["'self'"]);
  });
});

describe('IPC senders and navigation', () => {
  const ours = new Set([7]);
  test('only the top frame of our own window, on the app origin, may call the API', () => {
    assert.equal(isTrustedSender({ frameUrl: APP_ENTRY, isMainFrame: true, webContentsId: 7 }, ours), true);
    assert.equal(isTrustedSender({ frameUrl: APP_ENTRY, isMainFrame: false, webContentsId: 7 }, ours), false, 'a sub-frame');
    assert.equal(isTrustedSender({ frameUrl: APP_ENTRY, isMainFrame: true, webContentsId: 8 }, ours), false, 'another webContents');
    assert.equal(isTrustedSender({ frameUrl: 'https://example.com/', isMainFrame: true, webContentsId: 7 }, ours), false, 'navigated away');
    assert.equal(isTrustedSender({ frameUrl: 'file:///tmp/x.html', isMainFrame: true, webContentsId: 7 }, ours), false, 'file://');
    assert.equal(isTrustedSender({ frameUrl: undefined, isMainFrame: true, webContentsId: 7 }, ours), false, 'frame gone');
  });

  test('the window never navigates, except reloading its own entry page', () => {
    assert.equal(mayNavigate(APP_ENTRY), true);
    assert.equal(mayNavigate('broadsheet://app/'), true);
    for (const url of ['https://example.com/', 'http://127.0.0.1:8080/', 'file:///etc/passwd', 'broadsheet://app/fonts/serif', 'javascript:alert(1)', 'broadsheet://other/index.html']) {
      assert.equal(mayNavigate(url), false, url);
    }
  });

  test('window preferences: isolation, sandbox, no Node, web security on', () => {
    assert.equal(SECURE_WEB_PREFERENCES.contextIsolation, true);
    assert.equal(SECURE_WEB_PREFERENCES.sandbox, true);
    assert.equal(SECURE_WEB_PREFERENCES.nodeIntegration, false);
    assert.equal(SECURE_WEB_PREFERENCES.nodeIntegrationInSubFrames, false);
    assert.equal(SECURE_WEB_PREFERENCES.webSecurity, true);
    assert.equal(SECURE_WEB_PREFERENCES.allowRunningInsecureContent, false);
    assert.equal(SECURE_WEB_PREFERENCES.webviewTag, false);
  });

  test('menu commands from the channel are checked before the renderer acts on them', () => {
    assert.equal(isMenuCommand({ command: 'open', path: '/x/a.broadsheet' }), true);
    assert.equal(isMenuCommand({ command: 'open' }), false);
    assert.equal(isMenuCommand({ command: 'show-grid', checked: 'yes' }), false);
    assert.equal(isMenuCommand({ command: 'format-disk' }), false);
    assert.equal(isMenuCommand(null), false);
    assert.equal(isMenuCommand({ command: 'import-copy', paths: [] }), false);
    assert.equal(isMenuCommand({ command: 'import-copy', paths: ['/a.txt', 3] }), false);
    for (const c of MENU_COMMANDS) assert.equal(isMenuCommand({ command: c, path: '/a.broadsheet', output: '/a.pdf', checked: true, paths: ['/copy.txt'] }), true, c);
  });
});

describe('file association arguments', () => {
  test('the last .broadsheet argument, resolved against the working directory; options skipped', () => {
    assert.equal(issueFromArgv(['/opt/Broadsheet/broadsheet', 'week 46.broadsheet'], '/home/ed/desk'), '/home/ed/desk/week 46.broadsheet');
    assert.equal(issueFromArgv(['electron', '.', '/abs/A.BROADSHEET'], '/x'), '/abs/A.BROADSHEET');
    assert.equal(issueFromArgv(['electron', '--inspect=9229', '.', '--flag.broadsheet'], '/x'), undefined);
    assert.equal(issueFromArgv(['broadsheet.exe'], 'C:\\'), undefined);
    assert.equal(issueFromArgv(['a.broadsheet'], '/x'), undefined, 'argv[0] is the executable');
  });
});

describe('native menu (File, Edit, View, Help; each platform\'s accelerators)', () => {
  const base: MenuOptions = { platform: 'linux', locale: 'zh-CN', appName: 'Broadsheet', recent: [], showGrid: false, hasIssue: true, devTools: false, onAction: () => {} };
  const items = (m: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] => m.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? items(i.submenu) : [])]);
  const byId = (m: MenuItemConstructorOptions[], id: string) => items(m).find((i) => i.id === id);

  test('Windows and Linux: File, Edit, View, Help with mnemonics; File holds New … Quit in order', () => {
    const m = menuTemplate(base);
    assert.deepEqual(m.map((i) => i.label), ['文件(&F)', '编辑(&E)', '视图(&V)', '帮助(&H)']);
    const file = (m[0].submenu as MenuItemConstructorOptions[]).filter((i) => i.type !== 'separator').map((i) => i.id);
    assert.deepEqual(file, ['new', 'open', 'open-recent', 'save', 'save-as', 'place', 'import-copy', 'layout-unplaced', 'package', 'preflight', 'export-pdf', 'quit']);
    assert.equal(byId(m, 'import-copy')?.label, '导入稿件…');
    // Ctrl+D is Place… as in InDesign; Import Copy moved to Ctrl+Shift+D (keys.ts says the same).
    assert.equal(byId(m, 'place')?.label, '置入…');
    assert.equal(byId(m, 'place')?.accelerator, 'CmdOrCtrl+D');
    assert.equal(byId(m, 'import-copy')?.accelerator, 'CmdOrCtrl+Shift+D');
    const en = menuTemplate({ ...base, locale: 'en' });
    assert.deepEqual(en.map((i) => i.label), ['&File', '&Edit', '&View', '&Help']);
    assert.equal(byId(en, 'export-pdf')?.label, 'Export PDF…');
    assert.equal(byId(m, 'export-pdf')?.label, '导出 PDF…');
    assert.equal(byId(en, 'layout-unplaced')?.label, 'Lay Out Unplaced Stories');
  });

  test('macOS: the application menu first (About, Hide, Quit ⌘Q), a Window menu, no mnemonics, Quit not in File', () => {
    const m = menuTemplate({ ...base, platform: 'darwin' });
    assert.deepEqual(m.map((i) => i.label), ['Broadsheet', '文件', '编辑', '视图', '窗口', '帮助']);
    assert.equal(byId(m, 'quit')?.accelerator, 'Cmd+Q');
    assert.ok(!(m[1].submenu as MenuItemConstructorOptions[]).some((i) => i.id === 'quit'));
  });

  test('accelerators: CmdOrCtrl for the document commands, the platform\'s quit and redo, none used twice', () => {
    for (const platform of ['win32', 'linux', 'darwin'] as const) {
      const m = menuTemplate({ ...base, platform, devTools: true });
      assert.equal(byId(m, 'new')?.accelerator, 'CmdOrCtrl+N');
      assert.equal(byId(m, 'open')?.accelerator, 'CmdOrCtrl+O');
      assert.equal(byId(m, 'save')?.accelerator, 'CmdOrCtrl+S');
      assert.equal(byId(m, 'save-as')?.accelerator, 'CmdOrCtrl+Shift+S');
      assert.equal(byId(m, 'zoom-in')?.accelerator, 'CmdOrCtrl+=');
      assert.equal(byId(m, 'zoom-reset')?.accelerator, 'CmdOrCtrl+1');
      assert.equal(byId(m, 'fit-page')?.accelerator, 'CmdOrCtrl+0');
      assert.equal(byId(m, 'preflight')?.accelerator, 'CmdOrCtrl+Shift+F');
      const accels = items(m).map((i) => i.accelerator).filter(Boolean);
      assert.equal(new Set(accels).size, accels.length, `${platform}: duplicate accelerator in ${accels.join(' ')}`);
      const redo = byId(m, 'redo')?.accelerator;
      assert.equal(redo, platform === 'win32' ? 'Ctrl+Y' : 'CmdOrCtrl+Shift+Z');
    }
    assert.equal(byId(menuTemplate({ ...base, platform: 'win32' }), 'quit')?.accelerator, 'Alt+F4');
    assert.equal(byId(menuTemplate({ ...base, platform: 'linux' }), 'quit')?.accelerator, 'Ctrl+Q');
  });

  test('Edit: Undo/Redo go to the renderer (page edits as well as text), the clipboard uses the system roles; every label exists in both languages', () => {
    const got: MenuAction[] = [];
    const edit = menuTemplate({ ...base, onAction: (a) => got.push(a) })[1].submenu as MenuItemConstructorOptions[];
    assert.deepEqual(edit.filter((i) => i.role).map((i) => i.role), ['cut', 'copy', 'paste', 'selectAll']);
    for (const id of ['undo', 'redo']) (edit.find((i) => i.id === id)?.click as () => void)();
    assert.deepEqual(got, [{ action: 'undo' }, { action: 'redo' }]);
    const zh = menuLabels('zh-CN');
    const en = menuLabels('en');
    assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
    for (const [k, v] of Object.entries(zh)) assert.ok(v && v !== (en as Record<string, string>)[k] || /^(PDF|Broadsheet)/.test(v), `zh-CN label ${k} untranslated`);
  });

  test('menu items report their action: Open Recent lists files (missing ones disabled), Show Grid passes its state', () => {
    const got: MenuAction[] = [];
    const m = menuTemplate({ ...base, recent: [{ path: '/a/一.broadsheet', title: '云杉区报', exists: true }, { path: '/b/gone.broadsheet', exists: false }], onAction: (a) => got.push(a) });
    const recent = byId(m, 'open-recent')?.submenu as MenuItemConstructorOptions[];
    assert.equal(recent[0].enabled, true);
    assert.match(String(recent[0].label), /云杉区报 — \/a\/一\.broadsheet/);
    assert.equal(recent[1].enabled, false);
    (recent[0].click as () => void)();
    (byId(m, 'export-pdf')?.click as () => void)();
    (byId(m, 'show-grid')?.click as (item: { checked: boolean }) => void)({ checked: true });
    assert.deepEqual(got, [{ action: 'open-recent', path: '/a/一.broadsheet' }, { action: 'export-pdf' }, { action: 'show-grid', checked: true }]);
    assert.equal(byId(menuTemplate({ ...base, hasIssue: false }), 'save')?.enabled, false);
  });
});
