import { parseOptions, UsageError, type Command } from '../command.js';

const usage = [
  'Usage: broadsheet fonts <command> [--library DIR]',
  '',
  'The font library: the faces the paper licenses (书宋, 小标宋, 黑体, 楷体 …), copied into a folder',
  'of their own under the sha256 of their content. Takes TrueType (.ttf), OpenType with CFF',
  'outlines (.otf) and collections (.ttc, each face listed).',
  '',
  'Commands:',
  '  add FILE…|DIR…   copies the faces in (a folder: its .ttf/.otf/.ttc files, subfolders too);',
  '                   a file already in the library is left as it is; a file that is not a font',
  '                   or is corrupt is reported and the others are added (exit 1 if any failed)',
  '  list [--json]    the faces: id, family (Chinese / English), style, weight, embedding',
  '                   permission (OS/2 fsType) and GB 2312 hanzi covered (--json: everything read)',
  '  remove ID        removes a face (its file too, when no other face is in it)',
  '',
  'Options:',
  '  --library DIR    the library folder (default: <user data>/fonts, the user data folder being',
  '                   $BROADSHEET_DATA_DIR, else ~/.config/broadsheet, ~/Library/Application Support/',
  '                   broadsheet or %APPDATA%\\broadsheet)',
].join('\n');

/** Terminal columns of a string: East Asian wide and full-width characters take two. */
function width(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    const wide =
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf && c !== 0x303f) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      (c >= 0x20000 && c <= 0x3fffd);
    n += wide ? 2 : 1;
  }
  return n;
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => width(r[i]))));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell + ' '.repeat(widths[i] - width(cell)))).join('  ').trimEnd()).join('\n');
}

const EMBEDDING = { installable: 'installable', restricted: 'restricted', 'preview-print': 'preview&print', editable: 'editable' } as const;

const command: Command = {
  name: 'fonts',
  summary: 'The font library: add TrueType/OpenType/collection faces, list them (--json), remove one.',
  usage,
  async run(argv) {
    const [sub, ...rest] = argv;
    const { values, positionals } = parseOptions(rest, { library: { type: 'string' }, json: { type: 'boolean' } });
    const { FontLibrary, defaultLibraryDir, faceLabel } = await import('../../node/fonts/library.js');
    const library = new FontLibrary(values.library ?? defaultLibraryDir());
    if (values.json && sub !== 'list') throw new UsageError('--json is an option of fonts list');
    switch (sub) {
      case 'add': {
        if (positionals.length === 0) throw new UsageError('fonts add wants font files or folders');
        const report = await library.add(positionals);
        for (const f of report.added) {
          process.stdout.write(`added    ${faceLabel(f)}  weight ${f.weight}, ${EMBEDDING[f.embedding.permission]}, GB 2312 ${f.coverage.gb2312}\n`);
          if (!f.embedding.pdf || !f.embedding.subset) process.stderr.write(`warning: ${faceLabel(f)}: ${f.embedding.message}\n`);
        }
        for (const { face, existing } of report.namesakes) {
          process.stderr.write(`note: ${faceLabel(face)} has the PostScript name of ${faceLabel(existing)} (${existing.source}), a different file: another version of the face? Remove the one not wanted.\n`);
        }
        for (const f of report.already) process.stdout.write(`already  ${faceLabel(f)}\n`);
        for (const s of report.skipped) process.stdout.write(`skipped  ${s} (not a .ttf, .otf or .ttc file)\n`);
        for (const f of report.failed) process.stderr.write(`error: ${f.message}\n`);
        const n = (k: number, one: string, many = `${one}s`) => `${k} ${k === 1 ? one : many}`;
        process.stdout.write(
          `${n(report.added.length, 'face')} added, ${report.already.length} already in the library, ${n(report.failed.length, 'file')} failed — library ${library.dir}\n`,
        );
        return report.failed.length > 0 ? 1 : 0;
      }
      case 'list': {
        if (positionals.length > 0) throw new UsageError('fonts list takes no arguments');
        const faces = await library.list();
        if (values.json) {
          const { gbTotals } = await import('../../node/fonts/gb-coverage.js');
          process.stdout.write(JSON.stringify({ library: library.dir, totals: gbTotals(), faces }, null, 2) + '\n');
          return 0;
        }
        if (faces.length === 0) {
          process.stdout.write(`The font library ${library.dir} has no faces yet: broadsheet fonts add FILE…|DIR adds some.\n`);
          return 0;
        }
        const rows = [['ID', '中文名', 'FAMILY', 'STYLE', 'WEIGHT', 'EMBEDDING', 'GB2312']];
        for (const f of faces) {
          const embedding = EMBEDDING[f.embedding.permission] + (f.embedding.pdf ? '' : ' (no PDF)') + (f.embedding.subset ? '' : ' (no subset)');
          rows.push([f.id, f.family.zh ?? '-', f.family.en ?? '-', f.style.en ?? f.style.zh ?? '-', String(f.weight), embedding, String(f.coverage.gb2312)]);
        }
        process.stdout.write(table(rows) + '\n');
        for (const f of faces) if (!f.present) process.stderr.write(`warning: ${faceLabel(f)}: its file ${f.path} is missing; add the font again to restore it\n`);
        return 0;
      }
      case 'remove': {
        if (positionals.length !== 1) throw new UsageError('fonts remove wants one face id (fonts list shows them)');
        const face = await library.remove(positionals[0]);
        process.stdout.write(`removed  ${faceLabel(face)}\n`);
        return 0;
      }
      case undefined:
        throw new UsageError('give a command: add, list or remove (broadsheet fonts --help)');
      default:
        throw new UsageError(`unknown fonts command '${sub}' (add, list or remove)`);
    }
  },
};
export default command;
