// Browser entry of the workspace's end-to-end harness: the Workspace on the issue the
// loopback host opened, over the real API (HTTP, token cookie), the fonts the host serves
// and the templates it lists — what the app shell does, without the shell. Exposes
// window.bsw for the tests.
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { createApiClient, type ApiMethod, type ApiResult } from '../../core/api/methods.js';
import { createFontFace } from '../../core/fonts/fontkit-face.js';
import type { FontFace, FontSource } from '../../core/fonts/types.js';
import { builtinTemplates, parseTemplate, type Template } from '../../core/templates/index.js';
import { Workspace } from '../../renderer/workspace/index.js';
import type { IssueSession } from '../../renderer/workspace/model/session.js';

const params = new URLSearchParams(location.search);

const api = createApiClient(async (method: ApiMethod, arg: unknown) => {
  const res = await fetch(`/api/${method}`, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify(arg ?? {}) });
  return (await res.json()) as ApiResult;
});

async function start() {
  const t0 = performance.now();
  await i18next.use(initReactI18next).init({ lng: params.get('lng') ?? 'zh-CN', fallbackLng: 'zh-CN', resources: {}, interpolation: { escapeValue: false } });
  const [opened, faces, templateFiles] = await Promise.all([api.openStartupIssue(), api.listFonts(), api.listTemplates()]);
  const byId = new Map<string, Template>();
  const builtins = builtinTemplates();
  for (const id of builtins.ids()) byId.set(id, builtins.get(id)!);
  for (const { id, data } of templateFiles) byId.set(id, parseTemplate(data, `templates/${id}.json`));
  const templates = { get: (id: string) => byId.get(id), ids: () => [...byId.keys()] };
  const parsed = new Map<string, FontFace>();
  const css: Record<string, { family: string; weight: number }> = {};
  await Promise.all(
    faces.map(async (f) => {
      const bytes = await (await fetch(f.url)).arrayBuffer();
      parsed.set(f.key, createFontFace(f.key, new Uint8Array(bytes)));
      document.fonts.add(await new FontFace(f.family, bytes, { weight: String(f.weight) }).load());
      css[f.key] = { family: f.family, weight: f.weight };
    }),
  );
  const fallback = new Map(faces.map((f) => [f.key, f.fallback]));
  const source: FontSource = { face: (k) => parsed.get(k)!, fallback: (k) => fallback.get(k) };
  const w = window as unknown as { bsw: Record<string, unknown> };
  w.bsw = { opened, loadMs: performance.now() - t0 };
  const onSession = (s: IssueSession) => (w.bsw.session = s);
  createRoot(document.getElementById('root')!).render(createElement(Workspace, { api, opened, fonts: { source, css }, templates, onSession }));
  const painted = () => {
    if (document.querySelector('.bs-ws-page svg text')) {
      w.bsw.firstPaintMs = performance.now();
      document.body.dataset.ready = '1';
    } else requestAnimationFrame(painted);
  };
  requestAnimationFrame(painted);
}
start().catch((err) => {
  document.body.dataset.error = String(err?.stack ?? err);
  document.body.dataset.ready = 'error';
});
