import { createHash } from 'node:crypto';
import { mkdir, open, readdir, readFile, realpath, stat, unlink } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { errorMessage } from '../../core/error-message.js';
import { pidAlive, writeFileAtomic } from '../store/atomic.js';
import { describeFontFile, FontFileError, type FaceInfo, type FontFileKind } from './face-info.js';

/**
 * A publication's font library (issue 19 item 1): the faces a paper licenses, copied into a
 * folder of their own — never referenced where the user dropped them — under the sha256 of
 * their bytes, and listed in a manifest (library.json) with what fontkit read of each face
 * (face-info.ts). A collection (.ttc) is one file and one entry per face.
 *
 *   <library>/library.json          { version: 1, faces: [...] }
 *   <library>/files/<sha256>.ttf    the copied font files (.ttf, .otf or .ttc)
 *
 * Adding a file already in the library changes nothing. The manifest is replaced atomically
 * and changed under a lock file, so the app and the CLI can share a library.
 */

export const LIBRARY_VERSION = 1;

/** One face of the library. */
export interface LibraryFace extends FaceInfo {
  /** `<first 12 hex digits of the hash>`, and `-<index>` for a face of a collection. */
  id: string;
  /** sha256 of the font file, hex. */
  hash: string;
  /** The file in the library folder, relative to it: `files/<hash>.<kind>`. */
  file: string;
  kind: FontFileKind;
  /** The name of the file it was added from (for the user; the library never reads it again). */
  source: string;
  /** When it was added (ISO 8601). */
  added: string;
}

/** A face as list() gives it: with its file's absolute path and whether that file is there. */
export interface ListedFace extends LibraryFace {
  path: string;
  present: boolean;
}

export interface AddReport {
  /** Faces new to the library. */
  added: LibraryFace[];
  /** Faces of files the library already held (same content). */
  already: LibraryFace[];
  /** Files that could not be added, with why; the other files of the same add were added. */
  failed: { file: string; message: string }[];
  /** Files in a folder that were passed over because their name is no font file's (.ttf, .otf, .ttc). */
  skipped: string[];
  /** Added faces with the PostScript name of a face already in the library (another version of the same face, most likely). */
  namesakes: { face: LibraryFace; existing: LibraryFace }[];
}

/** A problem with the library itself (its manifest unreadable, an unknown id, the lock held). */
export class FontLibraryError extends Error {}

const FONT_FILE = /\.(ttf|otf|ttc|otc)$/i;

/**
 * The user data folder of Broadsheet: BROADSHEET_DATA_DIR when set, else the folder Electron's
 * app.getPath('userData') gives the app (package name `broadsheet`): %APPDATA% on Windows,
 * ~/Library/Application Support on macOS, $XDG_CONFIG_HOME or ~/.config elsewhere.
 */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  if (env.BROADSHEET_DATA_DIR) return resolve(env.BROADSHEET_DATA_DIR);
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), 'broadsheet');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'broadsheet');
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'broadsheet');
}

/** The font library folder in a user data folder. */
export function defaultLibraryDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(userDataDir(env), 'fonts');
}

/**
 * A face's id: the first 12 hex digits of its file's hash (more when another file of the library
 * shares them), and `-<index>` for a face of a collection.
 */
export function faceId(hash: string, index: number | undefined, faces: readonly Pick<LibraryFace, 'hash'>[]): string {
  let n = 12;
  while (n < hash.length && faces.some((f) => f.hash !== hash && f.hash.startsWith(hash.slice(0, n)))) n++;
  return hash.slice(0, n) + (index === undefined ? '' : `-${index}`);
}

/** Why the PDF export must refuse a face, or undefined when it may embed it. */
export function pdfRefusal(face: Pick<LibraryFace, 'embedding' | 'family' | 'style' | 'id'>): string | undefined {
  if (face.embedding.pdf) return undefined;
  return `The face ${faceLabel(face)} cannot be used in a PDF: ${face.embedding.message}.`;
}

/** A face as the user knows it: `方正书宋 / FZShuSong Regular (id)`. */
export function faceLabel(face: Pick<LibraryFace, 'family' | 'style' | 'id'>): string {
  const family = [face.family.zh, face.family.en].filter(Boolean).join(' / ');
  const style = face.style.en ?? face.style.zh;
  return `${family}${style ? ` ${style}` : ''} (${face.id})`;
}

/** The last job on each library folder of this process (see FontLibrary.locked). */
const queues = new Map<string, Promise<void>>();

export class FontLibrary {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = resolve(dir);
  }

  get manifestPath(): string {
    return join(this.dir, 'library.json');
  }

  /** The absolute path of a face's file. */
  pathOf(face: Pick<LibraryFace, 'file'>): string {
    return join(this.dir, face.file);
  }

  /** The faces, in the order they were added; a face whose file is gone from the folder says so (present: false). */
  async list(): Promise<ListedFace[]> {
    const faces = await this.read();
    return Promise.all(
      faces.map(async (f) => ({ ...f, path: this.pathOf(f), present: await stat(this.pathOf(f)).then((s) => s.isFile(), () => false) })),
    );
  }

  /** The face with this id; throws a FontLibraryError when there is none. */
  async get(id: string): Promise<LibraryFace> {
    const face = (await this.read()).find((f) => f.id === id);
    if (!face) throw new FontLibraryError(`No face with id '${id}' in the font library ${this.dir}`);
    return face;
  }

  /**
   * Adds font files, and the font files in folders (searched through, by name: .ttf, .otf, .ttc;
   * other files are reported as skipped). A file that is not a font or is corrupt is reported in
   * `failed` with why; the rest are added all the same.
   */
  async add(paths: readonly string[]): Promise<AddReport> {
    const report: AddReport = { added: [], already: [], failed: [], skipped: [], namesakes: [] };
    const files: string[] = [];
    const seen = new Set<string>();
    for (const p of paths) await this.collect(resolve(p), files, report, true, seen);
    if (files.length === 0) return report;
    await mkdir(join(this.dir, 'files'), { recursive: true });
    await this.locked(async () => {
      const faces = await this.read();
      for (const file of files) {
        try {
          await this.addFile(file, faces, report);
        } catch (err) {
          report.failed.push({ file, message: err instanceof FontFileError ? `${file}: ${err.message}` : `${file} cannot be added: ${errorMessage(err)}` });
        }
      }
      if (report.added.length > 0) await this.write(faces);
    });
    return report;
  }

  /** Removes a face by id (its file too, when no other face of the library is in it); returns the face removed. */
  async remove(id: string): Promise<LibraryFace> {
    return this.locked(async () => {
      const faces = await this.read();
      const at = faces.findIndex((f) => f.id === id);
      if (at < 0) throw new FontLibraryError(`No face with id '${id}' in the font library ${this.dir} (broadsheet fonts list shows the ids)`);
      const [face] = faces.splice(at, 1);
      await this.write(faces);
      if (!faces.some((f) => f.file === face.file)) {
        await unlink(this.pathOf(face)).catch((err: NodeJS.ErrnoException) => {
          if (err.code !== 'ENOENT') throw err;
        });
      }
      return face;
    });
  }

  /**
   * The files to add under `path` (`named`: given by the user, so tried whatever its name). In
   * folders, hidden files are passed over without a word — among them the `._name.ttf` resource
   * forks a Mac leaves beside every font in a zip or on a shared drive — and a folder reached twice
   * (through a link) is searched once.
   */
  private async collect(path: string, out: string[], report: AddReport, named: boolean, seen: Set<string>): Promise<void> {
    if (!named && basename(path).startsWith('.')) return;
    let info;
    try {
      info = await stat(path);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      report.failed.push({ file: path, message: `${path}: ${code === 'ENOENT' ? 'no such file or folder' : `cannot be read (${code ?? errorMessage(err)})`}` });
      return;
    }
    if (info.isDirectory()) {
      const real = await realpath(path).catch(() => path);
      if (seen.has(real)) return;
      seen.add(real);
      let names: string[];
      try {
        names = (await readdir(path)).sort();
      } catch (err) {
        report.failed.push({ file: path, message: `${path}: the folder cannot be read (${(err as NodeJS.ErrnoException).code ?? errorMessage(err)})` });
        return;
      }
      for (const name of names) await this.collect(join(path, name), out, report, false, seen);
    } else if (named || FONT_FILE.test(path)) {
      if (!out.includes(path)) out.push(path);
    } else {
      report.skipped.push(path);
    }
  }

  private async addFile(file: string, faces: LibraryFace[], report: AddReport): Promise<void> {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(file);
    } catch (err) {
      throw new FontFileError(`cannot be read (${(err as NodeJS.ErrnoException).code ?? errorMessage(err)})`);
    }
    const hash = createHash('sha256').update(bytes).digest('hex');
    const known = faces.filter((f) => f.hash === hash);
    if (known.length > 0) {
      // The same content again: nothing new, but a file deleted from the folder by hand comes back.
      if (!(await stat(this.pathOf(known[0])).then((s) => s.size === bytes.length, () => false))) await writeFileAtomic(this.pathOf(known[0]), bytes);
      report.already.push(...known);
      return;
    }
    const info = describeFontFile(bytes);
    const rel = `files/${hash}.${info.kind}`;
    await writeFileAtomic(join(this.dir, rel), bytes);
    const added = new Date().toISOString();
    for (const face of info.faces) {
      const entry: LibraryFace = {
        id: faceId(hash, info.kind === 'ttc' ? face.index : undefined, faces),
        hash,
        file: rel,
        kind: info.kind,
        source: basename(file),
        added,
        ...face,
      };
      const namesake = entry.postscriptName ? faces.find((f) => f.postscriptName === entry.postscriptName) : undefined;
      if (namesake) report.namesakes.push({ face: entry, existing: namesake });
      faces.push(entry);
      report.added.push(entry);
    }
  }

  /** The manifest's faces ([] when the library is new); a manifest that cannot be read is an error, never overwritten. */
  private async read(): Promise<LibraryFace[]> {
    let text: string;
    try {
      text = await readFile(this.manifestPath, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new FontLibraryError(`The font library manifest ${this.manifestPath} cannot be read (${(err as NodeJS.ErrnoException).code ?? errorMessage(err)})`);
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (err) {
      throw new FontLibraryError(`The font library manifest ${this.manifestPath} is not valid JSON (${errorMessage(err)}); it was left as it is`);
    }
    const bad = (why: string) => new FontLibraryError(`The font library manifest ${this.manifestPath} ${why}; it was left as it is`);
    if (!data || typeof data !== 'object') throw bad('is not a JSON object');
    const { version, faces } = data as { version?: unknown; faces?: unknown };
    if (typeof version === 'number' && version > LIBRARY_VERSION) throw bad(`is version ${version}, newer than this Broadsheet reads (${LIBRARY_VERSION})`);
    if (version !== LIBRARY_VERSION) throw bad(`has no known version (${JSON.stringify(version)})`);
    if (!Array.isArray(faces)) throw bad('has no faces list');
    faces.forEach((f: Partial<LibraryFace>, i) => {
      const ok =
        f &&
        typeof f.id === 'string' &&
        typeof f.hash === 'string' &&
        /^[0-9a-f]{64}$/.test(f.hash) &&
        f.file === `files/${f.hash}.${f.kind}` &&
        Number.isInteger(f.index) &&
        f.family && typeof f.family === 'object' &&
        f.embedding && typeof f.embedding.pdf === 'boolean';
      if (!ok) throw bad(`has a malformed face at faces[${i}]`);
    });
    return faces as LibraryFace[];
  }

  private async write(faces: LibraryFace[]): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await writeFileAtomic(this.manifestPath, JSON.stringify({ version: LIBRARY_VERSION, faces }, null, 2) + '\n');
  }

  /**
   * Runs `job` holding the library's lock file (library.lock, our pid in it); a lock left by a
   * process that is gone is taken over. Within this process, jobs on one folder run one by one.
   */
  private locked<T>(job: () => Promise<T>): Promise<T> {
    const before = queues.get(this.dir) ?? Promise.resolve();
    const run = before.then(() => this.lockedFile(job));
    const settled = run.then(() => {}, () => {});
    queues.set(this.dir, settled);
    void settled.then(() => {
      if (queues.get(this.dir) === settled) queues.delete(this.dir);
    });
    return run;
  }

  private async lockedFile<T>(job: () => Promise<T>): Promise<T> {
    await mkdir(this.dir, { recursive: true });
    const lock = join(this.dir, 'library.lock');
    for (let attempt = 0; ; attempt++) {
      try {
        const h = await open(lock, 'wx');
        await h.writeFile(String(process.pid));
        await h.close();
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        const holder = Number((await readFile(lock, 'utf8').catch(() => '')).trim());
        if (!pidAlive(holder) || holder === process.pid) {
          // A lock with no pid yet is being written: give its writer a moment before taking it over.
          if (holder || attempt >= 5) await unlink(lock).catch(() => {});
        } else if (attempt >= 100) {
          throw new FontLibraryError(`The font library ${this.dir} is being changed by another process (pid ${holder}); try again when it is done`);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    try {
      return await job();
    } finally {
      await unlink(lock).catch(() => {});
    }
  }
}
