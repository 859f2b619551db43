import { buildStoryDoc, type DraftBlock, type DraftStory, type DraftUnit } from './doc.js';
import { bylineHasRole, captionParts, datelineLength, hasSubheadMark, isBannerText, isByline, isCreditOnly, isHeadlineLike, startsLikeLead } from './recognise.js';
import { charCount, endsSentence, fullWidthPunctuation, HAN, removeStraySpaces } from './repair.js';
import { BOLD, concatRich, RichBuilder, sliceRich, trimRich, type Rich } from './rich.js';
import type { CopySource, ImportChange, ImportedStory, ImportOptions, ImportResult, RecognisedPart, SourceParagraph } from './types.js';

// From paragraphs to stories. Each paragraph gets a role (headline line, byline, caption,
// body …) from what it is and where it stands; headline blocks start stories; body paragraphs
// broken mid-sentence are joined; repeated paragraphs are flagged. Every change is reported.

type Role = 'head' | 'byline' | 'caption' | 'credit' | 'subhead' | 'body' | 'image' | 'candidate';

interface Unit {
  src: SourceParagraph;
  file: string;
  text: Rich;
  role: Role;
  /** A full line of hard-wrapped copy: the paragraph goes on in the next line whatever it ends with. */
  wrapped?: boolean;
  /** Changes made to this paragraph before it belonged to a story. */
  pending: Array<Omit<ImportChange, 'storyId'>>;
}

const clip = (s: string, n = 40) => (s.length > n ? s.slice(0, n) + '…' : s);

function prepare(file: string, p: SourceParagraph): Unit {
  const pending: Unit['pending'] = [];
  const trimmed = trimRich(p.text);
  const punct = fullWidthPunctuation(trimmed);
  if (punct.count) {
    pending.push({ kind: 'punctuation', file, line: p.line, before: trimmed.text, after: punct.rich.text, count: punct.count, message: `${punct.count} ASCII mark${punct.count > 1 ? 's' : ''} beside Chinese made full-width` });
  }
  return { src: p, file, text: punct.rich, role: 'candidate', pending };
}

function intrinsicRole(u: Unit): Role {
  const h = u.src.hint;
  const t = u.text.text;
  if (h === 'image') return 'image';
  if (h === 'caption') return isCreditOnly(t) ? 'credit' : 'caption';
  if (h === 'headline' || h === 'kicker' || h === 'deck') return 'head';
  if (isCreditOnly(t)) return 'credit';
  if (captionParts(t)) return 'caption';
  if (isByline(t)) return 'byline';
  if (h === 'subhead') return 'subhead';
  if (isHeadlineLike(t)) return 'candidate';
  return 'body';
}

/** Two or more phrases separated by a space, as headline halves are (“红色引领”解民忧 “暖心物管”办实事). */
const hasPhraseSpace = (t: string) => /[^\s\u3000][\s\u3000]+[^\s\u3000]/.test(t) && HAN.test(t);

/** Settles headline-block candidates by their neighbours (see the module comment). */
function resolveRoles(units: Unit[]): void {
  for (const u of units) u.role = intrinsicRole(u);
  /** The copy's stories carry bylines (a byline with a role stands after a headline line). */
  const bylined = units.some((u, i) => u.role === 'byline' && bylineHasRole(u.text.text) && i > 0 && units[i - 1].role === 'candidate');
  let inStory = false;
  for (let i = 0; i < units.length; i++) {
    const u = units[i];
    const prev = units[i - 1];
    // "■ 新建公园" after body text is a marked subhead, not a byline of names.
    if (u.role === 'byline' && prev && (prev.role === 'body' || prev.role === 'subhead') && !bylineHasRole(u.text.text)) u.role = 'subhead';
    // A full line of hard-wrapped copy goes on in the next line: it is body text, not a headline.
    if (u.role === 'candidate' && u.wrapped) u.role = 'body';
    if (u.role !== 'candidate') {
      if (u.role === 'head' || u.role === 'body' || u.role === 'caption' || u.role === 'byline' || u.role === 'image') inStory = true;
      continue;
    }
    let j = i;
    while (j < units.length && (units[j].role === 'candidate' || units[j].role === 'head') && !units[j].wrapped) j++;
    const next = units[j];
    const prevOpen = prev && (prev.role === 'body' || prev.role === 'subhead') && (!endsSentence(prev.text.text) || prev.wrapped);
    if (next?.role === 'byline') {
      // A headline block: everything up to the byline.
      for (let k = i; k < j; k++) units[k].role = 'head';
    } else if (prevOpen || prev?.role === 'byline' || /^[a-z]/.test(next?.text.text ?? '')) {
      // (A Latin line followed by one starting in lower case is a sentence going on.)
      // A fragment of a paragraph broken mid-sentence (joined later), or the lead right after the byline.
      u.role = 'body';
      continue;
    } else if (!next) {
      u.role = 'body';
    } else if (j - i >= 2) {
      for (let k = i; k < j; k++) units[k].role = 'head';
    } else {
      const t = u.text.text;
      // Evidence from the whole copy: when the stories of this copy carry bylines, a single short
      // line between body paragraphs with no opening after it (no byline, dateline or lead) is a
      // subhead, whatever its length or phrase space.
      const opening = startsLikeLead(next.text.text) || datelineLength(next.text.text) > 0 || u.src.gapBefore >= 2 || prev?.role === 'caption' || prev?.role === 'credit';
      const betweenBody = prev?.role === 'body' && next.role === 'body';
      const headline =
        !inStory ||
        !hasSubheadMark(t) && (opening || (!(bylined && betweenBody) && (hasPhraseSpace(t) || charCount(t) >= 14)));
      u.role = headline ? 'head' : 'subhead';
    }
    inStory = true;
    i = j - 1;
  }
}

interface Ids {
  next(): string;
}

function idMaker(opts: ImportOptions): Ids {
  const taken = new Set(opts.existingIds ?? []);
  const prefix = opts.idPrefix ?? 'story-';
  let n = 0;
  return {
    next() {
      let id: string;
      do id = `${prefix}${++n}`;
      while (taken.has(id));
      taken.add(id);
      return id;
    },
  };
}

/** Roles of a headline block's lines: banners at either end, then kicker / headline / deck by count. */
function headlineBlock(lines: Unit[]): { banner?: Unit; kicker: Unit[]; headline: Unit[]; deck: Unit[] } {
  const rest = [...lines];
  let banner: Unit | undefined;
  const hinted = rest.some((u) => u.src.hint === 'headline');
  if (rest.length >= 2 && !hinted) {
    if (isBannerText(rest[0].text.text)) banner = rest.shift();
    else if (isBannerText(rest[rest.length - 1].text.text)) banner = rest.pop();
  }
  if (hinted) {
    const h = rest.findIndex((u) => u.src.hint === 'headline');
    const kicker = rest.slice(0, h).filter((u) => u.src.hint !== 'deck');
    return { banner, kicker, headline: [rest[h]], deck: [...rest.slice(0, h).filter((u) => u.src.hint === 'deck'), ...rest.slice(h + 1)] };
  }
  if (rest.length === 1) return { banner, kicker: [], headline: rest, deck: [] };
  if (rest.length === 2) {
    const [a, b] = rest.map((u) => charCount(u.text.text));
    // A short first line over a longer one reads as 引题 + 主题; otherwise 主题 + 副题.
    if (a <= 12 && a <= 0.6 * b) return { banner, kicker: [rest[0]], headline: [rest[1]], deck: [] };
    return { banner, kicker: [], headline: [rest[0]], deck: [rest[1]] };
  }
  return { banner, kicker: [rest[0]], headline: [rest[1]], deck: rest.slice(2) };
}

interface Building {
  draft: DraftStory;
  units: Unit[];
}

/** What building the stories of one import collects, in the order found. */
interface Collected {
  ids: Ids;
  built: Building[];
  recognised: RecognisedPart[];
  changes: ImportChange[];
  warnings: string[];
}

/** Builds stories from copy sources; see ImportResult. Pure and deterministic. */
export function buildStories(sources: CopySource[], opts: ImportOptions = {}): ImportResult {
  const c: Collected = { ids: idMaker(opts), built: [], recognised: [], changes: [], warnings: [] };
  // Paragraphs into stories, source by source.
  for (const source of sources) {
    const units = source.paragraphs.map((p) => prepare(source.file, p)).filter((u) => u.text.text.length > 0);
    if (!units.length) {
      c.warnings.push(`${source.file}: no text to import.`);
      continue;
    }
    markHardWraps(units);
    resolveRoles(units);
    sourceStories(source.file, units, c);
  }
  // Joins, repeats and spaces, then the documents.
  const seen: Seen = new Map();
  const stories = c.built.map((b) => finishStory(b, seen, opts, c));
  c.recognised.sort((a, b) => (a.file === b.file ? a.line - b.line : 0));
  c.changes.sort((a, b) => (a.file === b.file ? a.line - b.line : 0));
  return { stories, report: { files: sources.map((s) => s.file), stories: stories.length, recognised: c.recognised, changes: c.changes, warnings: c.warnings } };
}

/** One source's units (roles resolved) into stories: a headline block starts one, a photo story ahead may too. */
function sourceStories(file: string, units: Unit[], c: Collected): void {
  let cur: Building | undefined;
  const start = (u: Unit): Building => {
    const b: Building = { draft: { id: c.ids.next(), file, line: u.src.line, kicker: [], headline: [], deck: [], bylines: [], blocks: [] }, units: [] };
    c.built.push(b);
    cur = b;
    return b;
  };
  for (let i = 0; i < units.length; i++) {
    const u = units[i];
    if (u.role === 'head') {
      let j = i;
      while (j < units.length && units[j].role === 'head') j++;
      headlineParts(start(u), units.slice(i, j), c);
      i = j - 1;
      continue;
    }
    if (u.role === 'body' && cur && u.src.gapBefore >= 2 && cur.draft.blocks.length && endsSentence(lastText(cur)) && photoStoryAhead(units, i)) {
      start(u);
    }
    placeUnit(cur ?? start(u), u, c);
  }
}

/** Records a recognised part of story b. */
function note(c: Collected, b: Building, kind: RecognisedPart['kind'], u: Unit, text = u.text.text): void {
  c.recognised.push({ kind, file: u.file, line: u.src.line, storyId: b.draft.id, text });
}

/** A headline block's lines as the story's banner, kicker, headline and deck; several lines of one part are merged (and reported). */
function headlineParts(b: Building, lines: Unit[], c: Collected): void {
  const block = headlineBlock(lines);
  if (block.banner) {
    b.draft.banner = block.banner;
    note(c, b, 'banner', block.banner);
  }
  b.draft.kicker = block.kicker;
  b.draft.headline = block.headline;
  b.draft.deck = block.deck;
  for (const [part, us] of [['kicker', block.kicker], ['headline', block.headline], ['deck', block.deck]] as const) {
    if (us.length < 2) continue;
    const joined = us.map((x) => x.text.text).join(' ');
    c.changes.push({ kind: 'merged-headline', file: us[0].file, line: us[0].src.line, storyId: b.draft.id, before: us.map((x) => x.text.text).join('¶'), after: joined, message: `${us.length} lines (${us.map((x) => x.src.line).join(', ')}) set as one ${part}` });
  }
  for (const k of block.kicker) note(c, b, 'kicker', k);
  for (const h of block.headline) note(c, b, 'headline', h);
  for (const d of block.deck) note(c, b, 'deck', d);
  for (const l of lines) b.units.push(l);
}

/** A unit after the headline block into its story: byline, figure part, subhead or paragraph. */
function placeUnit(b: Building, u: Unit, c: Collected): void {
  b.units.push(u);
  if (u.role === 'byline') {
    if (!b.draft.blocks.length) b.draft.bylines.push(u);
    else b.draft.blocks.push({ kind: 'paragraph', units: [u] });
    note(c, b, 'byline', u);
  } else if (u.role === 'caption' || u.role === 'credit' || u.role === 'image') {
    placeFigurePart(b, u, c);
  } else if (u.role === 'subhead') {
    b.draft.blocks.push({ kind: 'subhead', units: [u] });
    note(c, b, 'subhead', u);
  } else {
    b.draft.blocks.push({ kind: 'paragraph', units: [u] });
  }
}

/** An image, caption or credit: completes the figure before it where it can, else starts a figure. */
function placeFigurePart(b: Building, u: Unit, c: Collected): void {
  const last = b.draft.blocks[b.draft.blocks.length - 1];
  const parts = u.role === 'image' ? undefined : captionParts(u.text.text);
  if (u.role === 'credit' && last?.kind === 'figure' && !last.credit) {
    last.credit = parts?.credit ?? u.text.text;
    note(c, b, 'credit', u, last.credit);
  } else if (u.role !== 'image' && last?.kind === 'figure' && last.image && last.caption === undefined) {
    last.caption = parts?.caption ?? u.text.text;
    last.credit = parts?.credit || undefined;
    last.units.push(u);
    if (last.caption) note(c, b, 'caption', u, last.caption);
    if (last.credit) note(c, b, 'credit', u, last.credit);
  } else {
    const fig: DraftBlock = { kind: 'figure', units: [u], image: u.role === 'image', caption: parts?.caption, credit: parts?.credit || undefined };
    b.draft.blocks.push(fig);
    if (fig.caption) note(c, b, 'caption', u, fig.caption);
    if (fig.credit) note(c, b, 'credit', u, fig.credit);
  }
}

/** Paragraph texts seen so far (whitespace removed), for repeats across the whole import. */
type Seen = Map<string, { storyId: string; line: number; file: string }>;

/** A built story's document: its paragraphs' pending changes, joins, spaces, repeats and dateline. */
function finishStory(b: Building, seen: Seen, opts: ImportOptions, c: Collected): ImportedStory {
  const d = b.draft;
  const id = d.id;
  for (const u of b.units) for (const ch of u.pending) c.changes.push({ ...ch, storyId: id });
  joinBroken(d, c.changes);
  removeSpaces(d, c.changes);
  d.blocks = d.blocks.filter((blk) => keepRepeat(blk, id, seen, opts, c.changes));
  markDateline(d, c.recognised);
  const { firstText, ...story } = buildStoryDoc(d);
  if (!d.headline.length && !story.photoStory) c.warnings.push(`${d.file} line ${d.line}: story ${id} has no headline (it starts “${clip(firstText, 20)}”).`);
  c.recognised.push({ kind: story.photoStory ? 'photo-story' : 'story', file: d.file, line: d.line, storyId: id, text: story.slug });
  return story;
}

/** Stray spaces out: headline lines, bylines and credits keep one space between phrases, a dateline lead its role and name apart. */
function removeSpaces(d: DraftStory, changes: ImportChange[]): void {
  const id = d.id;
  const spaced = (u: DraftUnit, keep: boolean) => {
    const r = removeStraySpaces(u.text, keep);
    if (r.count) changes.push({ kind: 'spaces', file: u.file, line: u.src.line, storyId: id, before: u.text.text, after: r.rich.text, count: r.count, message: `${r.count} stray space${r.count > 1 ? 's' : ''} removed` });
    u.text = r.rich;
  };
  for (const u of [...d.kicker, ...d.headline, ...d.deck, ...d.bylines]) spaced(u, true);
  if (d.banner) spaced(d.banner, true);
  for (const blk of d.blocks) {
    if (blk.kind === 'figure') {
      if (blk.caption) {
        const r = removeStraySpaces({ text: blk.caption }, false);
        const u = blk.units[0];
        if (r.count) changes.push({ kind: 'spaces', file: u.file, line: u.src.line, storyId: id, before: blk.caption, after: r.rich.text, count: r.count, message: `${r.count} stray space${r.count > 1 ? 's' : ''} removed from a caption` });
        blk.caption = r.rich.text;
      }
      continue;
    }
    for (const [k, u] of blk.units.entries()) {
      const lead = k === 0 && blk.kind === 'paragraph' ? datelineLength(u.text.text) : 0;
      if (!lead) {
        // The word space a join put between two Latin lines stays.
        const joinSpace = k < blk.units.length - 1 && u.text.text.endsWith(' ');
        if (joinSpace) u.text = sliceRich(u.text, 0, u.text.text.length - 1);
        spaced(u, blk.kind === 'subhead' || u.role === 'byline');
        if (joinSpace) u.text = concatRich(u.text, { text: ' ' });
        continue;
      }
      // The 本报讯（记者 ××）lead keeps the spaces between role and name.
      const head = removeStraySpaces(sliceRich(u.text, 0, lead), true);
      const tail = removeStraySpaces(sliceRich(u.text, lead), false);
      const after = concatRich(head.rich, tail.rich);
      const count = head.count + tail.count;
      if (count) changes.push({ kind: 'spaces', file: u.file, line: u.src.line, storyId: id, before: u.text.text, after: after.text, count, message: `${count} stray space${count > 1 ? 's' : ''} removed` });
      u.text = after;
    }
  }
}

/** Repeated paragraphs: flagged (or removed when asked), never dropped silently. False drops the block. */
function keepRepeat(blk: DraftBlock, id: string, seen: Seen, opts: ImportOptions, changes: ImportChange[]): boolean {
  if (blk.kind !== 'paragraph') return true;
  const text = blk.text ? blk.text.text : blk.units.map((u) => u.text.text).join('');
  const key = text.replace(/[\s\u3000]/g, '');
  if (key.length < 10) return true;
  const first = seen.get(key);
  const u = blk.units[0];
  if (!first) {
    seen.set(key, { storyId: id, line: u.src.line, file: u.file });
    return true;
  }
  const where = `${first.file === u.file ? '' : first.file + ' '}line ${first.line}${first.storyId === id ? '' : ` (story ${first.storyId})`}`;
  if (opts.dropRepeats) {
    changes.push({ kind: 'removed-repeat', file: u.file, line: u.src.line, storyId: id, before: text, after: '', message: `paragraph repeats ${where}; removed` });
    return false;
  }
  blk.repeated = true;
  changes.push({ kind: 'repeated', file: u.file, line: u.src.line, storyId: id, before: text, after: text, message: `paragraph repeats ${where} word for word; kept — delete one if it is a mistake` });
  return true;
}

/** 本报讯 leads: the first paragraph's dateline set in bold as papers print them, and listed as the dateline. */
function markDateline(d: DraftStory, recognised: RecognisedPart[]): void {
  for (const blk of d.blocks) {
    if (blk.kind !== 'paragraph') continue;
    const r = blk.text ?? blk.units[0].text;
    const n = datelineLength(r.text);
    if (n) {
      const bold = new RichBuilder();
      for (let i = 0; i < n; i++) bold.push(r.text[i], BOLD | (r.marks?.[i] ?? 0));
      blk.text = concatRich(bold.build(), sliceRich(r, n));
      recognised.push({ kind: 'dateline', file: blk.units[0].file, line: blk.units[0].src.line, storyId: d.id, text: r.text.slice(0, n) });
    }
    break;
  }
}

/**
 * Hard-wrapped copy (a typist's or a mail program's fixed line length): when many lines share
 * one length, a line of that length directly followed by another line (no blank line between)
 * is a piece of a paragraph that goes on, even where it happens to end with 。.
 */
function markHardWraps(units: Unit[]): void {
  const lengths = new Map<number, number>();
  let long = 0;
  for (const u of units) {
    const n = u.text.text.length;
    if (n < 16) continue;
    long++;
    lengths.set(n, (lengths.get(n) ?? 0) + 1);
  }
  if (long < 6) return;
  let width = 0;
  let count = 0;
  for (const [n, c] of lengths) {
    const near = c + (lengths.get(n - 1) ?? 0) + (lengths.get(n + 1) ?? 0);
    if (near > count || (near === count && n > width)) {
      width = n;
      count = near;
    }
  }
  if (count < Math.max(4, long * 0.3)) return;
  for (let i = 0; i + 1 < units.length; i++) {
    if (units[i].text.text.length >= width - 1 && units[i + 1].src.gapBefore === 0) units[i].wrapped = true;
  }
}

function lastText(b: Building): string {
  const blk = b.draft.blocks[b.draft.blocks.length - 1];
  return blk.kind === 'figure' ? (blk.caption ?? '') : blk.units[blk.units.length - 1].text.text;
}

/** After a wide gap: do body paragraphs lead to a caption before the next headline or byline? (a photo story) */
function photoStoryAhead(units: Unit[], i: number): boolean {
  for (let k = i; k < units.length && k < i + 4; k++) {
    const r = units[k].role;
    if (r === 'caption' || r === 'image') return true;
    if (r !== 'body') return false;
  }
  return false;
}

/** Joins body paragraphs that do not end a sentence with the paragraph after them (cjk §1.8: a paragraph is a whole). */
function joinBroken(d: DraftStory, changes: ImportChange[]): void {
  const out: DraftBlock[] = [];
  for (const blk of d.blocks) {
    const prev = out[out.length - 1];
    if (blk.kind === 'paragraph' && prev?.kind === 'paragraph' && blk.units[0].role === 'body' && prev.units[prev.units.length - 1].role === 'body') {
      const a = prev.units[prev.units.length - 1];
      const b = blk.units[0];
      if (!endsSentence(a.text.text) || a.wrapped) {
        const before = prev.units.map((u) => u.text.text).join('');
        const sep = /[A-Za-z0-9]$/.test(a.text.text) && /^[A-Za-z0-9]/.test(b.text.text) ? ' ' : '';
        changes.push({
          kind: 'joined',
          file: b.file,
          line: a.src.line,
          storyId: d.id,
          before: `${clip(before.slice(-30), 30)}¶${clip(b.text.text, 30)}`,
          after: `${clip(before.slice(-30), 30)}${sep}${clip(b.text.text, 30)}`,
          message: a.wrapped && endsSentence(a.text.text)
            ? `line ${a.src.line} is a full line of hard-wrapped copy; joined with line ${b.src.line}`
            : `line ${a.src.line} ends mid-sentence (“…${a.text.text.slice(-6)}”); joined with line ${b.src.line}`,
        });
        if (sep) a.text = concatRich(a.text, { text: sep });
        for (const u of blk.units) prev.units.push(u);
        continue;
      }
    }
    out.push(blk);
  }
  d.blocks = out;
}
