import type { FontFaceDto } from '../../core/api/methods.js';
import type { FontKey } from '../../core/display/types.js';
import { createFontFace } from '../../core/fonts/fontkit-face.js';
import type { FontFace, FontSource } from '../../core/fonts/types.js';
import type { TemplateRegistry } from '../../core/templates/index.js';

/**
 * The renderer's fonts: the same TTF files the main process measures and embeds, fetched once
 * from the host (`fonts/<key>`). Each file is both parsed for the composer (fontkit metrics)
 * and registered with the document (CSS Font Loading API, under the family and weight of
 * assets/fonts.json), so the painter and the story editor draw with exactly those glyphs.
 */

export interface LoadedFonts {
  source: FontSource;
  /** CSS family and weight of each loaded key, for the painter. */
  css: Record<FontKey, { family: string; weight: number }>;
}

/** The font keys a set of templates uses, with every fallback they lead to. */
export function fontKeysFor(templates: TemplateRegistry, ids: Iterable<string>, faces: readonly FontFaceDto[]): FontKey[] {
  const byKey = new Map(faces.map((f) => [f.key, f]));
  const keys = new Set<FontKey>();
  const add = (key: FontKey | undefined) => {
    while (key && !keys.has(key) && byKey.has(key)) {
      keys.add(key);
      key = byKey.get(key)?.fallback;
    }
  };
  for (const id of ids) {
    const t = templates.get(id);
    if (!t) continue;
    for (const style of Object.values(t.spec.styles)) add(style.font);
  }
  return [...keys].sort();
}

/** Fetches, parses and registers the faces `keys` (all listed faces when omitted). */
export async function loadFonts(faces: readonly FontFaceDto[], base: URL, keys?: readonly FontKey[]): Promise<LoadedFonts> {
  const wanted = keys ? faces.filter((f) => keys.includes(f.key)) : faces;
  const parsed = new Map<FontKey, FontFace>();
  const css: LoadedFonts['css'] = {};
  await Promise.all(
    wanted.map(async (f) => {
      const res = await fetch(new URL(f.url, base), { credentials: 'same-origin' });
      if (!res.ok) throw new Error(`Font "${f.key}" (${f.family} ${f.weight}) could not be loaded: ${res.status} ${res.statusText}`);
      const bytes = await res.arrayBuffer();
      parsed.set(f.key, createFontFace(f.key, new Uint8Array(bytes)));
      const face = new globalThis.FontFace(f.family, bytes, { weight: String(f.weight), style: 'normal' });
      document.fonts.add(await face.load());
      css[f.key] = { family: f.family, weight: f.weight };
    }),
  );
  const fallback = new Map(faces.map((f) => [f.key, f.fallback]));
  const source: FontSource = {
    face(key) {
      const face = parsed.get(key);
      if (!face) throw new Error(`Font "${key}" is not loaded (loaded: ${[...parsed.keys()].join(', ') || 'none'}); is it in assets/fonts.json?`);
      return face;
    },
    fallback: (key) => {
      const f = fallback.get(key);
      return f && parsed.has(f) ? f : undefined;
    },
  };
  return { source, css };
}
