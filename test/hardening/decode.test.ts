// Copy decoding under damage and other encodings. Copy cut off mid-character or with a few stray bytes is still UTF-8 copy: each broken
// sequence becomes U+FFFD and the report names its line; nothing is refused for it. Real GBK
// copy is still read as GBK, and binary data is still refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import iconv from 'iconv-lite';
import { CopyFileError, decodeCopy } from '../../node/import/decode.js';
import { readCorpus } from '../fixtures/corpus.js';

const utf8 = Buffer.from(readCorpus(), 'utf8');

/** A fixed-seed generator (the cuts are the same on every run). */
function random(seed: number): () => number {
  let x = seed;
  return () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

test('15 cuts of the corpus page at random bytes: each reads as UTF-8; a cut inside a character is one replacement at the last line', () => {
  const next = random(46);
  let midCharacter = 0;
  for (let i = 0; i < 15; i++) {
    const cut = 200 + Math.floor(next() * (utf8.length - 400));
    const bytes = utf8.subarray(0, cut);
    const d = decodeCopy('cut.txt', bytes);
    assert.equal(d.encoding, 'utf-8', `cut at ${cut}`);
    const inside = (utf8[cut] & 0xc0) === 0x80; // the next byte continues a character
    if (!inside) {
      assert.equal(d.notes, undefined, `cut at ${cut} between characters changes nothing`);
      continue;
    }
    midCharacter++;
    assert.equal(d.text.split('\ufffd').length - 1, 1, `cut at ${cut}`);
    assert.ok(d.text.endsWith('\ufffd'));
    const lastLine = d.text.split('\n').length;
    assert.deepEqual(d.notes, [`"cut.txt": a broken character (invalid UTF-8) was replaced by � — line ${lastLine}; check the text there.`]);
  }
  assert.ok(midCharacter >= 5, `only ${midCharacter} of the cuts fell inside a character`);
});

test('seven stray bytes in the page: seven replacements, counted and placed right', () => {
  const bytes = Buffer.from(utf8);
  const next = random(7);
  const at = new Set<number>();
  while (at.size < 7) at.add(100 + Math.floor(next() * (bytes.length - 200)));
  for (const i of at) bytes[i] = 0xff; // never valid in UTF-8
  const d = decodeCopy('stray.txt', bytes);
  assert.equal(d.encoding, 'utf-8');
  const lines = [...at].sort((a, b) => a - b).map((i) => bytes.subarray(0, i).toString('latin1').split('\n').length);
  const replaced = d.text.split('\ufffd').length - 1;
  assert.ok(replaced >= 7, `${replaced} replacements`); // a byte inside a character breaks the rest of it too
  assert.match(d.notes?.[0] ?? '', new RegExp(`^"stray\\.txt": ${replaced} broken characters \\(invalid UTF-8\\) were replaced by � — lines `));
  for (const l of new Set(lines)) assert.match(d.notes![0], new RegExp(`\\b${l}\\b`), `line ${l} named`);
});

test('GBK copy is still GBK, whole or cut mid-character; binary data is still refused', () => {
  const gbk = iconv.encode(readCorpus(), 'gbk');
  assert.equal(decodeCopy('gbk.txt', gbk).encoding, 'gb18030');
  assert.equal(decodeCopy('gbk.txt', gbk).text, readCorpus());
  assert.equal(decodeCopy('gbk-cut.txt', gbk.subarray(0, 4001)).encoding, 'gb18030');
  const noise = Buffer.alloc(20_000);
  const next = random(3);
  for (let i = 0; i < noise.length; i++) noise[i] = 1 + Math.floor(next() * 255);
  assert.throws(() => decodeCopy('noise.bin', noise), CopyFileError);
});

test('Big5 copy (traditional Chinese) is read as Big5, not as GBK nonsense; the simplified corpus in GBK stays GBK', () => {
  const text = [
    '社區食堂開業 長者用餐更方便',
    '■ 本報記者 陳嘉慧',
    '本報訊 十一月二十日上午，位於和平街道的社區長者食堂正式開業。食堂每天提供早、午、晚三餐，六十歲以上的居民憑卡用餐可享受優惠。',
    '街道辦事處負責人介紹，今年區政府把社區食堂建設列為民生實事項目，全區已經建成十二家，明年還將新建八家，讓更多老人在家門口吃上熱飯。',
    '開業當天，不少居民早早來到食堂排隊。七十三歲的王阿姨說：「飯菜可口，價格實惠，我們以後不用再為做飯發愁了。」',
  ].join('\n');
  const bytes = iconv.encode(text, 'big5');
  const d = decodeCopy('tw.txt', bytes);
  assert.equal(d.encoding, 'big5');
  assert.equal(d.text, text);
  assert.match(d.unsure ?? '', /read as Big5/);
  assert.equal(decodeCopy('gbk.txt', iconv.encode(readCorpus(), 'gbk')).encoding, 'gb18030');
  // Traditional text in GBK is GBK too: GBK has the traditional characters.
  assert.equal(decodeCopy('gbk-trad.txt', iconv.encode(text, 'gbk')).encoding, 'gb18030');
});
