import type { Node as PMNode } from 'prosemirror-model';
import type { DisplayItem } from '../../display/types.js';
import type { GridRect, PhotoFrame, Story } from '../../model/issue.js';
import type { Box, Template } from '../../templates/index.js';
import type { FrameGeometry } from '../geometry.js';
import type { PixelSize } from '../photo.js';
import type { ParagraphCache } from '../text.js';
import type { ComposeDiagnostic, StoryLayout } from '../types.js';

/** A photo frame that shows one of the story's figures (its caption lines belong to the story). */
export interface ClaimedPhoto {
  frame: PhotoFrame;
  rect: GridRect;
  pageIndex: number;
  template: Template;
}

/** What one story's composition reads: the story, its thread of frames, and what the frames wrap around. */
export interface StoryInput {
  story: Story;
  doc: PMNode;
  thread: FrameGeometry[];
  /** Boxes text keeps out of, per thread frame (photos, banners, rules with their standoff). */
  exclusions: Box[][];
  /** Photo frames showing the story's figures, by figure index. */
  photos: Map<number, ClaimedPhoto>;
  /** Page number as printed, by page index (for jump lines). */
  pageNumbers: number[];
  pixels: (assetId: string) => PixelSize | undefined;
  cache: ParagraphCache;
}

/** One story composed. */
export interface StoryResult {
  layout: StoryLayout;
  /** Display items by page index. */
  items: Map<number, DisplayItem[]>;
  diagnostics: ComposeDiagnostic[];
  /** Frame boxes of claimed photos as drawn (for tests and hit testing). */
  photoBoxes: Map<string, Box>;
}

/** A diagnostic a stage reports about the story; the story's id is added when the result is assembled. */
export interface StoryNote {
  severity: 'error' | 'warning';
  kind: ComposeDiagnostic['kind'];
  pageIndex: number;
  message: string;
  frameId?: string;
  count?: { lines: number; chars: number };
}

/** A story note as the composer reports it. */
export function storyDiagnostic(storyId: string, n: StoryNote): ComposeDiagnostic {
  return { severity: n.severity, kind: n.kind, pageIndex: n.pageIndex, storyId, ...(n.frameId ? { frameId: n.frameId } : {}), message: n.message, ...(n.count ? { count: n.count } : {}) };
}
