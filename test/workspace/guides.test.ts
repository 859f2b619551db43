import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Frame, Issue, RulerGuide } from '../../core/model/issue.js';
import { parseTemplate } from '../../core/templates/index.js';
import { endGesture, moveGesture, pressFrame, pressGuide, pressHandle, pressRuler, type PageGesture } from '../../renderer/workspace/gestures.js';
import { addGuide, clearGuides, deleteGuide, GUIDE_MAGNET, guideInGrid, guideLabel, guidePos, guidesOn, moveGuide, placeGuide, snapMoveDelta } from '../../renderer/workspace/model/guides.js';
import { duplicatePage, OperationError, setPageTemplate, type Operation } from '../../renderer/workspace/model/operations.js';
import { IssueSession } from '../../renderer/workspace/model/session.js';
import { counterIds, INSIDE, recordingComposer, templates, threadedIssue } from '../fixtures/build.js';
import { readFileSync } from 'node:fs';
import type { MenuItemConstructorOptions } from 'electron';
import { isMenuCommand } from '../../core/api/shell.js';
import { menuTemplate, type MenuAction } from '../../electron/shell/menu.js';
import { pageMenus } from '../../renderer/src/page-menu.js';
import { commandForKey, type KeyInput } from '../../renderer/workspace/keys.js';

// Ruler guides (参考线): where a dragged guide lands on the grid, how frames snap to guides,
// the guide gestures, and the operations (each one undo step).

const t = templates.get(INSIDE)!; // 8 columns × 13 字, gutter 1 字, 123 lines at 11.25 pt, 9 pt body
const step = 14; // characters from one column's left edge to the next
const run = (issue: Issue, op: Operation) => op.run(issue, { templates, newId: counterIds() });
const story: Frame = { id: 'f1', type: 'story', storyId: 's1', rect: { column: 2, span: 2, line: 40, lines: 20 } };
const other: Frame = { id: 'f2', type: 'story', storyId: 's2', rect: { column: 5, span: 3, line: 10, lines: 7 } };
const xAt = (chars: number) => t.columnX(0) + chars * t.em;

function dragGuide(g: PageGesture, points: { x: number; y: number; off?: boolean }[], scale: number) {
  for (const p of points) g = moveGesture(g, { at: p, offCanvas: p.off }, t, scale).gesture;
  const last = points.at(-1)!;
  return { gesture: g, outcome: endGesture(g, { at: last, offCanvas: last.off }, t, [story, other], scale) };
}

test('a horizontal guide lands on the nearest line boundary; at the 版心 foot it reads as below the last line', () => {
  const scale = 2;
  // Between line 12's top and line 13's top, nearer 13: boundary 12 (the top of 第 13 行).
  const y = t.lineTop(12) - 0.3 * t.pitch;
  assert.deepEqual(placeGuide(t, [], 'y', { x: 300, y }, scale), { at: 12, to: 'line' });
  assert.deepEqual(guideLabel(t, { axis: 'y', at: 12 }).label, { key: 'guide.line', values: { n: 13 } });
  // Far below the 版心 but still on the page: the foot boundary, drawn at the last line's em-box bottom.
  const foot = placeGuide(t, [], 'y', { x: 300, y: t.pageHeight - 2 }, scale)!;
  assert.equal(foot.at, t.lines);
  assert.equal(guidePos(t, { axis: 'y', at: t.lines }), t.box({ column: 0, span: 1, line: 0, lines: t.lines }).y + t.box({ column: 0, span: 1, line: 0, lines: t.lines }).h);
  assert.deepEqual(guideLabel(t, { axis: 'y', at: t.lines }).label, { key: 'guide.foot', values: { n: 123 } });
});

test('a guide dropped on the page margin goes to the 版心 edge; off the page, or over a ruler, there is none', () => {
  assert.deepEqual(placeGuide(t, [], 'y', { x: 200, y: 3 }, 1), { at: 0, to: 'line' }, 'top margin → the first line boundary');
  assert.deepEqual(placeGuide(t, [], 'x', { x: 2, y: 200 }, 1), { at: 0, to: 'column' }, 'left margin → column 1 left');
  assert.deepEqual(placeGuide(t, [], 'x', { x: t.pageWidth - 1, y: 200 }, 1), { at: 7 * step + 13, to: 'column' }, 'right margin → column 8 right');
  assert.equal(placeGuide(t, [], 'y', { x: 200, y: -1 }, 1), null, 'above the page');
  assert.equal(placeGuide(t, [], 'x', { x: t.pageWidth + 5, y: 200 }, 1), null, 'right of the page');
  assert.equal(placeGuide(t, [], 'y', { x: 200, y: 500 }, 1, true), null, 'over a ruler, even where the page lies under it');
});

test('a vertical guide goes to a character position in a column, a column edge within the magnet winning', () => {
  // 4.4 characters into column 3 (index 2) at 4 px/pt: no edge near → character 4 of that column.
  const p = placeGuide(t, [], 'x', { x: xAt(2 * step + 4.4), y: 400 }, 4)!;
  assert.deepEqual(p, { at: 2 * step + 4, to: 'char' });
  assert.deepEqual(guideLabel(t, { axis: 'x', at: p.at }).label, { key: 'guide.colChar', values: { n: 3, k: 4 } });
  // 1 pt right of column 3's left edge, at 1 px/pt: the edge is within 6 px.
  assert.deepEqual(placeGuide(t, [], 'x', { x: xAt(2 * step) + 1, y: 400 }, 1), { at: 2 * step, to: 'column' });
  assert.deepEqual(guideLabel(t, { axis: 'x', at: 2 * step }).label, { key: 'guide.colLeft', values: { n: 3 } });
  assert.deepEqual(guideLabel(t, { axis: 'x', at: 2 * step + 13 }).label, { key: 'guide.colRight', values: { n: 3 } });
  // In a gutter (between column 3's right and column 4's left) the nearest edge.
  assert.equal(placeGuide(t, [], 'x', { x: xAt(2 * step + 13.3), y: 400 }, 40)!.at, 2 * step + 13);
});

test('a dragged guide is pulled onto a frame edge within 6 screen px, at any zoom; further, it goes to the grid', () => {
  const bottom = t.box(story.rect).y + t.box(story.rect).h; // the frame's foot: line 59's em-box bottom
  for (const scale of [0.35, 1, 3]) {
    const within = bottom + (GUIDE_MAGNET - 1) / scale;
    assert.deepEqual(placeGuide(t, [story.rect], 'y', { x: 300, y: within }, scale), { at: 60, to: 'frame' }, `scale ${scale}`);
    const beyond = bottom + (GUIDE_MAGNET + 1) / scale;
    assert.equal(placeGuide(t, [story.rect], 'y', { x: 300, y: beyond }, scale)!.to, 'line', `scale ${scale}: past the magnet`);
  }
  // At fit-page zoom lines are ~4 px apart: the magnet reaches past the next line boundary.
  assert.deepEqual(placeGuide(t, [story.rect], 'y', { x: 300, y: bottom + 1.4 * t.pitch }, 0.35), { at: 60, to: 'frame' });
  assert.deepEqual(placeGuide(t, [], 'y', { x: 300, y: bottom + 1.4 * t.pitch }, 0.35), { at: 61, to: 'line' }, 'no frame: the nearest line');
});

test('a moved frame snaps its edge onto a guide within the magnet, before the grid rounds (guide over grid)', () => {
  const guides: RulerGuide[] = [{ axis: 'y', at: 70 }];
  // Dragged down by 28.6 lines: the grid rounds to 29 (top on line 69); the top is 1.4 lines
  // (15.75 pt) short of guide 70 — past the magnet at 0.5 px/pt (12 pt): the grid wins.
  assert.deepEqual(snapMoveDelta(t, story.rect, 0, 28.6 * t.pitch, guides, 0.5), { columns: 0, lines: 29 });
  // At 0.35 px/pt the magnet is 17.1 pt: the guide wins, the frame's top lands on line 70.
  assert.deepEqual(snapMoveDelta(t, story.rect, 0, 28.6 * t.pitch, guides, 0.35), { columns: 0, lines: 30 });
  // The bottom edge snaps too: by 10.6 lines the grid says 11, the guide pulls the 20-line frame to end on line 69.
  assert.deepEqual(snapMoveDelta(t, story.rect, 0, 10.6 * t.pitch, guides, 0.35), { columns: 0, lines: 10 });
  // With the grid alone, the same drag goes where rounding says.
  assert.deepEqual(snapMoveDelta(t, story.rect, 0, 28.6 * t.pitch, [], 0.35), { columns: 0, lines: 29 });
});

test('of several guides the nearest pulls; vertical guides pull left or right edges; a guide inside a column pulls no edge', () => {
  const guides: RulerGuide[] = [
    { axis: 'x', at: 5 * step }, // column 6 left
    { axis: 'x', at: 5 * step + 13 }, // column 6 right
    { axis: 'x', at: 3 * step + 6 }, // inside column 4
    { axis: 'y', at: 45 },
    { axis: 'y', at: 47 },
  ];
  const scale = 0.3; // magnet 20 pt; a column step is 126 pt
  // Left edge 4 pt short of column 6's left: on it (3 columns right).
  assert.equal(snapMoveDelta(t, story.rect, 3 * 14 * t.em - 4, 0, guides, scale).columns, 3);
  // Right edge (span 2 from column 4 → right at column 5's right) 5 pt past column 6's right: span ends there.
  assert.equal(snapMoveDelta(t, story.rect, 3 * 14 * t.em + 5, 0, guides, scale).columns, 3, 'left edge on column 6 left is nearer than the right edge');
  assert.equal(snapMoveDelta(t, story.rect, 2.5 * 14 * t.em, 0, [{ axis: 'x', at: 3 * step + 6 }], scale).columns, Math.round(2.5), 'a character guide is not an edge');
  // Top 3 lines down (33.75 pt) — guide 45 is 5 lines, guide 47 7: neither within 20 pt; 4.4 lines: 45 (6.75 pt) beats 47.
  assert.equal(snapMoveDelta(t, story.rect, 0, 4.4 * t.pitch, guides, scale).lines, 5);
  assert.equal(snapMoveDelta(t, story.rect, 0, 6.2 * t.pitch, guides, scale).lines, 7);
  assert.deepEqual(guidesOn(t, { ...story.rect, column: 5, line: 47 }, guides), [0, 4]);
});

test('a guide the frame cannot reach on the grid, or one past the grid after a template change, pulls nothing', () => {
  // A 20-line frame cannot put its top on line 110 (it would end past line 123): only its bottom can.
  const d = snapMoveDelta(t, story.rect, 0, (110 - 40) * t.pitch + 1, [{ axis: 'y', at: 110 }], 0.35);
  assert.equal(d.lines, 70, 'grid rounding (the top guide is out of reach)');
  const past: RulerGuide = { axis: 'y', at: 130 };
  assert.equal(guideInGrid(t, past), false);
  assert.equal(snapMoveDelta(t, story.rect, 0, 200 * t.pitch, [past], 0.35).lines, 200);
});

test('a resize handle snaps the edge it moves; the opposite edge stays', () => {
  const guides: RulerGuide[] = [{ axis: 'y', at: 66 }, { axis: 'x', at: 6 * step + 13 }];
  let g = pressHandle(0, story, 'se', { x: 0, y: 0 }, guides);
  // Bottom 6.3 lines down (line 59 → 65.3): guide 66 within the magnet at 0.4 px/pt (15 pt) → last line 65.
  g = moveGesture(g, { at: { x: 2.7 * 14 * t.em, y: 6.3 * t.pitch } }, t, 0.4).gesture;
  assert.equal(g.kind, 'resize');
  if (g.kind !== 'resize') return;
  assert.deepEqual(g.rect, { column: 2, span: 5, line: 40, lines: 26 });
  assert.deepEqual(guidesOn(t, g.rect, guides), [0, 1], 'both guides highlighted');
});

test('the frame gesture snaps to the guides handed to the press', () => {
  const guides: RulerGuide[] = [{ axis: 'y', at: 30 }];
  const r = pressFrame({ frame: story, pageIndex: 0, at: { x: 300, y: 600 }, tool: 'select', selected: true, altKey: false, template: t, guides });
  assert.ok(r && 'gesture' in r);
  let g = r.gesture;
  g = moveGesture(g, { at: { x: 300, y: 600 - 8.6 * t.pitch } }, t, 0.35).gesture;
  const out = endGesture(g, { at: { x: 300, y: 600 - 8.6 * t.pitch } }, t, [story], 0.35);
  assert.deepEqual(out, { do: 'frame-rect', frameId: 'f1', rect: { ...story.rect, line: 30 }, kind: 'move' });
});

test('dragged from the top ruler a horizontal guide is added where released; released over the ruler, none is', () => {
  const g0 = pressRuler(0, 'y', [story, other]);
  const { gesture, outcome } = dragGuide(g0, [{ x: 300, y: 100, off: true }, { x: 300, y: t.lineTop(20) + 2 }], 1);
  assert.equal(gesture.kind === 'guide' && gesture.at, 20);
  assert.deepEqual(outcome, { do: 'guide-add', pageIndex: 0, guide: { axis: 'y', at: 20 } });
  assert.equal(dragGuide(g0, [{ x: 300, y: t.lineTop(20) }, { x: 300, y: 300, off: true }], 1).outcome, null);
});

test('an existing guide: a click selects it, a drag moves it, a drag off the page deletes it', () => {
  const guide: RulerGuide = { axis: 'x', at: 3 * step };
  const at = { x: xAt(3 * step), y: 500 };
  assert.deepEqual(dragGuide(pressGuide(0, 1, guide, at, [story]), [{ x: at.x + 1, y: 501 }], 2).outcome, { do: 'guide-select', pageIndex: 0, index: 1 });
  assert.deepEqual(dragGuide(pressGuide(0, 1, guide, at, [story]), [{ x: xAt(4 * step + 7.2), y: 500 }], 2).outcome, { do: 'guide-move', pageIndex: 0, index: 1, at: 4 * step + 7 });
  assert.deepEqual(dragGuide(pressGuide(0, 1, guide, at, [story]), [{ x: -20, y: 500 }], 2).outcome, { do: 'guide-delete', pageIndex: 0, index: 1 });
  assert.deepEqual(dragGuide(pressGuide(0, 1, guide, at, [story]), [{ x: 400, y: 500 }, { x: 20, y: 500, off: true }], 2).outcome, { do: 'guide-delete', pageIndex: 0, index: 1 });
});

test('guide operations: add (a duplicate changes nothing), move (onto another: they merge), delete, clear; the last one gone leaves no field', () => {
  const base = threadedIssue();
  let issue = run(base, addGuide(0, { axis: 'y', at: 12 }));
  issue = run(issue, addGuide(0, { axis: 'x', at: 14 }));
  assert.deepEqual(issue.pages[0].guides, [{ axis: 'y', at: 12 }, { axis: 'x', at: 14 }]);
  assert.equal(issue.pages[1], base.pages[1], 'other pages shared');
  assert.equal(run(issue, addGuide(0, { axis: 'y', at: 12 })), issue, 'the same guide twice: unchanged');
  assert.deepEqual(run(issue, moveGuide(0, 0, 30)).pages[0].guides, [{ axis: 'y', at: 30 }, { axis: 'x', at: 14 }]);
  const two = run(issue, addGuide(0, { axis: 'y', at: 40 }));
  assert.deepEqual(run(two, moveGuide(0, 2, 12)).pages[0].guides, [{ axis: 'y', at: 12 }, { axis: 'x', at: 14 }], 'moved onto guide 0: one guide');
  const none = run(run(issue, deleteGuide(0, 0)), deleteGuide(0, 0));
  assert.equal('guides' in none.pages[0], false);
  assert.equal('guides' in run(issue, clearGuides(0)).pages[0], false);
  assert.equal(run(base, clearGuides(0)), base, 'nothing to clear');
});

test('guide operations refuse bad guides with clear errors', () => {
  const base = threadedIssue();
  const refused = (op: Operation, key: string) => assert.throws(() => run(base, op), (e: unknown) => e instanceof OperationError && e.key === key);
  refused(addGuide(0, { axis: 'y', at: 12.5 }), 'guide.error.bad');
  refused(addGuide(0, { axis: 'y', at: 124 }), 'guide.error.bad'); // past the 123 lines
  refused(addGuide(0, { axis: 'x', at: 8 * 14 }), 'guide.error.bad'); // past the grid's 111 characters
  refused(addGuide(0, { axis: 'x', at: -1 }), 'guide.error.bad');
  refused(addGuide(9, { axis: 'x', at: 1 }), 'error.noPage');
  refused(deleteGuide(0, 0), 'guide.error.none');
  refused(moveGuide(0, 3, 1), 'guide.error.none');
});

test('each guide change is one undo step; undo and redo restore the guides; a duplicated page keeps them, a new template hides those past its grid', () => {
  const rec = recordingComposer();
  const s = new IssueSession({ issue: threadedIssue(), path: '/tmp/x.broadsheet', templates, compose: rec.compose, newId: counterIds() });
  s.apply(addGuide(0, { axis: 'y', at: 20 }));
  s.apply(moveGuide(0, 0, 25));
  assert.deepEqual(s.issue.pages[0].guides, [{ axis: 'y', at: 25 }]);
  assert.equal(s.undoLabel?.key, 'guide.op.move');
  s.undo();
  assert.deepEqual(s.issue.pages[0].guides, [{ axis: 'y', at: 20 }]);
  s.undo();
  assert.equal(s.issue.pages[0].guides, undefined);
  s.redo();
  s.redo();
  assert.deepEqual(s.issue.pages[0].guides, [{ axis: 'y', at: 25 }]);
  assert.equal(s.dirty, true);
  // The tabloid grid has fewer lines: a guide at line 120 is kept but not on its grid.
  s.apply(addGuide(0, { axis: 'y', at: 120 }));
  s.apply(setPageTemplate(0, 'tabloid-6col-inside'));
  const tabloid = templates.get('tabloid-6col-inside')!;
  assert.deepEqual(s.issue.pages[0].guides, [{ axis: 'y', at: 25 }, { axis: 'y', at: 120 }]);
  assert.equal(tabloid.lines, 86);
  assert.equal(guideInGrid(tabloid, { axis: 'y', at: 120 }), false, 'past the tabloid grid: not shown');
  assert.equal(guideInGrid(tabloid, { axis: 'y', at: 25 }), true);
  s.apply(duplicatePage(0));
  assert.deepEqual(s.issue.pages[1].guides, s.issue.pages[0].guides, 'the duplicate has the same guides');
});

test('on a grid with gutters of 1.5 字 a guide in the gutter sits on a half character and reads as between the columns', () => {
  const spec = JSON.parse(readFileSync(new URL('../../templates/broadsheet-8col-inside.json', import.meta.url), 'utf8'));
  spec.id = 'gutter-15';
  spec.grid.gutterChars = 1.5;
  spec.grid.charsPerColumn = 12;
  const wide = parseTemplate(spec, 'gutter-15.json');
  // Column 2's left edge: 13.5 characters from the grid's edge.
  assert.deepEqual(placeGuide(wide, [], 'x', { x: wide.columnX(1) + 0.5, y: 300 }, 1), { at: 13.5, to: 'column' });
  assert.equal(guidePos(wide, { axis: 'x', at: 13.5 }), wide.columnX(1));
  assert.deepEqual(guideLabel(wide, { axis: 'x', at: 12.5 }).label, { key: 'guide.gutter', values: { n: 1, m: 2 } });
  assert.deepEqual(snapMoveDelta(wide, { column: 0, span: 1, line: 0, lines: 4 }, 13.5 * wide.em - 3, 0, [{ axis: 'x', at: 13.5 }], 1).columns, 1);
});

test('the guide reading gives mm from the page edge', () => {
  const { mm } = guideLabel(t, { axis: 'x', at: 0 });
  assert.equal(mm, Math.round(((t.columnX(0) * 25.4) / 72) * 10) / 10);
});

test('Delete with a guide selected deletes the guide (not a frame); the View menus reach the guide toggles and 清除本版参考线', async () => {
  const key = (k: string): KeyInput => ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, defaultPrevented: false });
  assert.deepEqual(commandForKey(key('Delete'), { inEditor: false, inField: false, frameSelected: false, guideSelected: true }), { do: 'delete-guide' });
  assert.deepEqual(commandForKey(key('Backspace'), { inEditor: false, inField: false, frameSelected: false, guideSelected: true }), { do: 'delete-guide' });
  assert.equal(commandForKey(key('Delete'), { inEditor: true, inField: false, frameSelected: false, guideSelected: true }), null, 'in the text Delete is the text’s');
  assert.deepEqual(commandForKey(key('Delete'), { inEditor: false, inField: false, frameSelected: true }), { do: 'delete-frame' });
  const page = { inEditor: false, inField: false, frameSelected: false };
  assert.deepEqual(commandForKey({ ...key(';'), ctrlKey: true }, page), { do: 'toggle-guide', guide: 'rulerGuides' });
  assert.deepEqual(commandForKey({ ...key(';'), ctrlKey: true, altKey: true }, page), { do: 'toggle-guide', guide: 'lockGuides' });
  assert.equal(commandForKey({ ...key(';'), ctrlKey: true }, { ...page, inEditor: true }), null, 'in the text: the text’s');
  // The native View menu: checkboxes with the state they were left in, and the clear item.
  const got: MenuAction[] = [];
  const m = menuTemplate({ platform: 'linux', locale: 'zh-CN', appName: 'Broadsheet', recent: [], showGrid: false, lockGuides: true, hasIssue: true, devTools: false, onAction: (a) => got.push(a) });
  const items = m.flatMap((x) => (Array.isArray(x.submenu) ? x.submenu : [])) as MenuItemConstructorOptions[];
  const item = (id: string) => items.find((i) => i.id === id)!;
  assert.equal(item('show-guides').label, '显示参考线');
  assert.equal(item('show-guides').checked, true, 'shown unless hidden');
  assert.equal(item('lock-guides').checked, true);
  (item('lock-guides').click as (i: { checked: boolean }) => void)({ checked: false });
  (item('clear-guides').click as () => void)();
  assert.deepEqual(got, [{ action: 'lock-guides', checked: false }, { action: 'clear-guides' }]);
  // The in-page View menu sends toggles, checked like the native menu's commands.
  const view = pageMenus({ hasIssue: true, hasFile: true, readOnly: false, recent: [] }).find((x) => x.id === 'view')!;
  const sent = view.items.filter((i) => /guides/.test(i.id)).map((i) => i.action && 'send' in i.action && i.action.send);
  assert.deepEqual(sent, [{ command: 'show-guides' }, { command: 'lock-guides' }, { command: 'clear-guides' }]);
  for (const c of sent) assert.ok(isMenuCommand(c));
  assert.equal(isMenuCommand({ command: 'show-guides', checked: 'no' }), false);
});
