import type { DisplayPage } from '../display/types.js';
import type { FontSource } from '../fonts/types.js';
import type { LineRun } from '../typeset/types.js';
import type { Pt } from '../units.js';
import type { TemplateRegistry } from '../templates/index.js';

/**
 * Input and output of page composition (core/compose): an issue's pages — a template plus
 * frames holding stories and photos — into a display list per page, the per-story line table
 * the editor places its text by, and the diagnostics an editor fits copy by.
 */

/** Pixel size of a linked image, when the host knows it (the issue's asset record is used otherwise). */
export type AssetInfo = (assetId: string) => { widthPx: number; heightPx: number } | undefined;

/** What composition needs besides the issue. */
export interface ComposeContext {
  fonts: FontSource;
  templates: TemplateRegistry;
  /**
   * Image sizes by asset id, from the host that can see the files: when given, an asset it has
   * no size for is reported missing. Without it, the sizes recorded in the issue's assets are used.
   */
  assets?: AssetInfo;
}

export type ComposeDiagnosticKind =
  | 'overset'
  | 'underset'
  | 'orphan'
  | 'widow'
  | 'kinsoku'
  | 'missing-glyph'
  | 'low-resolution'
  | 'missing-image'
  | 'unknown-story'
  | 'unknown-frame'
  | 'frame-outside'
  | 'headline-too-long';

/** Something the editor should know about a page, a frame or a story. */
export interface ComposeDiagnostic {
  severity: 'error' | 'warning';
  kind: ComposeDiagnosticKind;
  /** Index of the page in issue.pages. */
  pageIndex: number;
  frameId?: string;
  storyId?: string;
  message: string;
  /** Lines and characters, for overset (left over) and underset (empty lines left). */
  count?: { lines: number; chars: number };
}

/** A typesetter run on a composed line, with the ProseMirror position of every glyph. */
export interface StoryRun extends LineRun {
  /** ProseMirror document position of each glyph's first character (same length as glyphs). */
  pmPos: number[];
}

/**
 * One placed line of a story. Page coordinates in points (origin top-left of the trim box).
 * The runs' xs / boxXs are relative to `x` (the column's left edge), as the typesetter gives them.
 */
export interface StoryLine {
  frameId: string;
  pageIndex: number;
  /** Column of the frame (0-based; the headline block counts as column 0). */
  column: number;
  /** ProseMirror position of the block node this line belongs to (before the node). */
  blockPos: number;
  /** ProseMirror positions covered: [from, to). */
  from: number;
  to: number;
  /** Left edge of the column on the page. */
  x: Pt;
  /** Baseline y on the page. */
  baseline: Pt;
  /** Width of the column (the measure; a wrapped line's slot is in the runs' offsets). */
  width: Pt;
  ascent: Pt;
  descent: Pt;
  /** Template paragraph style name (body, headline, subhead, …). */
  style: string;
  runs: StoryRun[];
}

/** How a story fits its frames, in the editor's units. */
export interface StoryFit {
  /** fits: all text placed and at most one empty line per frame column; short: empty lines left; overset: text left over. */
  state: 'fits' | 'short' | 'overset';
  /** Lines left over (overset) or empty lines left (short); 0 when it fits. */
  lines: number;
  /** Characters left over (overset) or characters that would fill the empty lines (short). */
  chars: number;
}

/** A story's composition: its lines in thread order, what did not fit, and how it fits. */
export interface StoryLayout {
  storyId: string;
  lines: StoryLine[];
  /** Text that did not fit any frame of the thread: never dropped silently. */
  overset: { lines: number; chars: number };
  fit: StoryFit;
}

/** The composed issue. */
export interface ComposedIssue {
  /** One display page per issue page, in issue order. */
  pages: DisplayPage[];
  diagnostics: ComposeDiagnostic[];
  /** Story layouts by story id (stories placed in no frame are absent). */
  stories: Record<string, StoryLayout>;
}
