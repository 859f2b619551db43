import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ComposedIssue } from '../../core/compose/types.js';
import { blockText, pageStatus, storyChars, storyRows } from '../../renderer/workspace/model/summary.js';
import { threadedIssue, storyOfParagraphs } from '../fixtures/build.js';

// What the stories and pages panels say: length in characters (字数, spaces not
// counted) and lines, fit as fits / short by N lines / overset by N characters, page marks.

test('字数 counts every character but spaces, headline included', () => {
  assert.equal(storyChars(storyOfParagraphs('x', '头条 标题', '正文，共 9 字。', 'Latin words').doc), 4 + 7 + 10);
  assert.equal(blockText(storyOfParagraphs('x', '头条', '正文').doc, 'headline'), '头条');
});

test('rows: placed stories carry the composer’s lines and fit; unplaced ones are marked so, with a measured length if given', () => {
  const issue = threadedIssue();
  const composed: ComposedIssue = {
    pages: [],
    diagnostics: [],
    stories: {
      a: { storyId: 'a', lines: [], overset: { lines: 3, chars: 40 }, fit: { state: 'overset', lines: 3, chars: 40 } },
      b: { storyId: 'b', lines: [], overset: { lines: 0, chars: 0 }, fit: { state: 'short', lines: 5, chars: 60 } },
    },
  };
  const rows = storyRows(issue, composed, (id) => (id === 'd' ? 42 : undefined));
  const by = Object.fromEntries(rows.map((r) => [r.id, r]));
  assert.deepEqual(by.a.fit, { state: 'overset', lines: 3, chars: 40 });
  assert.equal(by.b.fit?.state, 'short');
  assert.equal(by.d.placed, false);
  assert.equal(by.d.lines, 42);
  assert.equal(by.a.headline, '头条');
});

test('a page is marked overset for any overset or error on it, warnings for warnings, else fits', () => {
  const d = (pageIndex: number, kind: 'overset' | 'underset' | 'missing-image', severity: 'error' | 'warning') => ({ pageIndex, kind, severity, message: kind });
  const list = [d(0, 'underset', 'warning'), d(1, 'overset', 'error'), d(2, 'missing-image', 'error')];
  assert.equal(pageStatus(list, 0).status, 'warnings');
  assert.equal(pageStatus(list, 1).status, 'overset');
  assert.equal(pageStatus(list, 2).status, 'overset');
  assert.equal(pageStatus(list, 3).status, 'fits');
  assert.deepEqual(pageStatus(list, 0).messages, ['underset']);
});

test('a page thumbnail’s tooltip words the composer’s findings in the user’s language', async () => {
  const { diagnosticWords } = await import('../../renderer/workspace/model/summary.js');
  const i18next = (await import('i18next')).default;
  const { workspaceResources, NS } = await import('../../renderer/workspace/i18n.js');
  const i18n = i18next.createInstance();
  await i18n.init({ lng: 'zh-CN', resources: { 'zh-CN': { [NS]: workspaceResources['zh-CN'] } }, defaultNS: NS });
  const t = i18n.t.bind(i18n);
  const name = (id: string) => (id === 's1' ? '1-头条' : undefined);
  assert.equal(diagnosticWords(t, { severity: 'error', kind: 'overset', pageIndex: 0, storyId: 's1', message: 'overset by 40 characters', count: { lines: 3, chars: 40 } }, name), '溢出（溢出 40 字） · 1-头条');
  assert.equal(diagnosticWords(t, { severity: 'warning', kind: 'widow', pageIndex: 0, storyId: 'zz', message: 'widow' }, name), '孤行');
});
