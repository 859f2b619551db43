import type { ParagraphStyle } from './types.js';

/**
 * Newspaper body text (cjk-typesetting.md §1.4 recommendation, §1.8): justified, 2-em indent,
 * GB 禁则, 开明 punctuation with line-end halving, adjacent kerning, ¼-em Han–Latin spacing,
 * no hanging, no 孤字.
 */
export function bodyStyle(overrides: Partial<ParagraphStyle> = {}): ParagraphStyle {
  return {
    align: 'justify',
    lastLineAlign: 'left',
    firstLineIndent: 2,
    kinsoku: 'gb',
    punctuation: 'kaiming',
    lineEndHalfWidth: true,
    adjacentPunctuationKerning: true,
    hanLatinSpacing: 0.25,
    hangingPunctuation: false,
    minLastLineChars: 2,
    hyphenate: true,
    lang: 'zh',
    ...overrides,
  };
}
