// Preflight findings in the user's language (renderer/workspace/finding-text.ts): every code has
// words in both languages, and real findings — from preflight over the sample made faulty — read
// in Chinese with every value filled in.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import i18next from 'i18next';
import { issue as issueSchema, type Issue } from '../../core/model/issue.js';
import { FINDING_CODES } from '../../node/export/preflight.js';
import { preflightEdited } from '../../node/services/editing.js';
import { findingText } from '../../renderer/workspace/finding-text.js';
import { NS, workspaceResources } from '../../renderer/workspace/i18n.js';
import { readFileSync } from 'node:fs';

const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'bs-findings-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function translator(lng: 'zh-CN' | 'en') {
  const i18n = i18next.createInstance();
  await i18n.init({ lng, resources: { [lng]: { [NS]: workspaceResources[lng] } }, defaultNS: NS, interpolation: { escapeValue: false } });
  return { t: i18n.t.bind(i18n), exists: (k: string) => i18n.exists(k, { ns: NS }) };
}

test('every finding code has words in Chinese and English', () => {
  for (const lng of ['zh-CN', 'en'] as const) {
    const words = (workspaceResources[lng] as unknown as { finding: Record<string, unknown> }).finding;
    for (const code of FINDING_CODES) assert.equal(typeof words[code], 'string', `${lng} finding.${code}`);
  }
});

test('findings of a faulty issue read in Chinese, every value filled in; no values → the host’s words', async () => {
  cpSync(join(root, 'assets', 'sample'), dir, { recursive: true });
  const issuePath = join(dir, 'sample.broadsheet');
  const issue = issueSchema.parse(JSON.parse(readFileSync(issuePath, 'utf8'))) as Issue;
  // A photo gone from the folder, and a story typed long.
  const photo = issue.assets[0];
  writeFileSync(join(dir, photo.path), 'not a jpeg any more');
  const ear = issue.stories.find((s) => s.id === 's-ear')!;
  const long = { ...ear, doc: { type: 'doc' as const, content: [...(ear.doc as unknown as { content: unknown[] }).content, ...Array.from({ length: 8 }, () => ({ type: 'paragraph', content: [{ type: 'text', text: '社区食堂开餐了，居民在家门口吃上热乎饭。'.repeat(3) }] }))] } };
  const faulty = { ...issue, stories: issue.stories.map((s) => (s.id === 's-ear' ? long : s)) } as Issue;
  const report = await preflightEdited({ issuePath, issue: faulty, pdfx: true });
  const all = [...report.errors, ...report.warnings];
  const codes = new Set(all.map((f) => f.code));
  for (const c of ['overset', 'image-unreadable', 'image-rgb']) assert.ok(codes.has(c), `${c} in ${[...codes].join(', ')}`);
  const zh = await translator('zh-CN');
  for (const f of all) {
    const text = findingText(zh.t, zh.exists, f);
    assert.ok(f.params, `${f.code} carries its values`);
    assert.doesNotMatch(text, /\{\{|undefined/, `${f.code}: ${text}`);
    assert.match(text, /[\u4e00-\u9fff]/, `${f.code} in Chinese: ${text}`);
  }
  const overset = all.find((f) => f.code === 'overset')!;
  assert.equal(findingText(zh.t, zh.exists, overset), `溢出：${overset.params!.chars} 字排不下`);
  const en = await translator('en');
  assert.equal(findingText(en.t, en.exists, overset), overset.message);
  assert.equal(findingText(zh.t, zh.exists, { code: 'overset', message: 'as the host said' }), 'as the host said');
});
