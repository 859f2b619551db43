/// <reference path="../../types/fontkit.d.ts" />
import assert from 'node:assert/strict';
import { appendFileSync, copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import * as fontkit from 'fontkit';
import type { Font as FontkitFont } from 'fontkit';
import { FontkitFace } from '../../core/fonts/fontkit-metrics.js';
import type { FontFace } from '../../core/fonts/types.js';
import { cachedFace, configureFaceCache, saveFaceCaches, type RealFace } from '../../node/face-cache.js';
import { fontFilePath } from '../../node/font-files.js';

// node/face-cache.ts: the bundled CLI keeps font faces' answers between runs. They must be
// exactly fontkit's, and never outlive the font file or the build that gave them.

const QUESTIONS = {
  glyphs: [0x4e2d, 0x6587, 0x3002, 0xff0c, 0x201c, 0x2014, 0x41, 0x1fae8],
  sides: [0x3002, 0xff0c, 0x201c, 0x201d, 0x300a, 0xff1a],
  fwid: [0x2014, 0x201c, 0x4e2d],
  words: ['Hello', 'AVATAR', '2023', 'GDP', ','],
};

/** Every answer a face gives to QUESTIONS, in one comparable object. */
function answers(face: FontFace) {
  const glyphs = QUESTIONS.glyphs.map((cp) => face.glyphId(cp));
  return {
    metrics: [face.unitsPerEm, face.ascent, face.descent],
    glyphs,
    advances: glyphs.map((g) => face.advance(g)),
    bounds: glyphs.map((g) => face.bounds(g)),
    sides: QUESTIONS.sides.map((cp) => face.emptySides!(cp)),
    fwid: QUESTIONS.fwid.map((cp) => face.fullWidthGlyph!(cp)),
    shapes: QUESTIONS.words.map((w) => face.shape(w)),
  };
}

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'face-cache-'));
  const fontPath = join(dir, 'serif.ttf');
  copyFileSync(fontFilePath('serif'), fontPath);
  const cacheDir = join(dir, 'cache');
  let parses = 0;
  const real = (): RealFace => {
    parses++;
    return new FontkitFace('serif', fontkit.create(readFileSync(fontPath)) as FontkitFont);
  };
  return { dir, fontPath, cacheDir, real, parses: () => parses };
}

test('answers recorded in one run are the next run’s, exactly fontkit’s, without parsing the font again', () => {
  const s = setup();
  try {
    const truth = answers(s.real());
    configureFaceCache({ dir: s.cacheDir, version: 'build-a' });
    const first = cachedFace('serif', () => s.fontPath, s.real);
    assert.deepEqual(answers(first), truth);
    assert.equal(s.parses(), 2, 'the first run parses the font for its questions');
    saveFaceCaches();
    assert.ok(existsSync(join(s.cacheDir, 'face-serif.json')));

    const second = cachedFace('serif', () => s.fontPath, s.real);
    assert.deepEqual(answers(second), truth);
    assert.equal(s.parses(), 2, 'every answer came from the cache');
    // A question the cache has no answer for parses the font, and gets fontkit's answer.
    assert.equal(second.glyphId(0x4e00), s.real().glyphId(0x4e00));
    assert.equal(s.parses(), 4);
  } finally {
    configureFaceCache(undefined);
    rmSync(s.dir, { recursive: true, force: true });
  }
});

test('a changed font file, another build, or the cache turned off: the answers are not reused', () => {
  const s = setup();
  try {
    configureFaceCache({ dir: s.cacheDir, version: 'build-a' });
    answers(cachedFace('serif', () => s.fontPath, s.real));
    saveFaceCaches();
    const reused = () => {
      const before = s.parses();
      answers(cachedFace('serif', () => s.fontPath, s.real));
      return s.parses() === before;
    };
    assert.ok(reused());

    // Another build (any source or package changed): afresh.
    configureFaceCache({ dir: s.cacheDir, version: 'build-b' });
    assert.ok(!reused());
    configureFaceCache({ dir: s.cacheDir, version: 'build-a' });
    assert.ok(reused());

    // The font file touched (same bytes, another mtime), then rewritten with other bytes: afresh each time.
    utimesSync(s.fontPath, new Date(2001, 0, 1), new Date(2001, 0, 1));
    assert.ok(!reused());
    saveFaceCaches();
    assert.ok(reused(), 'the answers are filed again under the file as it is now');
    appendFileSync(s.fontPath, Buffer.alloc(4));
    assert.ok(!reused());

    // Off (runs from sources): the real face itself.
    configureFaceCache(undefined);
    const before = s.parses();
    assert.ok(cachedFace('serif', () => s.fontPath, s.real) instanceof FontkitFace);
    assert.equal(s.parses(), before + 1);
  } finally {
    configureFaceCache(undefined);
    rmSync(s.dir, { recursive: true, force: true });
  }
});

test('answers are not saved when the font file changed while they were asked', () => {
  const s = setup();
  try {
    configureFaceCache({ dir: s.cacheDir, version: 'build-a' });
    answers(cachedFace('serif', () => s.fontPath, s.real));
    appendFileSync(s.fontPath, Buffer.alloc(4));
    saveFaceCaches();
    assert.ok(!existsSync(join(s.cacheDir, 'face-serif.json')));
  } finally {
    configureFaceCache(undefined);
    rmSync(s.dir, { recursive: true, force: true });
  }
});

test('a damaged answers file (wrong shapes, truncated) is ignored, not trusted', () => {
  const s = setup();
  try {
    configureFaceCache({ dir: s.cacheDir, version: 'build-a' });
    const truth = answers(cachedFace('serif', () => s.fontPath, s.real));
    saveFaceCaches();
    const file = join(s.cacheDir, 'face-serif.json');
    const good = JSON.parse(readFileSync(file, 'utf8'));
    for (const damaged of [{ ...good, glyph: [[0x4e2d, 'x']] }, { ...good, sides: [[0x3002, 1, 2, 'guess']] }, { ...good, shape: 'Hello' }, JSON.stringify(good).slice(0, 100)]) {
      writeFileSync(file, typeof damaged === 'string' ? damaged : JSON.stringify(damaged));
      const before = s.parses();
      assert.deepEqual(answers(cachedFace('serif', () => s.fontPath, s.real)), truth);
      assert.equal(s.parses(), before + 1, 'answered by parsing the font');
    }
  } finally {
    configureFaceCache(undefined);
    rmSync(s.dir, { recursive: true, force: true });
  }
});
