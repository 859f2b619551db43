import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Frame } from '../../core/model/issue.js';
import { CLICK_SLOP, DOUBLE_CLICK_MS, endGesture, framesTouched, isDoubleClick, gesturePage, moveGesture, panScroll, pressFrame, pressHandle, pressPage, slotAt, startPan, type PageGesture } from '../../renderer/workspace/gestures.js';
import { FRONT, INSIDE, templates } from '../fixtures/build.js';

// The canvas's pointer gestures, without a DOM: press → moves → release → one outcome.

const t = templates.get(INSIDE)!;
const front = templates.get(FRONT)!;
/** The middle of a grid cell, in page points. */
const mid = (column: number, line: number, tpl = t) => ({ x: tpl.columnX(column) + tpl.columnWidth / 2, y: tpl.lineTop(line) + tpl.pitch / 2 });
const SCALE = 1.5; // CSS px per pt
const story: Frame = { id: 'f1', type: 'story', storyId: 's1', rect: { column: 2, span: 2, line: 80, lines: 20 } };
const photo: Frame = { id: 'p1', type: 'photo', assetId: 'a1', fit: 'fill', caption: 'below', rect: { column: 5, span: 3, line: 80, lines: 24 } };
const emptyPhoto: Frame = { id: 'p2', type: 'photo', assetId: null, fit: 'fill', caption: 'below', rect: { column: 0, span: 2, line: 100, lines: 16 } };

function press(frame: Frame, at: { x: number; y: number }, o: { tool?: 'select' | 'link'; selected?: boolean; altKey?: boolean } = {}) {
  const r = pressFrame({ frame, pageIndex: 0, at, tool: o.tool ?? 'select', selected: o.selected ?? false, altKey: o.altKey ?? false, template: t });
  assert.ok(r && 'gesture' in r, 'a gesture starts');
  return r.gesture;
}
/** Moves the pointer through `points` on the gesture's page, then releases at the last. */
function drag(g: PageGesture, points: { x: number; y: number }[], frames: Frame[] = [story, photo]) {
  for (const at of points) g = moveGesture(g, { at }, t, SCALE).gesture;
  return { gesture: g, outcome: endGesture(g, { at: points.at(-1) ?? { x: 0, y: 0 } }, t, frames, SCALE) };
}

test('a click on a story frame only selects it (the press did); a double click edits its story at the click; a drag under the slop is still a click', () => {
  const at = mid(2, 85);
  const nudge = { x: at.x + (CLICK_SLOP - 1) / SCALE, y: at.y };
  assert.equal(drag(press(story, at), [nudge]).outcome, null, 'a single click: no text editing');
  let g = press(story, at);
  g = moveGesture(g, { at: nudge }, t, SCALE).gesture;
  assert.deepEqual(endGesture(g, { at: nudge }, t, [story], SCALE, { double: true }), { do: 'edit', frameId: 'f1', at: { pageIndex: 0, ...at } });
});

test('while a story frame’s text is edited, a click in it moves the caret there', () => {
  const at = mid(3, 90);
  const r = pressFrame({ frame: story, pageIndex: 0, at, tool: 'select', selected: true, altKey: false, template: t, editing: true });
  assert.ok(r && 'gesture' in r);
  assert.deepEqual(endGesture(r.gesture, { at }, t, [story], SCALE), { do: 'edit', frameId: 'f1', at: { pageIndex: 0, ...at } });
});

test('a double click is two clicks on the same frame, close in time and place', () => {
  const first = { frameId: 'f1', time: 1000, x: 100, y: 100 };
  assert.equal(isDoubleClick(first, { ...first, time: 1000 + DOUBLE_CLICK_MS - 1, x: 102 }), true);
  assert.equal(isDoubleClick(first, { ...first, time: 1000 + DOUBLE_CLICK_MS + 1 }), false, 'too slow');
  assert.equal(isDoubleClick(first, { ...first, time: 1100, frameId: 'f2' }), false, 'another frame');
  assert.equal(isDoubleClick(first, { ...first, time: 1100, x: 140 }), false, 'too far');
  assert.equal(isDoubleClick(null, first), false);
});

test('a marquee over the page selects the frames it touches; Shift adds; a click on the empty page deselects', () => {
  const frames = [story, photo, emptyPhoto];
  // From left of the story frame's middle to inside the photo frame: touches both, not emptyPhoto (line 100+).
  const g = pressPage(0, mid(1, 82), 'select')!;
  assert.equal(g.kind, 'marquee');
  const { outcome } = drag(g, [mid(4, 85), mid(6, 90)], frames);
  assert.deepEqual(outcome, { do: 'select', frameIds: ['f1', 'p1'], additive: false });
  const add = drag(pressPage(0, mid(0, 110), 'select', true)!, [mid(1, 112)], frames).outcome;
  assert.deepEqual(add, { do: 'select', frameIds: ['p2'], additive: true });
  assert.deepEqual(drag(pressPage(0, mid(0, 10), 'select')!, [], frames).outcome, { do: 'select', frameIds: [], additive: false });
  assert.equal(drag(pressPage(0, mid(0, 10), 'select', true)!, [], frames).outcome, null, 'a Shift click on nothing keeps the selection');
  assert.deepEqual(framesTouched(t, frames, mid(7, 0), mid(7, 1)), [], 'a band over nothing selects nothing');
});

test('dragging a frame of a multi-selection moves the whole selection by the same grid step, on their own pages', () => {
  const r = pressFrame({ frame: story, pageIndex: 0, at: mid(2, 85), tool: 'select', selected: true, altKey: false, template: t, selection: ['f1', 'p1', 'other-page-frame'] });
  assert.ok(r && 'gesture' in r);
  let g = moveGesture(r.gesture, { at: mid(3, 88) }, t, SCALE).gesture;
  const over = { pageIndex: 1, at: mid(6, 20, front), template: front };
  g = moveGesture(g, { at: mid(4, 90), over }, t, SCALE).gesture;
  assert.equal(gesturePage(g), 0, 'the selection does not jump to the page under the pointer');
  assert.deepEqual(endGesture(g, { at: mid(4, 90) }, t, [story, photo], SCALE), { do: 'frames-move', frameIds: ['f1', 'p1', 'other-page-frame'], columns: 2, lines: 5 });
  // A click without a drag on one frame of the selection selects that frame alone.
  assert.deepEqual(endGesture(r.gesture, { at: mid(2, 85) }, t, [story, photo], SCALE, { double: true }), { do: 'select', frameIds: ['f1'], additive: false });
  // A selected photo in a multi-selection moves with it rather than cropping.
  const ph = pressFrame({ frame: photo, pageIndex: 0, at: mid(6, 90), tool: 'select', selected: true, altKey: false, template: t, selection: ['f1', 'p1'] });
  assert.ok(ph && 'gesture' in ph && ph.gesture.kind === 'move');
});

test('a click on a photo frame selects it and does nothing else', () => {
  assert.equal(drag(press(emptyPhoto, mid(0, 101)), []).outcome, null);
});

test('dragging a frame moves it by whole columns and lines, never off the grid', () => {
  const start = mid(2, 85);
  const { outcome } = drag(press(story, start), [mid(3, 87), mid(4, 90)]);
  assert.deepEqual(outcome, { do: 'frame-rect', frameId: 'f1', kind: 'move', rect: { column: 4, span: 2, line: 85, lines: 20 } });
  // Far past the right edge: the frame stops at the last columns.
  const far = drag(press(story, start), [{ x: start.x + 10_000, y: start.y }]).outcome;
  assert.deepEqual(far, { do: 'frame-rect', frameId: 'f1', kind: 'move', rect: { column: t.columns - 2, span: 2, line: 80, lines: 20 } });
});

test('a drag that comes back to where it started is a move to the same place, not an edit', () => {
  const start = mid(2, 85);
  const { outcome } = drag(press(story, start), [mid(4, 85), start]);
  assert.deepEqual(outcome, { do: 'frame-rect', frameId: 'f1', kind: 'move', rect: story.rect });
});

test('dragged over another page, the frame goes there with the grab point kept', () => {
  const grab = mid(3, 82); // one column and two lines into the frame
  let g = press(story, grab);
  g = moveGesture(g, { at: mid(3, 90) }, t, SCALE).gesture;
  const over = { pageIndex: 1, at: mid(6, 20, front), template: front };
  g = moveGesture(g, { at: { x: 1e4, y: 0 }, over }, t, SCALE).gesture;
  assert.equal(gesturePage(g), 1, 'the ghost shows on the page under the pointer');
  const outcome = endGesture(g, { at: { x: 1e4, y: 0 }, over }, t, [story], SCALE);
  assert.deepEqual(outcome, { do: 'frame-to-page', frameId: 'f1', pageIndex: 1, rect: { column: 5, span: 2, line: 18, lines: 20 } });
});

test('a resize handle moves only its edges, by the grid, and keeps at least one column and line', () => {
  const se = pressHandle(0, story, 'se', mid(3, 99));
  assert.deepEqual(drag(se, [mid(5, 104)]).outcome, { do: 'frame-rect', frameId: 'f1', kind: 'resize', rect: { column: 2, span: 4, line: 80, lines: 25 } });
  const w = pressHandle(0, story, 'w', mid(2, 90));
  const shrunk = drag(w, [mid(9, 90)]).outcome;
  assert.equal(shrunk?.do, 'frame-rect');
  assert.ok(shrunk?.do === 'frame-rect' && shrunk.rect.span >= 1 && shrunk.rect.column + shrunk.rect.span === 4, 'the right edge stays put');
});

test('on a selected photo a drag moves the crop against the drag; Alt moves the frame instead', () => {
  const start = mid(6, 90);
  const g = press(photo, start, { selected: true });
  assert.equal(g.kind, 'focus');
  const box = t.box(photo.rect);
  const right = { x: start.x + box.w / 4, y: start.y };
  const step = moveGesture(g, { at: right }, t, SCALE);
  assert.deepEqual(step.focus, { frameId: 'p1', focus: { x: 0.25, y: 0.5 } }, 'live, while dragging');
  assert.deepEqual(endGesture(step.gesture, { at: { x: start.x + box.w * 10, y: start.y - box.h * 10 } }, t, [photo], SCALE), { do: 'focus', frameId: 'p1', focus: { x: 0, y: 1 }, final: true }, 'clamped to the picture');
  assert.equal(press(photo, start, { selected: true, altKey: true }).kind, 'move');
  assert.equal(press(photo, start, { selected: false }).kind, 'move', 'the first press selects and moves');
  assert.equal(press(emptyPhoto, mid(0, 101), { selected: true }).kind, 'move', 'no picture, nothing to crop');
});

test('the link tool threads into story frames only', () => {
  assert.deepEqual(pressFrame({ frame: story, pageIndex: 0, at: mid(2, 85), tool: 'link', selected: false, altKey: false, template: t }), { link: 'f1' });
  assert.equal(pressFrame({ frame: photo, pageIndex: 0, at: mid(6, 85), tool: 'link', selected: false, altKey: false, template: t }), null);
});

test('a frame tool draws on the grid in either direction; a click fills the empty slot under it, else nothing', () => {
  const g = pressPage(0, mid(5, 40), 'story')!;
  assert.deepEqual(drag(g, [mid(2, 10)], []).outcome, { do: 'draw', pageIndex: 0, type: 'story', rect: { column: 2, span: 4, line: 10, lines: 31 } });
  const photoSlot = t.spec.slots.find((s) => s.kind === 'photo')!;
  const inSlot = mid(photoSlot.rect.column, photoSlot.rect.line + 1);
  assert.deepEqual(drag(pressPage(0, inSlot, 'photo')!, [], []).outcome, { do: 'draw', pageIndex: 0, type: 'photo', rect: photoSlot.rect, slot: photoSlot.name });
  const filled: Frame = { ...emptyPhoto, slot: photoSlot.name };
  assert.equal(drag(pressPage(0, inSlot, 'photo')!, [], [filled]).outcome, null, 'a filled slot is not filled again');
  assert.equal(pressPage(0, inSlot, 'select')?.kind, 'marquee', 'the select tool on an empty page area starts a marquee (a click on it deselects: the marquee test)');
});

test('slots are found by kind: a story is not dropped into a photo slot', () => {
  const photoSlot = t.spec.slots.find((s) => s.kind === 'photo')!;
  const at = mid(photoSlot.rect.column, photoSlot.rect.line + 1);
  assert.equal(slotAt(t, [], at, 'photo')?.name, photoSlot.name);
  assert.notEqual(slotAt(t, [], at, 'story')?.name, photoSlot.name);
});

test('panning scrolls against the pointer from where the pan started', () => {
  const g = startPan({ x: 100, y: 100 }, { left: 500, top: 800 });
  assert.equal(gesturePage(g), null);
  assert.deepEqual(panScroll(g, { x: 160, y: 40 }), { left: 440, top: 860 });
});
