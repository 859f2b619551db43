import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Independent checkers of our PDFs: poppler-utils, qpdf, Ghostscript (installed on CI). */

export interface ToolResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function tool(cmd: string, args: string[]): ToolResult {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 << 20 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export const tempDir = (tag: string) => mkdtempSync(join(tmpdir(), `bs-${tag}-`));

/** Files in a directory (to prove no temporary or half-written file was left behind). */
export const filesIn = (dir: string) => readdirSync(dir).sort();

/** `qpdf --check`: exit status and output. */
export const qpdfCheck = (pdf: string) => tool('qpdf', ['--check', pdf]);

/** `pdffonts` rows: name, type, emb, sub, uni. */
export function pdfFonts(pdf: string): Array<{ name: string; type: string; emb: string; sub: string; uni: string }> {
  const lines = tool('pdffonts', [pdf]).stdout.trim().split('\n').slice(2);
  return lines.map((l) => {
    const cols = l.trim().split(/\s+/);
    const [emb, sub, uni] = cols.slice(-5, -2);
    return { name: cols[0], type: cols.slice(1, -6).join(' '), emb, sub, uni };
  });
}

/** `pdfinfo -box` for one page: the boxes as [x1,y1,x2,y2] and the Info fields. */
export function pdfInfo(pdf: string, page = 1): Record<string, string> & { boxes: Record<string, number[]> } {
  const out = tool('pdfinfo', ['-box', '-f', String(page), '-l', String(page), pdf]).stdout;
  const fields: Record<string, string> = {};
  const boxes: Record<string, number[]> = {};
  for (const line of out.split('\n')) {
    const m = /^(?:Page\s+\d+\s+)?(\w+Box):\s+(.*)$/.exec(line);
    if (m) boxes[m[1]] = m[2].trim().split(/\s+/).map(Number);
    else {
      const f = /^([^:]+):\s+(.*)$/.exec(line);
      if (f && !(f[1].trim() in fields)) fields[f[1].trim()] = f[2].trim(); // the first Title is the document's, later ones describe the PDF subtype
    }
  }
  return Object.assign(fields, { boxes });
}

/** Ghostscript renders every page to nothing; returns what it printed (empty when clean). */
export function ghostscriptMessages(pdf: string): { status: number | null; messages: string } {
  const r = tool('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-dSAFER', '-sDEVICE=nullpage', pdf]);
  return { status: r.status, messages: (r.stdout + r.stderr).trim() };
}

/**
 * Text of the PDF. Default: poppler's reading order. `raw`: content-stream order, which is the
 * order the painter drew the runs (story by story) — poppler's column detection cannot tell
 * a one-character newspaper gutter from a word space.
 */
export const pdfText = (pdf: string, page?: number, raw = false) =>
  tool('pdftotext', [...(raw ? ['-raw'] : []), ...(page ? ['-f', String(page), '-l', String(page)] : []), pdf, '-']).stdout;
export const squash = (s: string) => s.replace(/\s+/g, '');

/** Word boxes from `pdftotext -bbox` (poppler splits CJK text into single-glyph words where spacing is wide). */
export function wordBoxes(pdf: string): Array<{ xMin: number; yMin: number; xMax: number; yMax: number; text: string }> {
  const out = tool('pdftotext', ['-bbox', pdf, '-']).stdout;
  const re = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;
  const words = [];
  for (let m; (m = re.exec(out)); ) words.push({ xMin: +m[1], yMin: +m[2], xMax: +m[3], yMax: +m[4], text: m[5] });
  return words;
}

/** The PDF rewritten by qpdf in QDF form (streams uncompressed, one object per block) as text. */
export function qdfText(pdf: string, dir: string): string {
  const out = join(dir, 'qdf.pdf');
  tool('qpdf', ['--qdf', '--object-streams=disable', pdf, out]);
  return tool('cat', [out]).stdout;
}

/** Each BT…ET text object with the fill colour (k operator) and whether /GsOP (overprint) is in force. */
export function textObjects(qdf: string): Array<{ fill: string | undefined; overprint: boolean }> {
  const result: Array<{ fill: string | undefined; overprint: boolean }> = [];
  const streams = qdf.split(/\bstream\r?\n/).slice(1).map((s) => s.split(/\r?\nendstream/)[0]);
  for (const s of streams) {
    if (!/\bBT\b/.test(s)) continue;
    // the painter wraps each run in q … Q; track the state per q block
    const stack: Array<{ fill?: string; op: boolean }> = [{ op: false }];
    for (const line of s.split('\n')) {
      const top = stack[stack.length - 1];
      if (line === 'q') stack.push({ ...top });
      else if (line === 'Q') stack.pop();
      else if (/ k$/.test(line)) top.fill = line;
      else if (/^\/Gs\w+ gs$/.test(line)) top.op = line === '/GsOP gs';
      else if (line === 'BT') result.push({ fill: top.fill, overprint: top.op });
    }
  }
  return result;
}

/** Rasterises one page with pdftoppm (grey) and returns a pixel reader in points (0 black … 255 white). */
export async function raster(pdf: string, dir: string, dpi = 72, page = 1): Promise<{ at(xPt: number, yPt: number): number; width: number; height: number }> {
  const { default: sharp } = await import('sharp');
  const base = join(dir, `raster-${page}-${dpi}`);
  tool('pdftoppm', ['-r', String(dpi), '-gray', '-png', '-singlefile', '-f', String(page), '-l', String(page), pdf, base]);
  const { data, info } = await sharp(base + '.png').raw().toBuffer({ resolveWithObject: true });
  const k = dpi / 72;
  return {
    width: info.width,
    height: info.height,
    at: (x, y) => data[(Math.round(y * k) * info.width + Math.round(x * k)) * info.channels],
  };
}
