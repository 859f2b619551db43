// Issue 19 item 1: `broadsheet fonts add FILE…|DIR`, `fonts list [--json]`, `fonts remove ID` on the
// font library, run as a user runs them (bin/broadsheet.mjs), with fonts made from the bundled Noto
// faces (test/fonts/sfnt-fixtures.ts).
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { gb2312Hanzi } from '../../node/fonts/gb-coverage.js';
import type { LibraryFace } from '../../node/fonts/library.js';
import { names, notoSubset, patched, writeSfnt, writeTtc } from '../fonts/sfnt-fixtures.js';

const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'bs-cli-fonts-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const cli = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [join(root, 'bin', 'broadsheet.mjs'), ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, BROADSHEET_DATA_DIR: '', ...env } });
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

let song: Uint8Array;
let ttc: Uint8Array;
let restricted: Uint8Array;
const drop = join(dir, 'dropped');

before(async () => {
  const base = await notoSubset('serif', '400Regular', gb2312Hanzi().slice(0, 300));
  song = writeSfnt(patched(base, { names: names({ familyZh: '报社书宋', familyEn: 'Paper ShuSong', styleZh: '常规', styleEn: 'Regular', postscript: 'PaperShuSong-Regular' }) }));
  const hei = await notoSubset('sans', '700Bold', gb2312Hanzi().slice(0, 40));
  ttc = writeTtc([
    patched(hei, { names: names({ familyZh: '报社黑体', familyEn: 'Paper Hei', styleZh: '常规', styleEn: 'Regular', postscript: 'PaperHei-Regular' }), weight: 400 }),
    patched(hei, { names: names({ familyZh: '报社黑体', familyEn: 'Paper Hei', styleZh: '粗体', styleEn: 'Bold', postscript: 'PaperHei-Bold' }), weight: 700 }),
  ]);
  restricted = writeSfnt(patched(base, { fsType: 0x0002, names: names({ familyZh: '某公司小标宋', familyEn: 'Vendor XBS', styleEn: 'Regular', postscript: 'VendorXBS' }) }));
  mkdirSync(join(drop, 'sub'), { recursive: true });
  writeFileSync(join(drop, 'shusong.ttf'), song);
  writeFileSync(join(drop, 'sub', 'hei.ttc'), ttc);
  writeFileSync(join(drop, 'licence.txt'), '授权书');
  writeFileSync(join(drop, 'broken.ttf'), song.slice(0, 2000));
  writeFileSync(join(dir, 'xbs.ttf'), restricted);
});

test('fonts add DIR, list (table and --json), add again, remove', () => {
  const library = join(dir, 'lib');
  const add = cli(['fonts', 'add', drop, join(dir, 'xbs.ttf'), '--library', library]);
  assert.equal(add.status, 1, 'a file failed: exit 1');
  assert.match(add.stderr, new RegExp(`error: ${join(drop, 'broken.ttf').replace(/[/.]/g, '\\$&')}: it is cut short`));
  assert.match(add.stderr, /warning: 某公司小标宋 \/ Vendor XBS Regular \([0-9a-f]{12}\): its licence forbids embedding \(OS\/2 fsType 0x0002, restricted licence\): it shows on screen but cannot be used in a PDF/);
  assert.match(add.stdout, /^added {4}报社书宋 \/ Paper ShuSong Regular \([0-9a-f]{12}\) {2}weight 400, installable, GB 2312 300$/m);
  assert.match(add.stdout, /skipped .*licence\.txt/);
  assert.match(add.stdout, /4 faces added, 0 already in the library, 1 file failed — library /);

  const list = cli(['fonts', 'list', '--library', library]);
  assert.equal(list.status, 0, list.stderr);
  const lines = list.stdout.trimEnd().split('\n');
  assert.match(lines[0], /^ID +中文名 +FAMILY +STYLE +WEIGHT +EMBEDDING +GB2312$/);
  const h = sha(ttc).slice(0, 12);
  const s = sha(song).slice(0, 12);
  const rows = lines.slice(1).map((l) => l.split(/ {2,}/));
  assert.deepEqual(
    rows.sort((a, b) => a[0].localeCompare(b[0])),
    [
      [`${h}-0`, '报社黑体', 'Paper Hei', 'Regular', '400', 'installable', '40'],
      [`${h}-1`, '报社黑体', 'Paper Hei', 'Bold', '700', 'installable', '40'],
      [s, '报社书宋', 'Paper ShuSong', 'Regular', '400', 'installable', '300'],
      [sha(restricted).slice(0, 12), '某公司小标宋', 'Vendor XBS', 'Regular', '400', 'restricted (no PDF)', '300'],
    ].sort((a, b) => a[0].localeCompare(b[0])),
  );
  // Columns line up on screen: 中文名 cells are padded by display width (a hanzi takes two columns).
  const at = (line: string) => line.indexOf('Paper') >= 0 ? [...line.slice(0, line.indexOf('Paper'))].reduce((n, c) => n + (c.codePointAt(0)! > 0x2e80 ? 2 : 1), 0) : -1;
  assert.equal(new Set(lines.slice(1).filter((l) => l.includes('Paper')).map(at)).size, 1);

  const json = cli(['fonts', 'list', '--json', '--library', library]);
  assert.equal(json.status, 0, json.stderr);
  const data = JSON.parse(json.stdout) as { library: string; totals: { gb2312: number }; faces: (LibraryFace & { present: boolean })[] };
  assert.equal(data.library, library);
  assert.equal(data.totals.gb2312, 6763);
  assert.equal(data.faces.length, 4);
  const bold = data.faces.find((f) => f.id === `${h}-1`)!;
  assert.deepEqual([bold.kind, bold.index, bold.file, bold.present, bold.weight, bold.style.zh], ['ttc', 1, `files/${sha(ttc)}.ttc`, true, 700, '粗体']);

  // The dropped files go; the library keeps its copies. Adding them again changes nothing.
  rmSync(drop, { recursive: true });
  writeFileSync(join(dir, 'again.ttf'), song);
  const again = cli(['fonts', 'add', join(dir, 'again.ttf'), '--library', library]);
  assert.equal(again.status, 0, again.stderr);
  assert.match(again.stdout, /^already {2}报社书宋 \/ Paper ShuSong Regular/m);
  assert.match(again.stdout, /0 faces added, 1 already in the library, 0 files failed/);
  assert.equal(readdirSync(join(library, 'files')).length, 3);

  const removed = cli(['fonts', 'remove', s, '--library', library]);
  assert.equal(removed.status, 0, removed.stderr);
  assert.match(removed.stdout, /^removed {2}报社书宋 \/ Paper ShuSong Regular/);
  assert.ok(!existsSync(join(library, 'files', `${sha(song)}.ttf`)));
  assert.equal(JSON.parse(cli(['fonts', 'list', '--json', '--library', library]).stdout).faces.length, 3);
  const unknown = cli(['fonts', 'remove', s, '--library', library]);
  assert.equal(unknown.status, 1);
  assert.match(unknown.stderr, new RegExp(`broadsheet fonts: No face with id '${s}' in the font library`));
});

test('the library folder defaults to BROADSHEET_DATA_DIR/fonts; usage errors exit 2', () => {
  const data = join(dir, 'userdata');
  writeFileSync(join(dir, 'one.ttf'), song);
  const add = cli(['fonts', 'add', join(dir, 'one.ttf')], { BROADSHEET_DATA_DIR: data });
  assert.equal(add.status, 0, add.stderr);
  assert.match(add.stdout, new RegExp(`library ${join(data, 'fonts').replace(/[/.]/g, '\\$&')}\\n$`));
  assert.ok(existsSync(join(data, 'fonts', 'library.json')));
  const empty = cli(['fonts', 'list', '--library', join(dir, 'nothing')]);
  assert.equal(empty.status, 0);
  assert.match(empty.stdout, /has no faces yet/);
  for (const [args, message] of [
    [['fonts'], /give a command: add, list or remove/],
    [['fonts', 'add'], /fonts add wants font files or folders/],
    [['fonts', 'remove'], /fonts remove wants one face id/],
    [['fonts', 'frobnicate'], /unknown fonts command 'frobnicate'/],
    [['fonts', 'add', 'x.ttf', '--json'], /--json is an option of fonts list/],
  ] as const) {
    const r = cli([...args], { BROADSHEET_DATA_DIR: data });
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
  }
});

test('two fonts add processes on one library at once: the lock file keeps both faces', async () => {
  const library = join(dir, 'shared');
  writeFileSync(join(dir, 'p1.ttf'), song);
  writeFileSync(join(dir, 'p2.ttf'), restricted);
  const run = (f: string) =>
    new Promise<number | null>((done) => {
      const child = spawn(process.execPath, [join(root, 'bin', 'broadsheet.mjs'), 'fonts', 'add', f, '--library', library], { cwd: dir, stdio: 'ignore' });
      child.on('exit', done);
    });
  assert.deepEqual(await Promise.all([run(join(dir, 'p1.ttf')), run(join(dir, 'p2.ttf'))]), [0, 0]);
  const faces = (JSON.parse(cli(['fonts', 'list', '--json', '--library', library]).stdout) as { faces: LibraryFace[] }).faces;
  assert.deepEqual(faces.map((f) => f.source).sort(), ['p1.ttf', 'p2.ttf']);
});
