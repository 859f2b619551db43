import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { validateApiArgs } from '../../core/api/index.js';
import { issue as issueSchema, type Issue } from '../../core/model/issue.js';
import { ExportJobs, linkUploadedPhoto, preflightEdited } from '../../node/services/editing.js';
import { Uploads } from '../../node/services/uploads.js';

// The services the page editor adds to BroadsheetApi: preflight and export of the
// issue as edited (not as saved), and linking a photo dropped on the page.

const root = join(import.meta.dirname, '..', '..');

function sampleCopy() {
  const dir = mkdtempSync(join(tmpdir(), 'bs-ws-svc-'));
  cpSync(join(root, 'assets', 'sample'), dir, { recursive: true });
  const issuePath = join(dir, 'sample.broadsheet');
  const issue = issueSchema.parse(JSON.parse(readFileSync(issuePath, 'utf8'))) as Issue;
  return { dir, issuePath, issue };
}

/** The sample with the 报眼 story given far more text than its frame holds. */
function overset(issue: Issue): Issue {
  const stories = issue.stories.map((s) =>
    s.id === 's-ear' ? { ...s, doc: { ...s.doc, content: [...((s.doc as unknown as { content: unknown[] }).content), { type: 'paragraph', content: [{ type: 'text', text: '社区食堂'.repeat(200) }] }] } } : s,
  );
  return { ...issue, stories } as Issue;
}

test('preflight of the edited issue finds the overset the editor just typed (the file on disk fits)', async () => {
  const { dir, issuePath, issue } = sampleCopy();
  try {
    const clean = await preflightEdited({ issuePath, issue });
    assert.deepEqual(clean.errors, []);
    const r = await preflightEdited({ issuePath, issue: overset(issue) });
    assert.ok(r.errors.some((f) => f.code === 'overset' && f.storyId === 's-ear'), JSON.stringify(r.errors));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an export job of the edited issue is polled to its end, writes the PDF and removes its copy of the issue; preflight errors stop it', async () => {
  const { dir, issuePath, issue } = sampleCopy();
  try {
    const jobs = new ExportJobs();
    const output = join(dir, 'out.pdf');
    const { jobId } = await jobs.start({ issuePath, issue, output });
    let s = jobs.status(jobId);
    for (let i = 0; i < 600 && s.phase !== 'done' && s.phase !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      s = jobs.status(jobId);
    }
    assert.equal(s.phase, 'done', s.error);
    assert.equal(s.result?.ok, true);
    assert.equal(s.result?.pages, 2);
    assert.ok(existsSync(output));
    assert.ok(!readdirSync(dir).some((f) => f.includes('.export-')), 'the hidden copy is gone');
    // Preflight errors stop it unless asked to go on.
    const refused = await jobs.start({ issuePath, issue: overset(issue), output: join(dir, 'refused.pdf') });
    let r = jobs.status(refused.jobId);
    for (let i = 0; i < 600 && r.phase !== 'done' && r.phase !== 'failed'; i++) {
      await new Promise((res) => setTimeout(res, 100));
      r = jobs.status(refused.jobId);
    }
    assert.equal(r.result?.ok, false);
    assert.ok(r.result?.report.errors.some((f) => f.code === 'overset'));
    assert.ok(!existsSync(join(dir, 'refused.pdf')));
    assert.throws(() => jobs.status('nope'), /No export job/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a dropped photo is copied into photos/ beside the issue, measured and hashed', async () => {
  const { dir, issuePath } = sampleCopy();
  try {
    const bytes = await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 10, g: 20, b: 30 } } }).jpeg().toBuffer();
    const uploads = new Uploads();
    const { upload } = await uploads.receiveBytes(bytes, '现场 照片.jpg');
    const asset = await linkUploadedPhoto({ issuePath, id: 'a-new', name: '现场 照片.jpg', upload }, uploads);
    await assert.rejects(linkUploadedPhoto({ issuePath, id: 'a-2', name: '现场 照片.jpg', upload }, uploads), /No upload '[0-9a-f]{32}': it was never received, already used, or expired/);
    await uploads.close();
    assert.equal(asset.id, 'a-new');
    assert.match(asset.path, /^photos\//);
    assert.equal(asset.widthPx, 640);
    assert.equal(asset.heightPx, 480);
    assert.match(asset.hash ?? '', /^[0-9a-f]{64}$/);
    assert.deepEqual(readFileSync(join(dir, asset.path)), bytes);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('API arguments: a photo name must be a file name of a photo type; export status ids are plain', () => {
  const ok = validateApiArgs('linkPhoto', { issuePath: '/x/a.broadsheet', id: 'a1', name: 'p.jpg', upload: '0123456789abcdef0123456789abcdef' });
  assert.equal(ok.ok, true);
  const traversal = validateApiArgs('linkPhoto', { issuePath: '/x/a.broadsheet', id: 'a1', name: '../../etc/p.jpg', upload: '0123456789abcdef0123456789abcdef' });
  assert.equal(!traversal.ok && traversal.error.field, 'name');
  const notPhoto = validateApiArgs('linkPhoto', { issuePath: '/x/a.broadsheet', id: 'a1', name: 'x.exe', upload: '0123456789abcdef0123456789abcdef' });
  assert.equal(!notPhoto.ok && notPhoto.error.field, 'name');
  const badJob = validateApiArgs('exportStatus', { jobId: '../x' });
  assert.equal(!badJob.ok && badJob.error.field, 'jobId');
});
