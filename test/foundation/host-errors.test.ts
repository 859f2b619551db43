// The host's failures in the UI's language (issue 22 item 6): the host names what it can by a
// reason with parameters (node/services/dispatch.ts hostErrorBody), a Chinese UI says those in
// Chinese (renderer/src/host-errors.ts), an English one keeps the host's own sentence; a failure
// the host cannot name stays as it was. Real files, real services, real i18next instances.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import i18next from 'i18next';
import { ApiError, HOST_ERROR_REASONS, type ApiErrorBody } from '../../core/api/index.js';
import { dispatchApiCall, hostErrorBody } from '../../node/services/dispatch.js';
import { createServices } from '../../node/services/index.js';
import { UploadRefused, Uploads } from '../../node/services/uploads.js';
import { EditRefused } from '../../node/services/tab-editors.js';
import { acquireLock, IssueLockedError, readLock } from '../../node/store/index.js';
import { HOST_ERROR_ZH, hostErrorText, setHostErrorLanguage } from '../../renderer/src/host-errors.js';
import { errorMessage } from '../../renderer/src/transport.js';

const root = join(import.meta.dirname, '..', '..');
const sample = join(root, 'assets', 'sample', 'sample.broadsheet');
const base = realpathSync(mkdtempSync(join(tmpdir(), 'bs-host-errors-')));
after(() => rmSync(base, { recursive: true, force: true }));
const desk = join(base, 'desk');
mkdirSync(desk);
copyFileSync(sample, join(desk, 'today.broadsheet'));
const api = createServices({ startupIssue: join(desk, 'today.broadsheet'), recentFile: join(base, 'recent.json'), homeFolder: desk });

async function failure(method: string, arg: unknown): Promise<ApiErrorBody> {
  const r = await dispatchApiCall(api, method, arg);
  assert.equal(r.ok, false, `${method} should fail`);
  return (r as { ok: false; error: ApiErrorBody }).error;
}
const file = (name: string, bytes: string | Buffer) => {
  const p = join(desk, name);
  writeFileSync(p, bytes);
  return p;
};

async function language(lng: 'zh-CN' | 'en') {
  const i = i18next.createInstance();
  await i.init({ lng, resources: {} });
  setHostErrorLanguage(i);
}

describe('the host names its failures', () => {
  test('damaged issue files: each says why, with the file name and, where only the host can word it, the detail', async () => {
    const cases: Array<[string, string | Buffer, string, boolean]> = [
      ['空.broadsheet', '', 'issue.empty', false],
      ['packed.broadsheet', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]), 'issue.wrong-format', false],
      ['cut.broadsheet', readFileSync(sample, 'utf8').slice(0, 900), 'issue.truncated', true],
      ['notjson.broadsheet', 'hello, this is a letter', 'issue.not-json', true],
      ['other.broadsheet', '{"format": "something-else", "version": 1}', 'issue.wrong-format', false],
      ['future.broadsheet', JSON.stringify({ ...JSON.parse(readFileSync(sample, 'utf8')), version: 99 }), 'issue.newer-version', false],
      ['bad.broadsheet', JSON.stringify({ ...JSON.parse(readFileSync(sample, 'utf8')), date: '7 December' }), 'issue.invalid', true],
    ];
    for (const [name, bytes, reason, detailed] of cases) {
      const e = await failure('openIssue', { path: file(name, bytes) });
      assert.equal(e.reason, reason, `${name}: ${e.message}`);
      assert.equal(e.params?.file, name);
      assert.equal(e.params?.detail !== undefined, detailed, name);
      assert.match(e.message, /^Cannot open /, 'the English sentence is kept');
    }
    const gone = await failure('openIssue', { path: join(desk, '没有.broadsheet') });
    assert.equal(gone.code, 'not-found');
    assert.deepEqual([gone.reason, gone.params?.file], ['issue.not-found', '没有.broadsheet']);
  });

  test('folders outside the user’s, missing, or not folders; a live lock on open and on save', async () => {
    assert.equal((await failure('listFolder', { path: base })).reason, 'folder.outside');
    assert.equal((await failure('listFolder', { path: join(desk, 'nowhere') })).reason, 'folder.not-found');
    assert.equal((await failure('listFolder', { path: join(desk, 'today.broadsheet') })).reason, 'folder.not-a-folder');
    const p = join(desk, 'today.broadsheet');
    const lock = await acquireLock(p, { heartbeatMs: 0 });
    try {
      const st = await readLock(p);
      for (const action of ['open', 'save'] as const) {
        const e = hostErrorBody(new IssueLockedError(p, { ...st, holder: '许浩然@desk-3' }, action));
        assert.equal(e.reason, action === 'save' ? 'issue.locked-save' : 'issue.locked');
        assert.deepEqual([e.params?.file, e.params?.holder], ['today.broadsheet', '许浩然@desk-3']);
      }
    } finally {
      await lock.release();
    }
  });

  test('uploads refused: too large (declared and as it arrives), one at a time', async () => {
    const uploads = new Uploads({ maxBytes: 1024 });
    const tooBig = await uploads.receiveBytes(new Uint8Array(2048), '大图.jpg').then(() => null, (e: unknown) => e);
    assert.ok(tooBig instanceof UploadRefused);
    assert.equal(tooBig.why?.reason, 'upload.too-large');
    assert.equal(tooBig.why?.params.name, '大图.jpg');
  });

  test('a failure it cannot name keeps only its message', () => {
    const e = hostErrorBody(new Error('hb-subset failed'));
    assert.deepEqual(e, { code: 'failed', message: 'hb-subset failed' });
  });
});

describe('the UI says them in its language', () => {
  test('Chinese: every reason has a sentence, each parameter filled in, none left in braces', async () => {
    await language('zh-CN');
    const params = { file: '要闻版.broadsheet', folder: '/srv/报社', holder: '', detail: 'Unexpected end of JSON at line 3', name: '现场.jpg', size: '80.0 MB', limit: '64.0 MB', waiting: '200 MB', max: '256 MB', seconds: 110, status: 502 };
    for (const reason of HOST_ERROR_REASONS) {
      const text = errorMessage(new ApiError({ code: 'failed', message: 'English sentence', reason, params }));
      assert.notEqual(text, 'English sentence', reason);
      assert.doesNotMatch(text, /\{\{|\}\}/, reason);
      assert.match(text, /[\u4e00-\u9fff]/, reason);
    }
    const locked = errorMessage(new ApiError({ code: 'failed', message: 'x', reason: 'issue.locked-save', params: { file: 'a.broadsheet', holder: '' } }));
    assert.equal(locked, HOST_ERROR_ZH['issue.locked-save'].replace('{{file}}', 'a.broadsheet').replace('{{holder}}', '其他程序'));
    const big = errorMessage(new ApiError({ code: 'refused', message: 'x', reason: 'upload.too-large', params: { name: '现场.jpg', size: '80.0 MB', limit: '64.0 MB' } }));
    assert.equal(big, '“现场.jpg”大小为 80.0 MB，超过上传上限 64.0 MB，未接收。');
  });

  test('English: the host’s own sentence; no reason, or one this UI does not know: the host’s sentence in Chinese too', async () => {
    await language('en');
    assert.equal(errorMessage(new ApiError({ code: 'failed', message: 'Cannot open "a": the file is empty (0 bytes).', reason: 'issue.empty', params: { file: 'a' } })), 'Cannot open "a": the file is empty (0 bytes).');
    await language('zh-CN');
    assert.equal(errorMessage(new ApiError({ code: 'failed', message: 'hb-subset failed' })), 'hb-subset failed');
    const unknown = new ApiError({ code: 'failed', message: 'from a newer host', reason: 'issue.eaten-by-goat' as never, params: {} });
    assert.equal(unknown.reason, undefined);
    assert.equal(errorMessage(unknown), 'from a newer host');
    assert.equal(hostErrorText(new ApiError({ code: 'bad-arguments', message: 'bad', field: 'issue.pages.0' })), null);
  });

  test('EditRefused from another tab names the file', () => {
    const e = hostErrorBody(new EditRefused('taken-over', '要闻版.broadsheet', 'another tab took over'));
    assert.deepEqual([e.code, e.reason, e.params?.file], ['refused', 'edit.taken-over', '要闻版.broadsheet']);
  });
});
