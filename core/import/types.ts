import type { Rich } from './rich.js';

/** One paragraph of copy as it came from a file: its text, where it was, and any style hint. */
export interface SourceParagraph {
  text: Rich;
  /** 1-based line in the source file (paragraph number for Word files). */
  line: number;
  /** Blank lines before it in the source (a wider gap often separates stories). */
  gapBefore: number;
  /** What the file's own styles say it is (Word headings, captions), when they say anything. */
  hint?: 'headline' | 'deck' | 'kicker' | 'subhead' | 'caption' | 'image';
}

/** A copy file, decoded and split into paragraphs. */
export interface CopySource {
  /** File name as the editor knows it (shown in the report). */
  file: string;
  paragraphs: SourceParagraph[];
}

export type ImportChangeKind =
  /** A paragraph broken mid-sentence (PDF extraction, hard wraps) joined with the next. */
  | 'joined'
  /** ASCII punctuation beside Chinese made full-width. */
  | 'punctuation'
  /** Stray spaces removed. */
  | 'spaces'
  /** A paragraph that repeats an earlier one: kept and flagged for the editor. */
  | 'repeated'
  /** A repeated paragraph removed (only when asked for). */
  | 'removed-repeat'
  /** Several lines of a headline block merged into one node (the schema has one deck). */
  | 'merged-headline';

/** One change the import made to the copy (or a thing it flags), for the editor to review. */
export interface ImportChange {
  kind: ImportChangeKind;
  file: string;
  /** 1-based line in the source where the change is. */
  line: number;
  storyId: string;
  /** The text before and after (whole paragraph); equal for flags. */
  before: string;
  after: string;
  /** Count of marks or spaces changed, when the kind counts them. */
  count?: number;
  message: string;
}

/** What import recognised in the copy, one entry per part, for the editor to check. */
export interface RecognisedPart {
  kind: 'story' | 'photo-story' | 'banner' | 'kicker' | 'headline' | 'deck' | 'byline' | 'dateline' | 'subhead' | 'caption' | 'credit';
  file: string;
  line: number;
  storyId: string;
  text: string;
}

/** A story made from copy: the model story plus what layout needs to know about it. */
export interface ImportedStory {
  id: string;
  slug: string;
  /** ProseMirror JSON of the story schema. */
  doc: { type: 'doc'; content: unknown[] };
  /** Section banner (栏目) that stands above the story, if the copy had one. */
  banner?: string;
  /** A photo story: a caption (with a short text) around a photo. */
  photoStory: boolean;
  /** Figures (photos waiting for their image) in the story, in order. */
  figures: number;
  /** Body characters (paragraphs and subheads), spaces excluded. */
  bodyChars: number;
  file: string;
  line: number;
}

export interface ImportReport {
  files: string[];
  stories: number;
  recognised: RecognisedPart[];
  changes: ImportChange[];
  /** Things the editor should look at that are not changes (unsure encoding, a story without headline …). */
  warnings: string[];
}

export interface ImportResult {
  stories: ImportedStory[];
  report: ImportReport;
}

export interface ImportOptions {
  /** Story ids already in the issue (new ids avoid them). */
  existingIds?: Iterable<string>;
  /** Prefix of new story ids (default "story-"). */
  idPrefix?: string;
  /** Remove repeated paragraphs instead of only flagging them (each removal is reported). */
  dropRepeats?: boolean;
}
