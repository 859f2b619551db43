// Browser entry of the workspace's end-to-end harness: the Workspace on the issue the
// loopback host opened, over the real API (HTTP, the launch token in a header), the fonts the host serves
// and the templates it lists — what the app shell does, without the shell. Exposes
// window.bsw for the tests.
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { createFontFace } from '../../core/fonts/fontkit-face.js';
import type { FontFace, FontSource } from '../../core/fonts/types.js';
import { templateRegistry } from '../../core/templates/index.js';
import { Workspace } from '../../renderer/workspace/index.js';
import { fontKeysFor } from '../../renderer/src/fonts.js';
import type { IssueSession } from '../../renderer/workspace/model/session.js';
import { lineTableFromStoryLayout, type StoryEditor } from '../../renderer/editor/index.js';
import { lineGlyphs } from '../../renderer/editor/line-table.js';
import { charRectAt } from './char-rect.js';
import { httpTransport, takeToken } from '../../renderer/src/transport.js';
import { useAssetUrls } from '../../renderer/src/asset-urls.js';

const params = new URLSearchParams(location.search);
// As the app does (renderer/src/transport.ts): the launch token from the URL, sent as a header.
const token = takeToken(window);
const headers: Record<string, string> = token ? { 'x-broadsheet-token': token } : {};
const files = { base: new URL('./', location.href), fetch: (url: URL) => fetch(url, { headers }) };

// The app's own HTTP transport: the API and uploads (a dropped photo's bytes) with the token.
const api = httpTransport(new URL('./', location.href), token);

/** The workspace with the app's photo URLs (fetched with the token, shown from blob URLs). */
function Harness(props: Omit<Parameters<typeof Workspace>[0], 'assetUrl'>) {
  return createElement(Workspace, { ...props, assetUrl: useAssetUrls(files, true) });
}

async function start() {
  const t0 = performance.now();
  await i18next.use(initReactI18next).init({ lng: params.get('lng') ?? 'zh-CN', fallbackLng: 'zh-CN', resources: {}, interpolation: { escapeValue: false } });
  const [opened, faces, templateFiles] = await Promise.all([api.openStartupIssue(), api.listFonts(), api.listTemplates()]);
  // As the app does (renderer/src/document.ts): the host's folder over the built-ins.
  const templates = templateRegistry(templateFiles);
  const parsed = new Map<string, FontFace>();
  const css: Record<string, { family: string; weight: number }> = {};
  // As the app does: the faces the issue's templates use, with their fallbacks.
  const keys = fontKeysFor(templates, opened.issue.pages.map((p) => p.templateId), faces);
  await Promise.all(
    faces.filter((f) => keys.includes(f.key)).map(async (f) => {
      const bytes = await (await files.fetch(new URL(f.url, files.base))).arrayBuffer();
      parsed.set(f.key, createFontFace(f.key, new Uint8Array(bytes)));
      document.fonts.add(await new FontFace(f.family, bytes, { weight: String(f.weight) }).load());
      css[f.key] = { family: f.family, weight: f.weight };
    }),
  );
  const fallback = new Map(faces.map((f) => [f.key, f.fallback]));
  const source: FontSource = { face: (k) => parsed.get(k)!, fallback: (k) => fallback.get(k) };
  const w = window as unknown as { bsw: Record<string, unknown> };
  w.bsw = { opened, loadMs: performance.now() - t0, bench: keystrokeProbe() };
  const onSession = (s: IssueSession) => (w.bsw.session = s);
  const onEditor = (e: StoryEditor | null) => (w.bsw.editor = e);
  Object.assign(w.bsw, { glyphs: editedGlyphs, charRect, text: () => (w.bsw.editor as StoryEditor | null)?.view.state.doc.textBetween(0, (w.bsw.editor as StoryEditor).view.state.doc.content.size, '\n') });
  createRoot(document.getElementById('root')!).render(createElement(Harness, { api, opened, fonts: { source, css }, templates, onSession, onEditor }));
  const painted = () => {
    if (document.querySelector('.bs-ws-page svg text')) {
      w.bsw.firstPaintMs = performance.now();
      document.body.dataset.ready = '1';
    } else requestAnimationFrame(painted);
  };
  requestAnimationFrame(painted);
}
/**
 * Keystroke timing (bench/cases/workspace.bench.ts): from the editor's beforeinput to (a) the
 * end of the task, after the story was recomposed, React committed the pages and the editor
 * placed its lines, with style and layout forced; (b) the end of the next frame.
 */
function keystrokeProbe() {
  const bench = { laidOut: [] as number[], frame: [] as number[] };
  document.addEventListener(
    'beforeinput',
    (e) => {
      if (!(e.target as HTMLElement).closest?.('.ProseMirror')) return;
      const start = performance.now();
      performance.mark('bs-ws:keystroke');
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        void document.querySelector('.bs-ws-stack')?.getBoundingClientRect();
        void (document.querySelector('.bs-ws-page') as HTMLElement | null)?.offsetHeight;
        bench.laidOut.push(performance.now() - start);
        performance.measure('bs-ws:keystroke→page laid out', { start });
        requestAnimationFrame(() => {
          const c2 = new MessageChannel();
          c2.port1.onmessage = () => bench.frame.push(performance.now() - start);
          c2.port2.postMessage(0);
        });
      };
      // After the input's own handling and the microtasks (ProseMirror's DOM read, React's commit).
      setTimeout(() => ch.port2.postMessage(0), 0);
    },
    true,
  );
  return bench;
}

/** Every glyph of the story being edited: where the composer put it (CSS px, viewport) and where the editable text is. */
function editedGlyphs() {
  const w = window as unknown as { bsw: { session: IssueSession; editor: StoryEditor | null } };
  const editor = w.bsw.editor;
  if (!editor) return [];
  const id = editor.view.dom.getAttribute('data-story')!;
  const layout = w.bsw.session.composed.stories[id];
  const scale = Number(getComputedStyle(document.documentElement).getPropertyValue('--bs-scale')) || 0;
  const table = lineTableFromStoryLayout(layout);
  return table.lines.flatMap((line, li) => {
    const pageEl = document.querySelector(`.bs-ws-page[data-page-index="${line.pageIndex}"]`)!.getBoundingClientRect();
    const svg = document.querySelector(`.bs-ws-page[data-page-index="${line.pageIndex}"] svg`)!;
    const s = scale || pageEl.width / Number(svg.getAttribute('viewBox')!.split(' ')[2]);
    return line.runs.flatMap((run) =>
      lineGlyphs({ ...line, runs: [run] }).map((g) => {
        const r = charRect(g.pos);
        return { li, pos: g.pos, char: g.char, font: run.font, size: run.size * s, x: pageEl.left + g.x * s, baseline: pageEl.top + line.baseline * s, left: r ? r.left : NaN, top: r ? r.top : NaN };
      }),
    );
  });
}

/** The client rect of the character at a document position in the mounted editor. */
function charRect(pos: number) {
  const editor = (window as unknown as { bsw: { editor: StoryEditor | null } }).bsw.editor;
  if (!editor) return null;
  return charRectAt(editor.view, pos);
}

start().catch((err) => {
  document.body.dataset.error = String(err?.stack ?? err);
  document.body.dataset.ready = 'error';
});
