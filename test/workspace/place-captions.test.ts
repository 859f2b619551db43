import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Asset, Issue, PhotoFrame } from '../../core/model/issue.js';
import { isPlaceableImage, placedFrameIds, placePhotos, planPlace } from '../../renderer/workspace/model/place.js';
import { captionSource, captionText, cleanCaption, setPhotoCaption } from '../../renderer/workspace/model/captions.js';
import { OperationError, type Operation } from '../../renderer/workspace/model/operations.js';
import { findFrame } from '../../renderer/workspace/model/threads.js';
import { IssueSession } from '../../renderer/workspace/model/session.js';
import { compose, counterIds, issueOf, templates, threadedIssue } from '../fixtures/build.js';

// Place… (置入): where picked photos go from the selection, one undo step; captions edited on the page.

const run = (issue: Issue, op: Operation) => op.run(issue, { templates, newId: counterIds() });
const asset = (id: string, name = `${id}.jpg`): Asset => ({ id, path: `photos/${name}`, hash: id.repeat(8), widthPx: 2400, heightPx: 1600 });
const photo = (issue: Issue, id: string) => findFrame(issue, id)!.frame as PhotoFrame;
const ids = () => {
  let n = 0;
  return (prefix: string) => `${prefix}new${++n}`;
};

test('nothing selected: each photo is a new frame on the current page — the free photo slot first, then down from the top-left', () => {
  const issue = threadedIssue();
  const plan = planPlace(issue, templates, null, 2, 3, ids());
  assert.equal(plan.length, 3);
  const [a, b, c] = plan.map((x) => ('newFrame' in x ? x.newFrame : assert.fail('a new frame')));
  assert.deepEqual([a.pageIndex, b.pageIndex, c.pageIndex], [2, 2, 2]);
  assert.equal(a.slot, '图片', 'the empty photo slot of the inside template takes the first');
  assert.deepEqual(a.rect, { column: 0, span: 3, line: 63, lines: 24 });
  assert.equal(b.slot, undefined);
  assert.deepEqual(b.rect, { column: 0, span: 2, line: 0, lines: 16 });
  assert.deepEqual(c.rect, { column: 2, span: 2, line: 0, lines: 16 }, 'the next one beside it, not over it');
  const after = run(issue, placePhotos(plan, [asset('x1'), asset('x2'), asset('x3')]));
  const page = after.pages[2];
  assert.deepEqual(page.frames.map((f) => (f as PhotoFrame).assetId), ['x1', 'x2', 'x3']);
  assert.deepEqual(after.assets.map((x) => x.id), ['x1', 'x2', 'x3']);
  assert.equal(page.frames[0].slot, '图片');
  assert.deepEqual(placedFrameIds(plan), page.frames.map((f) => f.id));
});

test('an empty photo frame selected: the first photo fills it, the others become new frames on its page', () => {
  const issue = threadedIssue();
  // Current page 3, but the selected frame is on page 1: its page takes the rest.
  const plan = planPlace(issue, templates, 'ph1', 2, 2, ids());
  assert.deepEqual(plan[0], { into: 'ph1' });
  assert.ok('newFrame' in plan[1] && plan[1].newFrame.pageIndex === 0);
  const after = run(issue, placePhotos(plan, [asset('x1'), asset('x2')]));
  assert.equal(photo(after, 'ph1').assetId, 'x1');
  assert.equal(after.pages[0].frames.length, issue.pages[0].frames.length + 1);
  assert.equal((after.pages[0].frames.at(-1) as PhotoFrame).assetId, 'x2');
});

test('a filled photo frame selected: its image is replaced in place (frame, crop and caption kept), one step', () => {
  const base = threadedIssue();
  const filled = run(base, placePhotos([{ into: 'ph1' }], [asset('old')]));
  const withCrop = { ...filled, pages: filled.pages.map((p) => ({ ...p, frames: p.frames.map((f) => (f.id === 'ph1' ? { ...f, focus: { x: 0.2, y: 0.3 }, captionText: '图说' } : f)) })) };
  const plan = planPlace(withCrop, templates, 'ph1', 0, 1, ids());
  assert.deepEqual(plan, [{ into: 'ph1' }]);
  const after = run(withCrop, placePhotos(plan, [asset('new')]));
  const f = photo(after, 'ph1');
  assert.equal(f.assetId, 'new');
  assert.deepEqual(f.focus, { x: 0.2, y: 0.3 });
  assert.equal(f.captionText, '图说');
  assert.deepEqual(f.rect, photo(withCrop, 'ph1').rect);
  assert.equal(after.pages[0].frames.length, withCrop.pages[0].frames.length, 'no new frame');
});

test('new frames go where the page is free: a slot covered by a frame is passed over, and so are the frames', () => {
  const issue = threadedIssue();
  // Page 2: fa3 (columns 0–1) and fc1 (columns 2–5) fill lines 0–39; the photo slot (columns 0–2, lines 63–86) is free.
  const plan = planPlace(issue, templates, null, 1, 3, ids()).map((x) => ('newFrame' in x ? x.newFrame : assert.fail('new')));
  assert.equal(plan[0].slot, '图片');
  assert.deepEqual(plan[1].rect, { column: 6, span: 2, line: 0, lines: 16 }, 'beside the stories');
  assert.deepEqual(plan[2].rect, { column: 6, span: 2, line: 16, lines: 16 }, 'under the one before');
  // A frame drawn over the slot without its name: the slot is not free.
  const covered = { ...issue, pages: issue.pages.map((p, i) => (i === 1 ? { ...p, frames: [...p.frames, { id: 'cover', type: 'rule' as const, orientation: 'horizontal' as const, weight: 0.5, rect: { column: 1, span: 2, line: 70, lines: 2 } }] } : p)) };
  const plan2 = planPlace(covered, templates, null, 1, 1, ids());
  assert.ok('newFrame' in plan2[0] && plan2[0].newFrame.slot === undefined && plan2[0].newFrame.rect.column === 6);
  // A full page: the photos still go on it, down from the top-left a column and two lines apart.
  const full = { ...issue, pages: issue.pages.map((p, i) => (i === 2 ? { ...p, frames: [{ id: 'all', type: 'rule' as const, orientation: 'horizontal' as const, weight: 0.5, rect: { column: 0, span: 8, line: 0, lines: templates.get(p.templateId)!.lines } }] } : p)) };
  const plan3 = planPlace(full, templates, null, 2, 2, ids()).map((x) => ('newFrame' in x ? x.newFrame.rect : assert.fail('new')));
  assert.deepEqual(plan3, [{ column: 0, span: 2, line: 0, lines: 16 }, { column: 1, span: 2, line: 2, lines: 16 }]);
});

test('a story frame selected: the photos do not go into it — new photo frames on the current page', () => {
  const issue = threadedIssue();
  const plan = planPlace(issue, templates, 'fa1', 1, 2, ids());
  assert.ok(plan.every((x) => 'newFrame' in x && x.newFrame.pageIndex === 1));
  const after = run(issue, placePhotos(plan, [asset('x1'), asset('x2')]));
  assert.deepEqual(findFrame(after, 'fa1')!.frame, findFrame(issue, 'fa1')!.frame);
});

test('all photos placed are one undo step; undo leaves the issue as it was', () => {
  const issue = threadedIssue();
  const session = new IssueSession({ issue, path: '/x/a.broadsheet', templates, compose: (i) => compose(i), newId: counterIds() });
  const plan = planPlace(session.issue, templates, 'ph1', 0, 3, (p) => session.newId(p));
  assert.ok(session.apply(placePhotos(plan, [asset('x1'), asset('x2'), asset('x3')])).ok);
  assert.equal(session.issue.assets.length, 3);
  assert.deepEqual(session.undoLabel, { key: 'ph.op.placePhotos', values: { count: 3 } });
  assert.ok(session.undo());
  assert.equal(session.issue, issue);
  assert.equal(session.canUndo, false);
});

test('refused: a place plan and photos that do not match, a page that is not there', () => {
  const issue = threadedIssue();
  assert.throws(() => run(issue, placePhotos([{ into: 'ph1' }], [])), (e: unknown) => e instanceof OperationError && e.key === 'ph.error.placeCount');
  assert.throws(() => planPlace(issue, templates, null, 9, 1, ids()), (e: unknown) => e instanceof OperationError && e.key === 'error.noPage');
  assert.deepEqual(planPlace(issue, templates, null, 0, 0, ids()), []);
  // Placing into a story frame by id is refused by the photo operation (wrong frame type).
  assert.throws(() => run(issue, placePhotos([{ into: 'fa1' }], [asset('x1')])), (e: unknown) => e instanceof OperationError && e.key === 'error.wrongFrameType');
});

test('placeable images: JPEG, PNG, TIFF, WebP by type or name; text, PDF and SVG are not', () => {
  assert.ok(isPlaceableImage({ name: 'a.JPG', type: '' }));
  assert.ok(isPlaceableImage({ name: 'scan', type: 'image/tiff' }));
  assert.ok(isPlaceableImage({ name: 'x.webp', type: 'image/webp' }));
  assert.ok(!isPlaceableImage({ name: 'notes.txt', type: 'text/plain' }));
  assert.ok(!isPlaceableImage({ name: 'page.pdf', type: 'application/pdf' }));
  assert.ok(!isPlaceableImage({ name: 'logo.svg', type: 'image/svg+xml' }));
});

// ── captions ─────────────────────────────────────────────────────────────────────────────

/** A placed story with a figure (caption with a bold name, credit) shown in photo frame ph. */
function figureIssue(figure: unknown = { type: 'figure', content: [{ type: 'photo', attrs: { assetId: null } }, { type: 'caption', content: [{ type: 'text', text: '市民' }, { type: 'text', text: '张三', marks: [{ type: 'bold' }] }, { type: 'text', text: '在公园晨练。' }] }, { type: 'credit', content: [{ type: 'text', text: '李四 摄' }] }] }): Issue {
  const story = { id: 's', slug: 's', status: 'draft' as const, doc: { type: 'doc' as const, content: [{ type: 'headline', content: [{ type: 'text', text: '公园' }] }, { type: 'paragraph', content: [{ type: 'text', text: '正文。' }] }, figure] } };
  return issueOf(
    [
      {
        frames: [
          { id: 'fs', type: 'story', storyId: 's', rect: { column: 0, span: 3, line: 0, lines: 30 } },
          { id: 'ph', type: 'photo', assetId: null, storyId: 's', figure: 0, rect: { column: 3, span: 3, line: 0, lines: 20 }, fit: 'fill', caption: 'below', captionText: '不显示的图说' },
          { id: 'solo', type: 'photo', assetId: null, rect: { column: 0, span: 3, line: 40, lines: 20 }, fit: 'fill', caption: 'below', captionText: '独立图说', credit: '王五 摄' },
        ],
      },
    ],
    [story],
  );
}

test('a figure photo’s caption is its story’s caption node; a standalone photo’s is its captionText (as the composer shows them)', () => {
  const issue = figureIssue();
  assert.deepEqual(captionSource(issue, photo(issue, 'ph')), { kind: 'figure', storyId: 's', figure: 0 });
  assert.equal(captionText(issue, 'ph', 'caption'), '市民张三在公园晨练。');
  assert.equal(captionText(issue, 'ph', 'credit'), '李四 摄');
  assert.deepEqual(captionSource(issue, photo(issue, 'solo')), { kind: 'frame' });
  assert.equal(captionText(issue, 'solo', 'caption'), '独立图说');
  // The story unplaced (its frame deleted): the composer shows the frame's own text, and so do we.
  const unplaced = { ...issue, pages: issue.pages.map((p) => ({ ...p, frames: p.frames.filter((f) => f.id !== 'fs') })) };
  assert.deepEqual(captionSource(unplaced, photo(unplaced, 'ph')), { kind: 'frame' });
  assert.equal(captionText(unplaced, 'ph', 'caption'), '不显示的图说');
  // What the page shows is what we read: the composed caption lines of the figure frame hold that text.
  const layout = compose(issue).stories.s;
  const capLines = layout.lines.filter((l) => l.frameId === 'ph' && l.style === 'caption');
  assert.ok(capLines.length >= 1);
  assert.equal(capLines.map((l) => l.runs.map((r) => r.chars.join('')).join('')).join(''), '市民张三在公园晨练。');
});

test('editing a figure caption changes the story’s caption node only — marks outside the change kept — and recomposes that story', () => {
  const issue = figureIssue();
  const after = run(issue, setPhotoCaption('ph', 'caption', '市民张三在公园里晨练。'));
  assert.equal(captionText(after, 'ph', 'caption'), '市民张三在公园里晨练。');
  const fig = (after.stories[0].doc as unknown as { content: Array<{ type: string; content?: Array<{ type: string; content?: Array<{ text: string; marks?: unknown[] }> }> }> }).content[2];
  const caption = fig.content!.find((c) => c.type === 'caption')!;
  assert.deepEqual(
    caption.content!.map((n) => [n.text, !!n.marks]),
    [['市民', false], ['张三', true], ['在公园里晨练。', false]],
    'the bold name stays bold',
  );
  assert.equal(photo(after, 'ph').captionText, '不显示的图说', 'the frame’s own text untouched');
  assert.equal(after.pages, issue.pages, 'no frame changed');
  const layout = compose(after).stories.s;
  assert.equal(layout.lines.filter((l) => l.frameId === 'ph' && l.style === 'caption').map((l) => l.runs.map((r) => r.chars.join('')).join('')).join(''), '市民张三在公园里晨练。');
  // The credit likewise.
  const credited = run(after, setPhotoCaption('ph', 'credit', '赵六 摄'));
  assert.equal(captionText(credited, 'ph', 'credit'), '赵六 摄');
});

test('a figure with no caption node gets one after its photo; emptying a caption leaves it empty, the figure whole', () => {
  const bare = figureIssue({ type: 'figure', content: [{ type: 'photo', attrs: { assetId: null } }, { type: 'credit', content: [{ type: 'text', text: '李四 摄' }] }] });
  const after = run(bare, setPhotoCaption('ph', 'caption', '新图说'));
  const fig = (after.stories[0].doc as unknown as { content: Array<{ content?: Array<{ type: string }> }> }).content[2];
  assert.deepEqual(fig.content!.map((c) => c.type), ['photo', 'caption', 'credit']);
  assert.equal(captionText(after, 'ph', 'caption'), '新图说');
  const emptied = run(after, setPhotoCaption('ph', 'caption', '   '));
  assert.equal(captionText(emptied, 'ph', 'caption'), '');
  assert.equal(captionText(emptied, 'ph', 'credit'), '李四 摄');
  // Nothing typed into a missing caption: nothing changes.
  assert.equal(run(bare, setPhotoCaption('ph', 'caption', '')), bare);
});

test('a standalone caption edit sets captionText (cleaned to one line); the same text is no change; empty removes it', () => {
  const issue = figureIssue();
  const after = run(issue, setPhotoCaption('solo', 'caption', '  独立图说\n第二行  '));
  assert.equal(photo(after, 'solo').captionText, '独立图说 第二行');
  assert.equal(after.stories, issue.stories, 'no story changed');
  assert.equal(run(issue, setPhotoCaption('solo', 'caption', '独立图说')), issue);
  const cleared = run(issue, setPhotoCaption('solo', 'credit', ''));
  assert.equal('credit' in photo(cleared, 'solo'), false);
  assert.equal(cleanCaption('a\r\n\tb   c'), 'a b c');
  assert.throws(() => run(issue, setPhotoCaption('fs', 'caption', 'x')), (e: unknown) => e instanceof OperationError && e.key === 'error.wrongFrameType');
  assert.throws(() => run(issue, setPhotoCaption('nope', 'caption', 'x')), (e: unknown) => e instanceof OperationError && e.key === 'error.noFrame');
});

test('a caption edit is one undo step in the session; undo gives the issue back', () => {
  const issue = figureIssue();
  const session = new IssueSession({ issue, path: '/x/a.broadsheet', templates, compose: (i) => compose(i), newId: counterIds() });
  assert.ok(session.apply(setPhotoCaption('ph', 'caption', '改过的图说')).ok);
  assert.ok(session.apply(setPhotoCaption('solo', 'caption', '改过的独立图说')).ok);
  assert.equal(session.composed.stories.s.lines.filter((l) => l.frameId === 'ph' && l.style === 'caption').map((l) => l.runs.map((r) => r.chars.join('')).join('')).join(''), '改过的图说');
  assert.deepEqual(session.undoLabel, { key: 'ph.op.editCaption' });
  assert.ok(session.undo());
  assert.equal(photo(session.issue, 'solo').captionText, '独立图说');
  assert.equal(captionText(session.issue, 'ph', 'caption'), '改过的图说');
  assert.ok(session.undo());
  assert.equal(session.issue, issue);
});

// ── where captions stand on the page ─────────────────────────────────────────────────────

test('caption boxes: a standalone caption at the frame’s last lines, a figure caption where the story set it; a hit finds the part', async () => {
  const { captionBoxes, captionAt } = await import('../../renderer/workspace/caption-edit.js');
  const { fonts } = await import('../fixtures/build.js');
  const issue = figureIssue();
  const composed = compose(issue);
  const t = templates.get(issue.pages[0].templateId)!;
  const solo = captionBoxes(issue, composed, templates, fonts, 'solo');
  assert.deepEqual(solo.map((b) => [b.part, b.text, b.lines]), [['caption', '独立图说', 1], ['credit', '王五 摄', 1]]);
  const frameBox = t.box(photo(issue, 'solo').rect);
  // Caption then credit on the frame's last two grid lines (under the photo).
  assert.ok(Math.abs(solo[1].top + solo[1].height - (t.baseline(59) + 0.12 * solo[1].size)) < 0.01, 'the credit on the last line');
  assert.ok(Math.abs(solo[0].top - (t.baseline(58) - 0.88 * solo[0].size)) < 0.01, 'the caption on the line before');
  assert.equal(solo[0].x, frameBox.x);
  assert.equal(solo[0].width, frameBox.w);
  assert.equal(solo[0].font, t.style('caption').font);
  const fig = captionBoxes(issue, composed, templates, fonts, 'ph');
  const capLines = composed.stories.s.lines.filter((l) => l.frameId === 'ph' && l.style === 'caption');
  assert.equal(fig[0].part, 'caption');
  assert.equal(fig[0].text, '市民张三在公园晨练。');
  assert.equal(fig[0].lines, capLines.length);
  assert.ok(Math.abs(fig[0].top - (capLines[0].baseline - 0.88 * fig[0].size)) < 0.01);
  // Hits: on the caption line, on the credit line, on the photo (none).
  assert.equal(captionAt(solo, { x: frameBox.x + 10, y: t.baseline(58) - 2 })?.part, 'caption');
  assert.equal(captionAt(solo, { x: frameBox.x + 10, y: t.baseline(59) - 2 })?.part, 'credit');
  assert.equal(captionAt(solo, { x: frameBox.x + 10, y: frameBox.y + 20 }), undefined);
  // No caption: an empty caption line offered at the frame's foot; 'none' offers nothing.
  const bare = { ...issue, pages: issue.pages.map((p) => ({ ...p, frames: p.frames.map((f) => (f.id === 'solo' ? { ...f, captionText: undefined, credit: undefined } : f)) })) };
  const empty = captionBoxes(bare, compose(bare), templates, fonts, 'solo');
  assert.deepEqual(empty.map((b) => [b.part, b.text, b.lines]), [['caption', '', 0]]);
  assert.equal(captionAt(empty, { x: frameBox.x + 10, y: t.baseline(59) - 2 })?.part, 'caption');
  const none = { ...issue, pages: issue.pages.map((p) => ({ ...p, frames: p.frames.map((f) => (f.id === 'solo' ? { ...f, caption: 'none' as const } : f)) })) };
  assert.deepEqual(captionBoxes(none, compose(none), templates, fonts, 'solo'), []);
  assert.deepEqual(captionBoxes(issue, composed, templates, fonts, 'fs'), [], 'a story frame has no caption boxes');
});
