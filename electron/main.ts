// The Electron main process: one window showing the renderer from the app's own protocol,
// the BroadsheetApi over validated IPC, the native menu, and the issue session (title,
// recent files, close prompt). Everything that decides something lives in plain modules
// (electron/shell/*, node/services, node/store); this file only wires Electron to them.
import './shell/packaged-env.js';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, type WebContents } from 'electron';
import { basename, extname, join } from 'node:path';
import type { ApiResult, BroadsheetApi, UiLocale, UploadDto } from '../core/api/methods.js';
import { photoFileName } from '../core/api/schemas.js';
import { IPC_CHANNELS, type MenuCommand } from '../core/api/shell.js';
import { dispatchApiCall } from '../node/services/dispatch.js';
import { createServices, uiLocaleFor } from '../node/services/index.js';
import { appPaths, createResourceResolver } from '../node/services/resources.js';
import { HostIssue } from '../node/services/host-issue.js';
import { ExportJobs } from '../node/services/editing.js';
import { Uploads, UploadRefused } from '../node/services/uploads.js';
import { RecentFiles, canonicalIssuePath, discardRecovery, recoveryPathFor } from '../node/store/index.js';
import { issueFromArgv } from './shell/argv.js';
import { menuLabels, menuTemplate, type MenuAction, type MenuLabels } from './shell/menu.js';
import { answerAppRequest, APP_ENTRY, APP_SCHEME, APP_SCHEME_PRIVILEGES, isAppUrl } from './shell/protocol.js';
import { isTrustedSender, mayNavigate, SECURE_WEB_PREFERENCES } from './shell/security.js';
import { errorMessage } from '../core/error-message.js';

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);

/** Where the renderer and the sample issue are: beside the asar when packaged, the checkout otherwise (templates: node/templates.ts). */
function shellPaths() {
  if (!app.isPackaged) return appPaths(app.getAppPath());
  return {
    rendererDir: join(app.getAppPath(), 'dist', 'renderer'),
    sampleIssue: join(process.resourcesPath, 'sample', 'sample.broadsheet'),
  };
}

const paths = shellPaths();
const ourWebContents = new Set<number>();
let win: BrowserWindow | null = null;
let services: BroadsheetApi;
let recent: RecentFiles;
let uiLocale: UiLocale = 'en';
let labels: MenuLabels = menuLabels(uiLocale);
/** The issue the window shows and its session (lock, recovery); see node/services/host-issue.ts. */
let hostIssue: HostIssue;
/** File ▸ New: an issue with no file yet. */
let untitled = false;
let showGrid = false;
let showGuides = true;
let lockGuides = false;
/** The issue the renderer opens when it starts: a file from argv or the OS, else the sample. */
let startupIssue: string | undefined = issueFromArgv(process.argv, process.cwd());
/** Whether the renderer has asked for it yet (until then, a file from the OS replaces it). */
let startupTaken = false;

function send(command: MenuCommand): void {
  if (win && !win.isDestroyed()) win.webContents.send(IPC_CHANNELS.menu, command);
}

function isSample(path: string): boolean {
  return canonicalIssuePath(path) === canonicalIssuePath(paths.sampleIssue);
}

/** The path of the shown issue (null: untitled or none). */
const shownPath = (): string | null => (untitled ? null : (hostIssue?.shown?.path ?? null));

function updateTitle(): void {
  if (!win) return;
  const path = shownPath();
  const readOnly = !untitled && !!hostIssue.hold?.readOnly;
  win.setTitle(path ? `${basename(path)}${readOnly ? ` (${labels.readOnly})` : ''} — Broadsheet` : 'Broadsheet');
  if (process.platform === 'darwin') win.setRepresentedFilename(path ?? '');
}

async function refreshMenu(): Promise<void> {
  const list = await recent.list().catch(() => []);
  const template = menuTemplate({
    platform: process.platform,
    locale: uiLocale,
    appName: app.getName(),
    recent: list.map((e) => ({ path: e.path, title: e.title, exists: e.exists })),
    showGrid,
    showGuides,
    lockGuides,
    hasIssue: untitled || !!hostIssue.shown,
    devTools: !app.isPackaged,
    onAction: (a) => void onMenuAction(a),
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

/** After an open or a save: title, the OS's recent documents, the menu (Open Recent). */
function issueChanged(h: HostIssue): void {
  untitled = false;
  const path = h.shown?.path;
  if (path && !isSample(path)) app.addRecentDocument(path);
  updateTitle();
  void refreshMenu();
}

async function chooseIssueFile(): Promise<string | undefined> {
  if (!win) return undefined;
  const r = await dialog.showOpenDialog(win, { properties: ['openFile'], filters: [{ name: labels.issueFilter, extensions: ['broadsheet'] }] });
  return r.canceled ? undefined : r.filePaths[0];
}

async function chooseSavePath(ext: 'broadsheet' | 'pdf' | 'zip'): Promise<string | undefined> {
  if (!win) return undefined;
  const path = shownPath();
  const stem = path ? basename(path, extname(path)) : 'untitled';
  const r = await dialog.showSaveDialog(win, {
    defaultPath: `${stem}.${ext}`,
    filters: [{ name: ext === 'pdf' ? labels.pdfFilter : ext === 'zip' ? labels.zipFilter : labels.issueFilter, extensions: [ext] }],
    properties: ['showOverwriteConfirmation', 'createDirectory'],
  });
  if (r.canceled || !r.filePath) return undefined;
  return r.filePath.toLowerCase().endsWith(`.${ext}`) ? r.filePath : `${r.filePath}.${ext}`;
}

/** Copy files the Import Copy dialog returned: importCopy reads these paths and no others. */
const grantedCopyPaths = new Set<string>();
/** Photo bytes the window sent ahead of linkPhoto (temp files, removed when used or on quit). */
const uploads = new Uploads();

async function chooseCopyFiles(): Promise<string[] | undefined> {
  if (!win) return undefined;
  const r = await dialog.showOpenDialog(win, {
    properties: ['openFile', 'multiSelections'],
    filters: [
      { name: labels.copyFilter, extensions: ['txt', 'docx'] },
      { name: labels.allFiles, extensions: ['*'] },
    ],
  });
  if (r.canceled || !r.filePaths.length) return undefined;
  for (const p of r.filePaths) grantedCopyPaths.add(p);
  return r.filePaths.slice(0, 20);
}

async function onMenuAction(a: MenuAction): Promise<void> {
  switch (a.action) {
    case 'new':
      await hostIssue.close();
      hostIssue.shown = undefined;
      untitled = true;
      send({ command: 'new' });
      updateTitle();
      return;
    case 'open': {
      const path = await chooseIssueFile();
      if (path) send({ command: 'open', path });
      return;
    }
    case 'open-recent':
      return send({ command: 'open', path: a.path });
    case 'open-sample':
      return send({ command: 'open', path: paths.sampleIssue });
    case 'clear-recent':
      await recent.clear();
      app.clearRecentDocuments();
      return refreshMenu();
    case 'save':
    case 'save-as': {
      // An untitled issue, or the bundled sample: Save means Save As.
      const current = shownPath();
      if (a.action === 'save' && current && !isSample(current)) return send({ command: 'save' });
      const path = await chooseSavePath('broadsheet');
      if (path) send({ command: 'save-as', path });
      return;
    }
    case 'export-pdf': {
      const output = await chooseSavePath('pdf');
      if (output) send({ command: 'export-pdf', output });
      return;
    }
    case 'package': {
      const to = await chooseSavePath('zip');
      if (to) send({ command: 'package', to });
      return;
    }
    case 'import-copy': {
      const files = await chooseCopyFiles();
      if (files) send({ command: 'import-copy', paths: files });
      return;
    }
    case 'layout-unplaced':
      return send({ command: 'layout-unplaced' });
    case 'place':
      // The page's own file picker (a native one in Electron): the photos go up as uploads, like a drop.
      return send({ command: 'place' });
    case 'links':
      return send({ command: 'links' });
    case 'styles':
      return send({ command: 'styles' });
    case 'show-grid':
      showGrid = a.checked;
      return send({ command: 'show-grid', checked: a.checked });
    case 'show-guides':
      showGuides = a.checked;
      return send({ command: 'show-guides', checked: a.checked });
    case 'lock-guides':
      lockGuides = a.checked;
      return send({ command: 'lock-guides', checked: a.checked });
    case 'clear-guides':
      return send({ command: 'clear-guides' });
    case 'undo':
    case 'redo':
    case 'zoom-in':
    case 'zoom-out':
    case 'zoom-reset':
    case 'fit-page':
    case 'find':
    case 'preflight':
    case 'shortcuts':
      return send({ command: a.action });
    case 'about':
      if (!win) return;
      await dialog.showMessageBox(win, {
        title: labels.about,
        message: `Broadsheet ${app.getVersion()}`,
        detail: `Electron ${process.versions.electron} · Chromium ${process.versions.chrome} · Node ${process.versions.node}`,
      });
      return;
  }
}

/** A second launch or the OS asked to open a file: show it in the window. */
function openFromOs(path: string): void {
  if (!startupTaken) {
    // The renderer has not started yet (macOS sends open-file around launch): it opens this.
    startupIssue = path;
    return;
  }
  if (!win) {
    // macOS with no window left: a new window opens the file.
    startupTaken = false;
    startupIssue = path;
    createWindow();
    return;
  }
  if (win.isMinimized()) win.restore();
  win.focus();
  send({ command: 'open', path });
}

/** Asks about unsaved changes to the issue `name`: 0 Save, 1 Don't Save, 2 Cancel. */
function askUnsaved(window: BrowserWindow, name: string): number {
  return dialog.showMessageBoxSync(window, {
    type: 'warning',
    buttons: [labels.saveButton, labels.dontSave, labels.cancel],
    defaultId: 0,
    cancelId: 2,
    message: labels.unsaved.replace('{name}', name),
    detail: labels.unsavedDetail,
  });
}

function hardenContents(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (e, url) => {
    if (!mayNavigate(url)) e.preventDefault();
  });
  contents.on('will-redirect', (e, url) => {
    if (!mayNavigate(url)) e.preventDefault();
  });
  contents.on('will-attach-webview', (e) => e.preventDefault());
}

function createWindow(): void {
  win = new BrowserWindow({
    width: 1440,
    height: 960,
    minWidth: 800,
    minHeight: 560,
    show: false,
    title: 'Broadsheet',
    backgroundColor: '#e7e5e0',
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: join(__dirname, 'preload.cjs') },
  });
  const id = win.webContents.id;
  ourWebContents.add(id);
  win.once('ready-to-show', () => win?.show());
  // The title comes from the shown issue (file name, read-only), not the page.
  win.on('page-title-updated', (e) => e.preventDefault());
  // The renderer holds the edits: its beforeunload handler objects while the workspace has
  // unsaved changes, and Electron asks here. Don't Save lets the window go and drops the
  // autosaved edits; Save asks the renderer to save (the window stays; closing again after
  // the save goes through).
  let discardOnClose: string | null = null;
  win.webContents.on('will-prevent-unload', (e) => {
    if (!win) return;
    const path = shownPath();
    const choice = askUnsaved(win, path ? basename(path) : 'untitled');
    // preventDefault here overrides the page's beforeunload: the window unloads.
    if (choice === 1) {
      discardOnClose = path;
      e.preventDefault();
    } else if (choice === 0) void onMenuAction({ action: 'save' });
  });
  win.on('closed', () => {
    ourWebContents.delete(id);
    const discard = discardOnClose;
    void hostIssue.close().then(() => (discard ? discardRecovery(recoveryPathFor(discard)) : false));
    win = null;
  });
  void win.loadURL(APP_ENTRY);
}

async function ready(): Promise<void> {
  uiLocale = uiLocaleFor(app.getLocale());
  labels = menuLabels(uiLocale);
  const userData = app.getPath('userData');
  // The renderer's font subsets (node/font-subsets.ts) are kept with the user's data.
  process.env.BROADSHEET_CACHE_DIR ??= join(userData, 'cache');
  recent = new RecentFiles(join(userData, 'recent-issues.json'));
  hostIssue = new HostIssue({
    readOnlyPaths: [paths.sampleIssue],
    onChange: issueChanged,
    onHoldError: (path, err) => console.error(`broadsheet: ${path} stays read-only: ${errorMessage(err)}`),
  });
  const exportJobs = new ExportJobs();
  const base = createServices({
    exportJobs,
    uploads,
    startupIssue: paths.sampleIssue,
    recentFile: join(userData, 'recent-issues.json'),
    locale: uiLocale,
    version: app.getVersion(),
    onOpened: hostIssue.opened,
    onSaved: hostIssue.saved,
    onPhotoLinked: hostIssue.photoLinked,
    mayReadCopyPath: (p) => grantedCopyPaths.has(p),
    onUiLocale: (locale) => {
      uiLocale = locale;
      labels = menuLabels(locale);
      updateTitle();
      void refreshMenu();
    },
  });
  services = hostIssue.wrap(base, () => {
    startupTaken = true;
    return startupIssue;
  });
  const resolve = createResourceResolver({ rendererDir: paths.rendererDir, lastIssue: () => hostIssue.shown, exportFile: (job, i) => exportJobs.file(job, i) });
  protocol.handle(APP_SCHEME, async (request) => {
    const r = await answerAppRequest(resolve, request.url, request.method);
    return new Response(typeof r.body === 'string' ? r.body : new Uint8Array(r.body), { status: r.status, headers: r.headers });
  });

  // No remote content: the app's origin is the only one a window may load from.
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onBeforeRequest({ urls: ['<all_urls>'] }, (details, callback) => callback({ cancel: !isAppUrl(details.url) && !details.url.startsWith('devtools://') }));

  ipcMain.handle(IPC_CHANNELS.api, async (event, method: unknown, arg: unknown): Promise<ApiResult> => {
    const frame = event.senderFrame;
    if (!isTrustedSender({ frameUrl: frame?.url, isMainFrame: !!frame && frame.parent === null, webContentsId: event.sender.id }, ourWebContents)) {
      return { ok: false, error: { code: 'refused', message: 'API call from a frame that is not the Broadsheet window' } };
    }
    if (typeof method !== 'string') return { ok: false, error: { code: 'unknown-method', message: 'The API method must be a string' } };
    return dispatchApiCall(services, method, arg);
  });
  // A photo's bytes ahead of linkPhoto: one ArrayBuffer (structured clone), written to a temp file.
  ipcMain.handle(IPC_CHANNELS.upload, async (event, name: unknown, data: unknown): Promise<ApiResult<UploadDto>> => {
    const frame = event.senderFrame;
    if (!isTrustedSender({ frameUrl: frame?.url, isMainFrame: !!frame && frame.parent === null, webContentsId: event.sender.id }, ourWebContents)) {
      return { ok: false, error: { code: 'refused', message: 'Upload from a frame that is not the Broadsheet window' } };
    }
    const checked = photoFileName().safeParse(name);
    if (!checked.success) return { ok: false, error: { code: 'bad-arguments', field: 'name', message: `upload: bad file name: ${checked.error.issues[0].message}` } };
    if (!(data instanceof ArrayBuffer) && !ArrayBuffer.isView(data)) return { ok: false, error: { code: 'bad-arguments', field: 'data', message: 'upload: the file must come as an ArrayBuffer' } };
    try {
      const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      return { ok: true, value: await uploads.receiveBytes(bytes, checked.data) };
    } catch (err) {
      return { ok: false, error: { code: err instanceof UploadRefused ? 'refused' : 'failed', message: errorMessage(err), ...(err instanceof UploadRefused ? err.why : undefined) } };
    }
  });

  // The page asks for Save As (a photo placed into an untitled issue): the same dialog and command as File ▸ Save As….
  ipcMain.handle(IPC_CHANNELS.saveAs, async (event): Promise<boolean> => {
    const frame = event.senderFrame;
    if (!isTrustedSender({ frameUrl: frame?.url, isMainFrame: !!frame && frame.parent === null, webContentsId: event.sender.id }, ourWebContents)) return false;
    const path = await chooseSavePath('broadsheet');
    if (path) send({ command: 'save-as', path });
    return !!path;
  });

  await refreshMenu();
  createWindow();
}

if (!app.requestSingleInstanceLock()) {
  // Another Broadsheet is running: it receives our argv through 'second-instance'.
  app.quit();
} else {
  app.on('second-instance', (_e, argv, cwd) => {
    const path = issueFromArgv(argv, cwd);
    if (path) openFromOs(path);
    else if (win) win.focus();
  });
  app.on('open-file', (e, path) => {
    e.preventDefault();
    openFromOs(path);
  });
  app.on('web-contents-created', (_e, contents) => hardenContents(contents));
  // The issue's lock and pending autosave are released before the process ends.
  app.on('will-quit', (e) => {
    void uploads.close();
    if (!hostIssue?.hold) return;
    e.preventDefault();
    void hostIssue.close().finally(() => app.quit());
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (!win && app.isReady()) createWindow();
  });
  app.whenReady().then(ready, (err) => {
    dialog.showErrorBox('Broadsheet', errorMessage(err));
    app.exit(1);
  });
}
