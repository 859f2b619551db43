// The renderer's two transports (renderer/src/transport.ts): HTTP to the loopback host, and
// the preload's bridge (createApiClient over IPC, whose main-side handler is dispatchApiCall).
// design.md: "The renderer picks its transport at start-up and otherwise cannot tell which
// host it runs in" — the same calls give the same values and the same errors through both.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { API_METHODS, ApiError, type BroadsheetApi } from '../../core/api/methods.js';
import type { BroadsheetBridge } from '../../core/api/shell.js';
import { serveApp, type LoopbackHost } from '../../node/host/index.js';
import { dispatchApiCall } from '../../node/services/dispatch.js';
import { createServices } from '../../node/services/index.js';
import { Uploads } from '../../node/services/uploads.js';
import { fromBridge, httpTransport, pickTransport, TOKEN_KEY } from '../../renderer/src/transport.js';

const root = join(import.meta.dirname, '..', '..');
const sample = join(root, 'assets', 'sample', 'sample.broadsheet');
let host: LoopbackHost;
let http: BroadsheetApi;
let ipc: BroadsheetBridge;
const uploads = new Uploads();

before(async () => {
  host = await serveApp(root, { issue: sample, locale: 'zh-CN' });
  http = httpTransport(new URL(`${host.origin}/`), host.token);
  const services = createServices({ startupIssue: sample, locale: 'zh-CN', uploads });
  // The preload's bridge as contextBridge hands it over: what crosses is copied (JSON is the
  // stricter stand-in), and a failed call rejects with the plain error body (electron/preload.ts).
  const clone = <T>(v: T): T => (v === undefined ? v : JSON.parse(JSON.stringify(v)));
  const preloadSide = {} as Record<string, (arg?: unknown) => Promise<unknown>>;
  for (const method of API_METHODS) {
    preloadSide[method] = async (arg?: unknown) => {
      const r = clone(await dispatchApiCall(services, method, clone(arg)));
      if (!r.ok) throw { ...r.error };
      return r.value;
    };
  }
  ipc = fromBridge({
    ...(preloadSide as unknown as BroadsheetApi),
    onMenuCommand: () => () => {},
    // As electron/main.ts: one ArrayBuffer, cloned across.
    uploadFile: async (name, data) => {
      if (!(data instanceof ArrayBuffer)) throw { code: 'bad-arguments', message: 'not an ArrayBuffer' };
      return uploads.receiveBytes(new Uint8Array(structuredClone(data)), name);
    },
  });
});
after(async () => {
  await host.close();
  await uploads.close();
});

const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    return err;
  }
  assert.fail('the call succeeded');
};

describe('the renderer cannot tell the transports apart', () => {
  test('the same calls give the same values', async () => {
    assert.deepEqual(await http.appInfo(), await ipc.appInfo());
    const [a, b] = await Promise.all([http.openStartupIssue(), ipc.openStartupIssue()]);
    assert.deepEqual(a, b);
    assert.equal(a.issue.paper, '云杉区报');
    assert.deepEqual(await http.listFonts(), await ipc.listFonts());
  });

  test('a bad argument is an ApiError naming the field, through either transport', async () => {
    for (const api of [http, ipc]) {
      const err = await failure(api.openIssue({ path: '/notes.txt' }));
      assert.ok(err instanceof ApiError);
      assert.equal(err.code, 'bad-arguments');
      assert.equal(err.field, 'path');
      assert.match(err.message, /must be a \.broadsheet file/);
    }
  });

  test('a missing file is not-found with the store\'s message, through either transport', async () => {
    for (const api of [http, ipc]) {
      const err = await failure(api.openIssue({ path: join(root, 'no-such-issue.broadsheet') }));
      assert.ok(err instanceof ApiError);
      assert.equal(err.code, 'not-found');
      assert.match(err.message, /no-such-issue\.broadsheet/);
    }
  });

  test('over HTTP, a wrong token or a host that is gone fail with a clear message, not a hang', async () => {
    const wrong = httpTransport(new URL(`${host.origin}/`), 'not-the-token');
    const err = await failure(wrong.appInfo());
    assert.ok(err instanceof ApiError);
    assert.equal(err.code, 'refused');
    const gone = httpTransport(new URL('http://127.0.0.1:9/'));
    const down = await failure(gone.appInfo());
    assert.ok(down instanceof ApiError);
    assert.match(down.message, /does not answer/);
  });
});

describe('picking the transport at start-up', () => {
  /** A window with a location, a tab's sessionStorage and history.replaceState, as the transport uses them. */
  const fakeWindow = (href: string, broadsheet?: BroadsheetBridge) => {
    const store = new Map<string, string>();
    const location = { href };
    const sessionStorage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    const history = { state: null, replaceState: (_s: unknown, _t: string, url: string) => (location.href = new URL(url, location.href).href) };
    return { location, broadsheet, sessionStorage, history } as unknown as Window;
  };

  test('the preload\'s bridge when present (Electron)', async () => {
    const bridge = { ...ipc, onMenuCommand: () => () => {} } as BroadsheetBridge;
    const t = pickTransport(fakeWindow('broadsheet://app/index.html', bridge));
    assert.equal(t.kind, 'electron');
    assert.equal((await t.api.appInfo()).name, 'Broadsheet');
  });

  test('otherwise HTTP to the page\'s own origin (the loopback host), with no menu', async () => {
    const t = pickTransport(fakeWindow(`${host.origin}/?token=${host.token}`));
    assert.equal(t.kind, 'loopback');
    assert.equal((await t.api.appInfo()).name, 'Broadsheet');
    let called = false;
    t.api.onMenuCommand(() => (called = true))();
    assert.equal(called, false);
  });

  test('the token leaves the address bar for this tab’s sessionStorage; a reload keeps working; files carry it too', async () => {
    const win = fakeWindow(`${host.origin}/?token=${host.token}#p2`);
    pickTransport(win);
    assert.equal(win.location.href, `${host.origin}/#p2`, 'no token in the address bar');
    assert.equal(win.sessionStorage.getItem(TOKEN_KEY), host.token);
    const reloaded = pickTransport(win);
    assert.equal((await reloaded.api.appInfo()).name, 'Broadsheet');
    const font = await reloaded.files.fetch(new URL('fonts/serif', reloaded.files.base));
    assert.equal(font.status, 200);
    // Another tab, opened without the token, has none.
    const other = pickTransport(fakeWindow(`${host.origin}/`));
    await assert.rejects(other.api.appInfo(), /Missing token/);
  });
});
