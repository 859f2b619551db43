import type { Cmyk, FontKey } from '../display/types.js';
import type { Pt } from '../units.js';

/**
 * Input and output of the typesetting engine (paragraph → lines). This is the contract
 * between core/typeset and core/compose; see cjk-typesetting.md §1 for the rules.
 */

/** A span of paragraph text in one style. Runs are contiguous and cover the text. */
export interface StyledRun {
  text: string;
  font: FontKey;
  size: Pt;
  /** Extra space after every character, in em of this run (may be negative). */
  tracking?: number;
  /** Horizontal glyph scale for 长/扁 type (1 = normal). */
  hscale?: number;
  color?: Cmyk;
  /** 着重号 (emphasis dots) under each Han character. */
  emphasisDots?: boolean;
}

export type Alignment = 'justify' | 'left' | 'center' | 'right' | 'distribute';
/** 禁则 strength, cjk-typesetting.md §1.1. */
export type KinsokuLevel = 'none' | 'basic' | 'gb' | 'strict';
/** Punctuation width style: 全身 (full), 开明 (kaiming), 对开 (half), §1.4. */
export type PunctuationStyle = 'full' | 'kaiming' | 'half';

/** Paragraph-level settings that the typesetter obeys. */
export interface ParagraphStyle {
  align: Alignment;
  /** Alignment of the paragraph's last line when align is justify. */
  lastLineAlign?: 'left' | 'center' | 'right' | 'justify';
  /** First-line indent in em of the paragraph's first run size (2 for body). */
  firstLineIndent: number;
  kinsoku: KinsokuLevel;
  punctuation: PunctuationStyle;
  /** Compress line-end punctuation to half width (GB/T 15834 §5.1.10). */
  lineEndHalfWidth: boolean;
  /** Kern adjacent punctuation (two full-width marks → 1.5 em). */
  adjacentPunctuationKerning: boolean;
  /** Space between Han and Latin/digits, in em (0–0.25). */
  hanLatinSpacing: number;
  /** Hang line-end 。，、 outside the measure. */
  hangingPunctuation: boolean;
  /** Minimum characters on a paragraph's last line (2 = no 孤字). */
  minLastLineChars: number;
  /** Hyphenate Latin words (English patterns). */
  hyphenate: boolean;
  /** Language hint for Latin hyphenation. */
  lang?: 'zh' | 'en';
  /** Lines as even as the measure allows, turned at word boundaries (headlines, subheads). */
  balance?: boolean;
}

/** Width and left offset of one line slot. */
export interface LineSlot {
  width: Pt;
  /** Left offset of the line start from the column's left edge. */
  offset: Pt;
}

/** Gives the slot of the i-th line of the paragraph (0-based); wrap and column changes go here. */
export type LineMeasure = (lineIndex: number) => LineSlot;

/** A paragraph to set. */
export interface ParagraphInput {
  runs: StyledRun[];
  style: ParagraphStyle;
  measure: LineMeasure | Pt;
}

/** One run of glyphs on a line, positioned relative to the line's left edge (slot offset applied). */
export interface LineRun {
  font: FontKey;
  size: Pt;
  hscale?: number;
  color?: Cmyk;
  emphasisDots?: boolean;
  glyphs: number[];
  /** x of every glyph relative to the column's left edge. */
  xs: Pt[];
  /** Advance actually given to every glyph after adjustment (for carets and hit boxes). */
  advances: Pt[];
  /**
   * Left edge of every glyph's box (caret position), relative to the column's left edge. Equals
   * xs except where the glyph's ink is shifted in its box: an opening mark whose empty left half
   * was trimmed, a centred interpunct. boxXs[i] + advances[i] = boxXs[i + 1] within a line.
   * (Added by the typesetter; optional so that older producers stay valid.)
   */
  boxXs?: Pt[];
  /** The text each glyph stands for. */
  chars: string[];
  /** UTF-16 offset in the paragraph text of each glyph's first character. */
  offsets: number[];
}

/** What the line adjustment did, for diagnostics and tests (§1.5). */
export interface LineAdjustments {
  /** Total width removed by punctuation compression. */
  compressed: Pt;
  /** Total width added by stretching between characters or words. */
  stretched: Pt;
  /** A character was pulled back (push-in) or pushed to the next line (push-out). */
  pushIn: boolean;
  pushOut: boolean;
  hyphenated: boolean;
  hanging: boolean;
}

/** One set line. */
export interface TypesetLine {
  /** Paragraph text offsets covered: [start, end). */
  start: number;
  end: number;
  /** Slot this line was set into. */
  slot: LineSlot;
  /** Width before adjustment, and after. */
  naturalWidth: Pt;
  width: Pt;
  /** Largest ascent and descent of the line's runs (positive numbers). */
  ascent: Pt;
  descent: Pt;
  runs: LineRun[];
  adjustments: LineAdjustments;
  /** True when this is the paragraph's last line. */
  last: boolean;
}

export type TypesetDiagnosticKind =
  | 'kinsoku-violation'
  | 'missing-glyph'
  | 'overlong-unbreakable'
  | 'orphan';

/** Something the editor should know about a paragraph. */
export interface TypesetDiagnostic {
  kind: TypesetDiagnosticKind;
  /** Paragraph text offset the diagnostic points at. */
  offset: number;
  message: string;
}

/** A paragraph set into lines. */
export interface ParagraphLayout {
  lines: TypesetLine[];
  diagnostics: TypesetDiagnostic[];
}
