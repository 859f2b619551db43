import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CDPSession, Page } from 'playwright-core';
import { openHarness, type Harness } from './editor-harness-host.js';
import { ascents } from './font-ascents.js';

// Editing text on the page: the story's ProseMirror text sits where the composer
// placed it (design.md "Editing on the page"), Chinese input lands once and in place, and
// nothing recomposes under a composition. Driven in Debian's Chromium with real fonts.

interface GlyphCheck { pos: number; char: string; li: number; dx: number; dy: number }

/** Every placed glyph's on-page position minus the composer's, in CSS px (Range.getClientRects per character). */
async function glyphOffsets(page: Page): Promise<GlyphCheck[]> {
  const raw = await page.evaluate(() => {
    const bs = (window as any).bs;
    const host = bs.hostRect();
    return bs.glyphs().map((g: any) => {
      const r = bs.charRect(g.pos);
      return { pos: g.pos, char: g.char, li: g.li, font: g.font, size: g.size * bs.scale, left: r ? r.left - host.left : NaN, top: r ? r.top - host.top : NaN, x: g.ox + g.x * bs.scale, baseline: g.oy + g.baseline * bs.scale };
    });
  });
  // Chromium's text box starts at the baseline minus the face's ascent, rounded to a whole pixel.
  return raw.map((g: any) => ({ pos: g.pos, char: g.char, li: g.li, dx: g.left - g.x, dy: g.top + Math.round(ascents[g.font] * g.size) - g.baseline }));
}

function assertPlaced(checks: GlyphCheck[], tolerance = 0.5) {
  assert.ok(checks.length > 50, 'glyphs to check');
  const bad = checks.filter((c) => !(Math.abs(c.dx) <= tolerance && Math.abs(c.dy) <= tolerance));
  assert.deepEqual(bad.slice(0, 5), [], `${bad.length} of ${checks.length} glyphs off by more than ${tolerance} px`);
}

const text = (page: Page) => page.evaluate(() => (window as any).bs.text() as string);
const layouts = (page: Page) => page.evaluate(() => (window as any).bs.layouts.length as number);
const overset = (page: Page) => page.evaluate(() => (window as any).bs.table.overset.chars as number);
const head = (page: Page) => page.evaluate(() => (window as any).bs.head() as number);
const lines = (page: Page) => page.evaluate(() => (window as any).bs.table.lines.map((l: any) => ({ from: l.from, to: l.to, columnX: l.columnX })) as Array<{ from: number; to: number; columnX: number }>);
const select = (page: Page, pos: number) => page.evaluate((p) => (window as any).bs.select(p), pos);

/** Pinyin through a DevTools session: composition updates, then the commit (portabletext PR #2269 way). */
async function typePinyin(page: Page, cdp: CDPSession, pinyin: string, commit: string) {
  for (let i = 1; i <= pinyin.length; i++) {
    const t = pinyin.slice(0, i);
    await cdp.send('Input.imeSetComposition', { text: t, selectionStart: t.length, selectionEnd: t.length });
  }
  const during = await layouts(page);
  // The composing line is drawn above its neighbours (long pinyin runs over the next column).
  const z = await page.evaluate(() => { const n = document.getSelection()!.focusNode!; const piece = (n.nodeType === 1 ? (n as Element) : n.parentElement!).closest('.bs-piece, .bs-empty'); return piece ? getComputedStyle(piece).zIndex : 'none'; });
  assert.equal(z, '2');
  await cdp.send('Input.insertText', { text: commit });
  await page.waitForFunction(() => !(window as any).bs.editor.composing);
  await page.waitForFunction((n) => (window as any).bs.layouts.length > n, during);
  return during;
}

// The toy composer (fixed-width Latin the browser would never choose) and the real
// typesetter (core/typeset with fontkit advances of the same font files: 开明 compression,
// line-end halving, Han–Latin spacing, justification) until core/compose lands.
for (const composer of ['toy', 'typeset'] as const)
describe(`story editor in Chromium, ${composer} composer`, () => {
  let h: Harness;
  let cdp: CDPSession;
  before(async () => {
    h = await openHarness(`composer=${composer}`);
    cdp = await h.page.context().newCDPSession(h.page);
  });
  after(async () => h?.close());

  test('every editable glyph is where the composer placed it, within 0.5 px at 100 % — justified and mixed Chinese–Latin lines included', async () => {
    const checks = await glyphOffsets(h.page);
    assertPlaced(checks);
    // The fixture must exercise what the browser would get wrong on its own.
    const shape = await h.page.evaluate(() => {
      const bs = (window as any).bs;
      const ls = bs.table.lines;
      const mixed = ls.filter((l: any) => { const t = l.runs.flatMap((r: any) => r.glyphs.map((g: any) => g.char)).join(''); return /[A-Za-z0-9]/.test(t) && /\p{Script=Han}/u.test(t); }).length;
      const stretched = [...document.querySelectorAll('.bs-piece')].filter((e) => parseFloat((e as HTMLElement).style.letterSpacing) > 0).length;
      return { mixed, stretched };
    });
    assert.ok(shape.mixed >= 2, 'mixed Chinese–Latin lines');
    assert.ok(shape.stretched >= 2, 'justified (stretched) lines');
  });

  test('at 200 % zoom the glyphs follow too', async () => {
    await h.page.evaluate(() => (window as any).bs.editor.setScale(2 * 96 / 72));
    await h.page.evaluate(() => { (window as any).bs.scale = 2 * 96 / 72; });
    assertPlaced(await glyphOffsets(h.page));
    await h.page.evaluate(() => { (window as any).bs.scale = 96 / 72; (window as any).bs.editor.setScale(96 / 72); });
  });

  test('clicks in the left quarter of a glyph put the caret before it', async () => {
    const targets = await h.page.evaluate(() => {
      const bs = (window as any).bs;
      const host = bs.hostRect();
      const gs = bs.glyphs().filter((_: unknown, i: number) => i % 5 === 2);
      return gs.map((g: any) => ({ pos: g.pos, x: host.left + g.ox + (g.x + g.advance * 0.25) * bs.scale, y: host.top + g.oy + (g.baseline - g.size * 0.4) * bs.scale }));
    });
    let hits = 0;
    for (const t of targets) {
      await h.page.mouse.click(t.x, t.y);
      // ProseMirror reads the DOM selection on selectionchange, a moment after the click.
      const ok = await h.page.waitForFunction((p) => (window as any).bs.head() === p, t.pos, { timeout: 2000 }).then(() => true, () => false);
      if (ok) hits++;
    }
    assert.equal(hits, targets.length);
  });

  test('pinyin at a paragraph start, mid-line and after "，" lands once, in place; nothing recomposes while composing', async () => {
    const original = await text(h.page);
    const ls = await lines(h.page);
    const paraStart = ls.find((l, i) => i > 0 && ls[i - 1].to < l.from)!.from;
    await select(h.page, paraStart);
    let n = await layouts(h.page);
    let during = await typePinyin(h.page, cdp, 'zhongguo', '中国');
    assert.equal(during, n, 'no layout while composing');
    assert.equal(await layouts(h.page), n + 1, 'recomposed once, from compositionend');
    const t1 = await text(h.page);
    const paraIndex = original.split('\n').findIndex((p, i, all) => all.slice(0, i).join('\n').length + (i ? 1 : 0) >= 0 && p.startsWith('其中'));
    assert.equal(t1.split('\n')[paraIndex], '中国' + original.split('\n')[paraIndex]);

    const mid = ls[0].from + 3;
    await select(h.page, mid);
    n = await layouts(h.page);
    during = await typePinyin(h.page, cdp, 'renmin', '人民');
    assert.equal(during, n);
    const t2 = await text(h.page);
    assert.equal(t2, t1.slice(0, 3) + '人民' + t1.slice(3));

    const comma = (await text(h.page)).indexOf('，') + 1; // first paragraph: text offset + 1 = doc position
    await select(h.page, comma + 1);
    await typePinyin(h.page, cdp, 'ribao', '日报');
    const t3 = await text(h.page);
    assert.equal(t3, t2.slice(0, comma) + '日报' + t2.slice(comma));
    assert.ok(!/[a-z]{2,}/.test(t3.replace(/the State Council met on Monday/, '')), 'no stray pinyin');
    assertPlaced(await glyphOffsets(h.page));
  });

  test('pinyin at a line end (caret drawn there by End) and over a selection across lines lands once; undo takes it out', async () => {
    let ls = await lines(h.page);
    const before = await text(h.page);
    await select(h.page, ls[1].from + 1);
    await h.page.keyboard.press('End');
    const at = await head(h.page);
    assert.equal(at, ls[1].to);
    await typePinyin(h.page, cdp, 'xinwen', '新闻');
    const t1 = await text(h.page);
    assert.equal(t1, before.slice(0, at - 1) + '新闻' + before.slice(at - 1));
    assertPlaced(await glyphOffsets(h.page));
    ls = await lines(h.page);
    const from = ls[2].to - 2;
    const to = ls[3].from + 2;
    await h.page.evaluate(([a, b]) => { const bs = (window as any).bs; bs.view.focus(); bs.view.dispatch(bs.view.state.tr.setSelection(bs.TextSelection.create(bs.view.state.doc, a, b))); }, [from, to]);
    await typePinyin(h.page, cdp, 'ti', '替');
    const t2 = await text(h.page);
    assert.equal(t2, t1.slice(0, from - 1) + '替' + t1.slice(to - 1));
    assertPlaced(await glyphOffsets(h.page));
    for (let i = 0; i < 4 && (await text(h.page)) !== before; i++) await h.page.keyboard.press('Control+z');
    assert.equal(await text(h.page), before);
  });

  test('while pinyin is composed mid-line the rest of the line moves aside: no glyph of the line is painted over', async () => {
    // A line placed as several pieces (each adjustment starts one); the caret in the middle of its first piece.
    const at = await h.page.evaluate(() => {
      const bs = (window as any).bs;
      const byKey = new Map<string, Element[]>();
      for (const el of document.querySelectorAll('.bs-piece')) byKey.set(el.getAttribute('data-k')!, [...(byKey.get(el.getAttribute('data-k')!) ?? []), el]);
      const pieces = [...byKey.values()].find((ps) => ps.length >= 3 && (ps[0].textContent ?? '').length >= 2)!;
      return bs.view.posAtDOM(pieces[0].firstChild, 1) as number;
    });
    await select(h.page, at);
    /** The x-extents of every character on the composing line, in painting order left to right, and any two that overlap. */
    const overlaps = () =>
      h.page.evaluate(() => {
        const n = document.getSelection()!.focusNode!;
        const piece = (n.nodeType === 1 ? (n as Element) : n.parentElement!).closest('.bs-piece')!;
        const k = piece.getAttribute('data-k');
        const boxes: Array<{ c: string; l: number; r: number }> = [];
        for (const el of document.querySelectorAll(`.bs-piece[data-k="${k}"]`)) {
          const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
          for (let t = walker.nextNode() as Text | null; t; t = walker.nextNode() as Text | null) {
            for (let i = 0; i < t.data.length; i++) {
              const r = document.createRange();
              r.setStart(t, i);
              r.setEnd(t, i + 1);
              const b = r.getBoundingClientRect();
              if (b.width > 0) boxes.push({ c: t.data[i], l: b.left, r: b.right });
            }
          }
        }
        boxes.sort((a, b) => a.l - b.l);
        return { count: boxes.length, bad: boxes.slice(1).filter((b, i) => b.l < boxes[i].r - 1).map((b) => b.c).join('') };
      });
    const still = await overlaps();
    assert.equal(still.bad, '', 'nothing overlaps before composing');
    for (const t of ['s', 'sh', 'shi', 'shiz', 'shizh', 'shizhe', 'shizhen', 'shizheng', 'shizhengfu']) {
      await cdp.send('Input.imeSetComposition', { text: t, selectionStart: t.length, selectionEnd: t.length });
    }
    const during = await overlaps();
    assert.equal(during.count, still.count + 'shizhengfu'.length);
    assert.equal(during.bad, '', 'the preedit and the text after it do not overlap');
    const before = await text(h.page);
    await cdp.send('Input.insertText', { text: '市政府' });
    await h.page.waitForFunction(() => !(window as any).bs.editor.composing);
    await h.page.waitForFunction(() => [...document.querySelectorAll('.bs-piece')].every((el) => getComputedStyle(el).translate === 'none'), undefined, { timeout: 2000 });
    assert.ok((await text(h.page)).length === before.length - 'shizhengfu'.length + 3);
    assertPlaced(await glyphOffsets(h.page));
  });

  test('pinyin into an empty paragraph lands there', async () => {
    const empty = await h.page.evaluate(() => (window as any).bs.table.lines.find((l: any) => l.from === l.to).from as number);
    await select(h.page, empty);
    await typePinyin(h.page, cdp, 'kong', '空');
    const paras = (await text(h.page)).split('\n');
    assert.ok(paras.includes('空'), JSON.stringify(paras));
  });

  test('ArrowRight crosses a line break in one press; ArrowDown at a column foot goes to the next column; End, Shift+arrows, Home', async () => {
    let ls = await lines(h.page);
    await select(h.page, ls[0].to - 1);
    await h.page.keyboard.press('ArrowRight');
    assert.equal(await head(h.page), ls[0].to);
    await h.page.keyboard.press('ArrowRight');
    assert.equal(await head(h.page), ls[0].to + 1);
    const foot = ls.findIndex((l, i) => ls[i + 1] && ls[i + 1].columnX !== l.columnX);
    await select(h.page, ls[foot].from + 1);
    await h.page.keyboard.press('ArrowDown');
    const pos = await head(h.page);
    assert.ok(pos >= ls[foot + 1].from && pos <= ls[foot + 1].to, `${pos} on the next column's first line`);
    // End draws the caret at the end of its own line.
    await select(h.page, ls[1].from + 1);
    await h.page.keyboard.press('End');
    assert.equal(await head(h.page), ls[1].to);
    const drawnOn = await h.page.evaluate(() => {
      const n = document.getSelection()!.focusNode!;
      const key = Number((n.nodeType === 1 ? (n as Element) : n.parentElement!).closest('.bs-piece')?.getAttribute('data-k'));
      return (window as any).bs.lineOfKey(key);
    });
    assert.equal(drawnOn, 1);
    // Shift+ArrowRight across the break selects exactly the two characters; Home goes back to the line start.
    await select(h.page, ls[0].to - 1);
    await h.page.keyboard.press('Shift+ArrowRight');
    await h.page.keyboard.press('Shift+ArrowRight');
    const sel = await h.page.evaluate(() => { const s = (window as any).bs.view.state.selection; return [s.from, s.to]; });
    assert.deepEqual(sel, [ls[0].to - 1, ls[0].to + 1]);
    await h.page.keyboard.press('Home');
    assert.equal(await head(h.page), ls[1].from);
    ls = await lines(h.page);
  });

  test('Backspace at a line start and Delete at a line end remove exactly one character', async () => {
    const ls = await lines(h.page);
    const before = await text(h.page);
    const at = ls[1].from; // a soft break inside the first paragraph
    await select(h.page, at);
    await h.page.keyboard.press('Backspace');
    const afterBs = await text(h.page);
    assert.equal(afterBs, before.slice(0, at - 2) + before.slice(at - 1));
    const ls2 = await lines(h.page);
    await select(h.page, ls2[1].to);
    await h.page.keyboard.press('Delete');
    const afterDel = await text(h.page);
    assert.equal(afterDel, afterBs.slice(0, ls2[1].to - 1) + afterBs.slice(ls2[1].to));
  });

  test('a paste from Word arrives as story paragraphs: Office markup, indentation and empty paragraphs gone, bold kept', async () => {
    const ls = await lines(h.page);
    const before = await text(h.page);
    await select(h.page, ls[0].from);
    await h.page.evaluate(() => {
      const html = '<html><head><style>p.MsoNormal{margin:0}</style></head><body><!--[if gte mso 9]><xml><o:OfficeDocumentSettings></o:OfficeDocumentSettings></xml><![endif]-->' +
        '<p class=MsoNormal style="text-indent:2em">\u3000\u3000甲<span style="font-weight:bold">乙</span>丙<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p><h1>丁</h1>';
      const dt = new DataTransfer();
      dt.setData('text/html', html);
      dt.setData('text/plain', '甲乙丙\n\n丁');
      (window as any).bs.view.dom.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    });
    const after = await text(h.page);
    assert.equal(after, '甲乙丙\n丁' + before);
    const json = await h.page.evaluate(() => (window as any).bs.view.state.doc.toJSON());
    assert.equal(json.content[1].type, 'subhead');
    assert.deepEqual(json.content[0].content.find((n: any) => n.marks)?.marks, [{ type: 'bold' }]);
    await h.page.keyboard.press('Control+z');
    assert.equal(await text(h.page), before);
  });

  test('find and replace in the story is one undoable step, and the page follows', async () => {
    const before = await text(h.page);
    const n = await h.page.evaluate(() => { const e = (window as any).bs.editor; const m = e.find('百分'); e.replace(m, '成'); return m.length; });
    assert.ok(n >= 1);
    assert.equal(await text(h.page), before.split('百分').join('成'));
    assertPlaced(await glyphOffsets(h.page));
    await h.page.keyboard.press('Control+z');
    assert.equal(await text(h.page), before);
  });

  test('typing until the story oversets moves the overset count every keystroke; undo makes it fit again', async () => {
    const original = await text(h.page);
    assert.equal(await overset(h.page), 0);
    const ls = await lines(h.page);
    await select(h.page, ls[ls.length - 1].to);
    const counts: number[] = [];
    for (let i = 0; i < 40 && counts.filter((c) => c > 0).length < 3; i++) {
      await h.page.keyboard.insertText('新闻稿件内容');
      counts.push(await overset(h.page));
    }
    const over = counts.filter((c) => c > 0);
    assert.ok(over.length >= 3, `oversets: ${counts}`);
    assert.ok(over[1] > over[0] && over[2] > over[1], 'the count follows every keystroke');
    for (let i = 0; i < 60 && (await text(h.page)) !== original; i++) await h.page.keyboard.press('Control+z');
    assert.equal(await text(h.page), original);
    assert.equal(await overset(h.page), 0);
    assertPlaced(await glyphOffsets(h.page));
  });
});

describe('story editor in Chromium, a thread across two pages', () => {
  let h: Harness;
  before(async () => {
    h = await openHarness('thread=1');
  });
  after(async () => h?.close());

  test('the continued frame on the next page is placed there, glyph for glyph', async () => {
    const pages = await h.page.evaluate(() => [...new Set((window as any).bs.table.lines.map((l: any) => l.pageIndex))]);
    assert.deepEqual(pages, [0, 1]);
    assertPlaced(await glyphOffsets(h.page));
  });

  test('ArrowDown at the foot of the frame\'s last column goes to the continued frame on the next page; ArrowUp comes back', async () => {
    const ls = await h.page.evaluate(() => (window as any).bs.table.lines.map((l: any) => ({ from: l.from, to: l.to, frameId: l.frameId })) as Array<{ from: number; to: number; frameId: string }>);
    const foot = ls.findIndex((l, i) => ls[i + 1] && ls[i + 1].frameId !== l.frameId);
    assert.ok(foot > 0);
    await select(h.page, ls[foot].from + 2);
    await h.page.keyboard.press('ArrowDown');
    const down = await head(h.page);
    assert.ok(down >= ls[foot + 1].from && down <= ls[foot + 1].to, `${down} on the continued frame's first line`);
    await h.page.keyboard.press('ArrowUp');
    assert.equal(await head(h.page), ls[foot].from + 2);
  });
});
