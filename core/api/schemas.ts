import { z } from 'zod';
import { issue } from '../model/issue.js';
import { copyFileLimit, IMPORT_COPY_LIMITS, type ApiErrorBody, type ApiMethod } from './methods.js';

/**
 * Argument schemas of every BroadsheetApi method. Both hosts validate every call with these
 * before a service sees it; a call's argument is untrusted input from the renderer.
 */

const noArgs = z.union([z.undefined(), z.null(), z.object({}).strict()]);
/**
 * A path the host is given must be absolute (POSIX `/…`, Windows `C:\…` or `\\server\…`):
 * a relative one would resolve against whatever the host's working directory happens to be.
 */
export function isAbsolutePath(p: string): boolean {
  return /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(p);
}
const absolutePath = z.string().min(1).max(4096).refine(isAbsolutePath, 'must be an absolute path').refine((p) => !p.includes('\0'), 'must not contain a zero byte');
const issuePath = absolutePath.refine((p) => p.toLowerCase().endsWith('.broadsheet'), 'must be a .broadsheet file');
const pageList = z.string().regex(/^\s*\d+(\s*-\s*\d+)?(\s*,\s*\d+(\s*-\s*\d+)?)*\s*$/, 'page list like "1,3-4"');
const pdfPath = absolutePath.refine((p) => p.toLowerCase().endsWith('.pdf'), 'must be a .pdf file');

/** An upload's id as the host answered it (node/services/uploads.ts). */
const uploadId = z.string().regex(/^[0-9a-f]{32}$/, 'an upload id (32 hex digits) from POST /api/upload');
/** A photo's file name as sent with its upload or linkPhoto. */
export const photoFileName = () => fileName.refine((n) => /\.(jpe?g|png|tiff?|webp)$/i.test(n), 'a JPEG, PNG, TIFF or WebP photo');
const fileName = z.string().min(1).max(255).refine((n) => !/[\\/\0]/.test(n) && n !== '.' && n !== '..', 'a file name, not a path');
/** Bytes a base64 string decodes to. */
const base64Bytes = (b: string) => Math.floor((b.length * 3) / 4) - (b.endsWith('==') ? 2 : b.endsWith('=') ? 1 : 0);
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const copyFile = z
  .object({
    name: fileName,
    dataBase64: z.string().max(Math.ceil((IMPORT_COPY_LIMITS.docxBytes * 4) / 3) + 4, `copy files are limited to ${mb(IMPORT_COPY_LIMITS.docxBytes)}`).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64'),
  })
  .strict()
  .superRefine((f, ctx) => {
    const size = base64Bytes(f.dataBase64);
    if (size > copyFileLimit(f.name)) ctx.addIssue({ code: 'custom', path: ['dataBase64'], message: `"${f.name}" is ${mb(size)}; copy files are limited to ${mb(copyFileLimit(f.name))}` });
  });

const importCopy = z
  .object({
    files: z
      .array(copyFile)
      .min(1)
      .max(IMPORT_COPY_LIMITS.files)
      .superRefine((files, ctx) => {
        const total = files.reduce((n, f) => n + base64Bytes(f.dataBase64), 0);
        if (total > IMPORT_COPY_LIMITS.totalBytes) ctx.addIssue({ code: 'custom', message: `the files are ${mb(total)} together; one import takes at most ${mb(IMPORT_COPY_LIMITS.totalBytes)}` });
      })
      .optional(),
    paths: z.array(absolutePath).min(1).max(IMPORT_COPY_LIMITS.files).optional(),
    existingIds: z.array(z.string().min(1).max(256)).max(100_000).optional(),
    dropRepeats: z.boolean().optional(),
  })
  .strict()
  .refine((a) => (a.files === undefined) !== (a.paths === undefined), 'give either files or paths');

export const apiSchemas = {
  appInfo: noArgs,
  openStartupIssue: noArgs,
  openIssue: z.object({ path: issuePath }).strict(),
  saveIssue: z.object({ path: issuePath, issue }).strict(),
  recentIssues: noArgs,
  listFolder: z.object({ path: absolutePath.optional() }).strict(),
  listTemplates: noArgs,
  listFonts: noArgs,
  fontSubsets: z.object({ keys: z.array(z.string().regex(/^[\w-]+$/).max(64)).max(64), text: z.string().max(1_000_000) }).strict(),
  exportPdf: z
    .object({
      issuePath,
      output: pdfPath,
      pages: pageList.optional(),
      pdfx: z.boolean().optional(),
    })
    .strict(),
  preflightIssue: z.object({ issuePath, issue, pdfx: z.boolean().optional() }).strict(),
  startExport: z
    .object({
      issuePath,
      issue,
      output: pdfPath.optional(),
      splitDir: absolutePath.optional(),
      pages: pageList.optional(),
      pdfx: z.boolean().optional(),
      bleedMm: z.number().min(0).max(20).optional(),
      marks: z.boolean().optional(),
      ignoreErrors: z.boolean().optional(),
    })
    .strict()
    .refine((a) => !a.output !== !a.splitDir, { message: 'give either output (one PDF) or splitDir (one PDF per page)', path: ['output'] }),
  autosaveIssue: z.object({ path: issuePath, issue, changes: z.number().int().min(0).max(1e9) }).strict(),
  takeOverIssue: z.object({ path: issuePath, force: z.boolean().optional() }).strict(),
  issueStatus: z.object({ path: issuePath }).strict(),
  discardRecovery: z.object({ path: issuePath }).strict(),
  packageIssue: z
    .object({
      issuePath,
      issue,
      to: absolutePath.refine((p) => !/\.(broadsheet|pdf)$/i.test(p), 'a folder or a .zip file'),
      overwrite: z.boolean().optional(),
    })
    .strict(),
  exportStatus: z.object({ jobId: z.string().regex(/^[\w-]{1,64}$/) }).strict(),
  linkPhoto: z
    .object({
      issuePath,
      id: z.string().min(1).max(128),
      name: photoFileName(),
      upload: uploadId,
    })
    .strict(),
  linksReport: z.object({ issuePath, issue }).strict(),
  acceptOutsideLink: z.object({ issuePath, issue, assetId: z.string().min(1).max(128), realPath: absolutePath }).strict(),
  setUiLocale: z.object({ locale: z.enum(['zh-CN', 'en']) }).strict(),
  importCopy,
} satisfies Record<ApiMethod, z.ZodType>;

/** Validates a call's argument; returns the parsed argument or an error naming the first bad field. */
export function validateApiArgs(method: ApiMethod, arg: unknown): { ok: true; arg: unknown } | { ok: false; error: ApiErrorBody } {
  const parsed = apiSchemas[method].safeParse(arg);
  if (parsed.success) return { ok: true, arg: parsed.data };
  const first = parsed.error.issues[0];
  let path = first.path.map(String);
  // An unknown key is reported at its parent; name the key itself.
  if (first.code === 'unrecognized_keys') path = [...path, ...first.keys];
  const field = path.join('.') || '(argument)';
  return {
    ok: false,
    error: { code: 'bad-arguments', field, message: `${method}: bad argument '${field}': ${first.message}` },
  };
}

/** Whether a string names an API method. */
export function isApiMethod(name: string): name is ApiMethod {
  return Object.hasOwn(apiSchemas, name);
}
