import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openIssueFile, saveIssueFile, serializeIssue, IssueFileError, type AtomicFs } from '../../node/store/index.js';
import { ISSUE_FORMAT_VERSION } from '../../core/model/issue.js';
import { generateIssue } from './generate-issue.js';

const noTemplates = { knownTemplateIds: null } as const;
const dir = () => mkdtempSync(join(tmpdir(), 'bs-safety-'));

/** An fs whose writes fail with ENOSPC once `budget` bytes have been written, as a full disk does. */
function diskFullAfter(budget: number): AtomicFs {
  let written = 0;
  return {
    ...fsp,
    open: (async (...args: Parameters<typeof fsp.open>) => {
      const h = await fsp.open(...args);
      const write = h.write.bind(h) as (b: Uint8Array, o: number, l: number) => Promise<{ bytesWritten: number }>;
      (h as unknown as { write: unknown }).write = async (b: Uint8Array, o: number, l: number) => {
        const room = budget - written;
        if (room <= 0) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28 });
        const r = await write(b, o, Math.min(l, room));
        written += r.bytesWritten;
        return r;
      };
      return h;
    }) as typeof fsp.open,
  } as AtomicFs;
}

test('disk full during a save: IssueFileError "disk is full", the previous save intact, no temp file left', async () => {
  const d = dir();
  const p = join(d, 'issue.broadsheet');
  const v1 = generateIssue({ pages: 2, chars: 8000, seed: 1 });
  await saveIssueFile(p, v1);
  const before = readFileSync(p);
  const v2 = generateIssue({ pages: 8, chars: 60_000, seed: 2 });
  for (const budget of [0, 1, 4096, 100_000]) {
    await assert.rejects(
      saveIssueFile(p, v2, { fs: diskFullAfter(budget) }),
      (err: unknown) => err instanceof IssueFileError && err.code === 'disk-full' && /disk is full/.test(err.problem) && err.problem.includes(p),
    );
    assert.deepEqual(readFileSync(p), before, `budget ${budget}: file unchanged`);
    assert.deepEqual(readdirSync(d), ['issue.broadsheet'], `budget ${budget}: no temporary file or backup left`);
  }
  assert.deepEqual((await openIssueFile(p, noTemplates)).issue, v1);
});

test('a newer format version is refused with the version needed, and the file is untouched', async () => {
  const d = dir();
  const p = join(d, 'future.broadsheet');
  const text = serializeIssue(generateIssue({ pages: 1, chars: 300 })).replace(`"version": ${ISSUE_FORMAT_VERSION}`, `"version": ${ISSUE_FORMAT_VERSION + 2}`);
  writeFileSync(p, text);
  const mtime = statSync(p).mtimeMs;
  await assert.rejects(openIssueFile(p, { ...noTemplates, lock: true }), (err: unknown) => {
    assert.ok(err instanceof IssueFileError);
    assert.equal(err.code, 'newer-version');
    assert.match(err.problem, new RegExp(`version ${ISSUE_FORMAT_VERSION + 2}`));
    assert.match(err.problem, new RegExp(`up to ${ISSUE_FORMAT_VERSION}`));
    return true;
  });
  assert.equal(readFileSync(p, 'utf8'), text);
  assert.equal(statSync(p).mtimeMs, mtime);
  assert.deepEqual(readdirSync(d), ['future.broadsheet'], 'no lock, recovery or backup created');
});

test('a version-0 legacy file (flat frames, old field names) is upgraded in memory; the file is not rewritten', async () => {
  const d = dir();
  const p = join(d, 'legacy.broadsheet');
  const legacy = {
    format: 'broadsheet',
    formatVersion: 0,
    title: '滨海日报',
    number: '第12期',
    date: '2019/3/5',
    pages: [
      { no: 1, name: '要闻', template: 'broadsheet-8col' },
      { no: 2, name: '综合', template: 'broadsheet-8col', editor: '王五' },
    ],
    frames: [
      { id: 'f1', page: 1, kind: 'text', col: 0, cols: 4, row: 0, rows: 30, story: 's1', next: 'f3' },
      { id: 'f2', page: 1, kind: 'image', col: 4, cols: 4, row: 0, rows: 20, image: 'img1' },
      { id: 'f3', page: 2, kind: 'text', col: 0, cols: 8, row: 0, rows: 40, story: 's1' },
      { id: 'f4', page: 2, kind: 'rule', col: 0, cols: 8, row: 41, rows: 1 },
    ],
    stories: [{ id: 's1', name: '头条', content: { type: 'doc', content: [{ type: 'headline', content: [{ type: 'text', text: '春耕备耕正当时' }] }, { type: 'paragraph', content: [{ type: 'text', text: '本报讯 连日来，各地抓住有利天气。' }] }] } }],
    images: [{ id: 'img1', file: 'photos/chungeng.jpg', sha256: 'ab'.repeat(32), width: 3000, height: 2000 }],
  };
  const text = JSON.stringify(legacy);
  writeFileSync(p, text);
  const opened = await openIssueFile(p, { knownTemplateIds: ['broadsheet-8col'] });
  assert.equal(opened.migratedFrom, 0);
  assert.ok(opened.warnings.some((w) => /format version 0 to 1/.test(w)));
  const issue = opened.issue;
  assert.equal(issue.version, ISSUE_FORMAT_VERSION);
  assert.equal(issue.paper, '滨海日报');
  assert.equal(issue.date, '2019-03-05');
  assert.deepEqual(issue.pages.map((pg) => [pg.number, pg.section, pg.templateId, pg.frames.map((f) => f.id)]), [
    [1, '要闻', 'broadsheet-8col', ['f1', 'f2']],
    [2, '综合', 'broadsheet-8col', ['f3', 'f4']],
  ]);
  assert.deepEqual(issue.pages[0].frames[0], { id: 'f1', type: 'story', storyId: 's1', next: 'f3', rect: { column: 0, span: 4, line: 0, lines: 30 } });
  assert.deepEqual(issue.assets[0], { id: 'img1', path: 'photos/chungeng.jpg', hash: 'ab'.repeat(32), widthPx: 3000, heightPx: 2000 });
  assert.equal(readFileSync(p, 'utf8'), text, 'opening never rewrites the file');
  // Saving writes the current version, which opens without migration.
  await saveIssueFile(p, issue);
  const again = await openIssueFile(p, noTemplates);
  assert.equal(again.migratedFrom, undefined);
  assert.deepEqual(again.issue, issue);
});

test('bad content is named: unknown template, story off the schema, photo path outside the folder, dangling story', async () => {
  const d = dir();
  const base = generateIssue({ pages: 3, chars: 3000 });
  const cases: Array<[string, (i: any) => void, RegExp, RegExp]> = [
    ['template', (i) => (i.pages[1].templateId = 'tabloid-99'), /unknown template "tabloid-99"/, /pages\[1\]\.templateId/],
    ['schema', (i) => i.stories[4].doc.content.push({ type: 'table', content: [] }), /story "s5": the story text does not fit the story schema/, /stories\[4\]\.doc/],
    ['schema-order', (i) => i.stories[2].doc.content.push({ type: 'headline', content: [] }), /does not fit the story schema/, /stories\[2\]\.doc/],
    ['outside', (i) => (i.assets[0].path = '../../secret/photo.jpg'), /points outside the issue's folder/, /assets\[0\]\.path/],
    ['absolute', (i) => (i.assets[1].path = 'C:\\photos\\a.jpg'), /is absolute/, /assets\[1\]\.path/],
    ['dangling', (i) => (i.pages[0].frames[0].storyId = 'nope'), /story "nope", which is not in the issue/, /pages\[0\]\.frames\[0\]\.storyId/],
  ];
  for (const [name, mutate, what, where] of cases) {
    const raw = structuredClone(base);
    mutate(raw);
    const p = join(d, `${name}.broadsheet`);
    writeFileSync(p, JSON.stringify(raw));
    await assert.rejects(openIssueFile(p, { knownTemplateIds: ['broadsheet-8col'] }), (err: unknown) => {
      assert.ok(err instanceof IssueFileError, name);
      assert.equal(err.code, 'invalid', name);
      assert.ok(err.problem.includes(p), name);
      assert.match(err.problem, what, name);
      assert.match(err.problem, where, name);
      assert.ok(err.recoverable && err.recoverable.kept.pages + err.recoverable.kept.stories > 0, `${name}: valid parts offered`);
      return true;
    });
  }
});

test('a story that does not fit the schema is dropped from the recoverable parts, the other stories are kept', async () => {
  const d = dir();
  const raw: any = generateIssue({ pages: 2, chars: 2000 });
  raw.stories[3].doc = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'image' }] }] };
  const p = join(d, 'one-bad-story.broadsheet');
  writeFileSync(p, JSON.stringify(raw));
  const err = await openIssueFile(p, noTemplates).then(() => assert.fail('should fail'), (e: IssueFileError) => e);
  const rec = err.recoverable!;
  assert.equal(rec.kept.stories, raw.stories.length - 1);
  assert.ok(!rec.issue.stories.some((s) => s.id === 's4'));
  assert.ok(!rec.issue.pages.some((pg) => pg.frames.some((f) => f.type === 'story' && f.storyId === 's4')), 'its frame goes with it');
  assert.ok(rec.dropped.some((l) => /story "s4"/.test(l)));
});

test('fields this version does not know are named in a warning (they would be lost on save)', async () => {
  const d = dir();
  const p = join(d, 'extra.broadsheet');
  const raw: any = generateIssue({ pages: 1, chars: 300 });
  raw.layoutNotes = '明天改版';
  raw.pages[0].frames[0].wrap = 'around';
  writeFileSync(p, JSON.stringify(raw));
  const opened = await openIssueFile(p, noTemplates);
  assert.ok(opened.warnings.some((w) => /will not be kept when saving: layoutNotes, pages\[0\]\.frames\[0\]\.wrap/.test(w)), opened.warnings.join('\n'));
});

test('template ids are checked against the template registry (core/templates) by default', async () => {
  const d = dir();
  const ok = join(d, 'ok.broadsheet');
  await saveIssueFile(ok, generateIssue({ pages: 1, chars: 300, templateId: 'tabloid-6col' }));
  assert.equal((await openIssueFile(ok)).issue.pages[0].templateId, 'tabloid-6col');
  const bad = join(d, 'bad.broadsheet');
  await saveIssueFile(bad, generateIssue({ pages: 1, chars: 300, templateId: 'berliner-5col' }));
  await assert.rejects(openIssueFile(bad), (err: unknown) => err instanceof IssueFileError && /unknown template "berliner-5col" \(known: .*broadsheet-8col/.test(err.problem));
});
