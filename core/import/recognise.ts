import { charCount, endsSentence } from './repair.js';

// Recognisers for the parts of newspaper copy, by the conventions of mainland papers: bylines
// (■ 通讯员 ××, 本报记者 ××, 本报讯), photo captions (图为…… ×× 摄 / 摄影报道), section banners
// (栏目 such as 民心工程向您汇报, or slogans such as 谋发展 转作风 办实事), headline lines (short,
// no sentence punctuation) and subheads (numbered or marked short lines).

const MARKER = '[■□▲△▼●○◆◇★☆►▶◎※]';
const ROLE = '(?:本报特约记者|本报记者|本报通讯员|特约记者|特约通讯员|新华社记者|中新社记者|见习记者|实习记者|首席记者|融媒体记者|通讯员|实习生|记者|本报讯|作者|撰稿|文字|文\\s*[/／]|图\\s*[/／]|文\\s*[/／]\\s*图|摄影)';
const BYLINE_NAMES = '[\\p{Script=Han}·]{2,5}(?:[\\s、，,\u3000]+[\\p{Script=Han}·]{2,5}){0,5}';
const BYLINE_PART = `(?:${ROLE})[\\s:：\u3000]*(?:${BYLINE_NAMES})?`;
const BYLINE = new RegExp(`^(?:${MARKER}\\s*)?${BYLINE_PART}(?:[\\s\u3000]*(?:[（(]\\s*${BYLINE_PART}(?:[\\s\u3000]+${BYLINE_PART})*\\s*[）)]|${BYLINE_PART}))*$`, 'u');
/** Latin copy: "By Jane Doe", "By Jane Doe and John Roe, Staff Reporters". */
const LATIN_BYLINE = /^By\s+[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}(?:\s*(?:,|and|&)\s*[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3})*(?:,\s*[\w\s]{0,30})?$/;
const MARKED_NAMES = new RegExp(`^${MARKER}\\s*[\\p{Script=Han}·]{2,4}(?:[\\s、][\\p{Script=Han}·]{2,4}){0,3}$`, 'u');

/** A byline line: 署名 with a role (通讯员, 本报记者 …) or a marked list of names. */
export function isByline(text: string): boolean {
  const t = text.trim();
  if (charCount(t) > 48) return false;
  if (/[。；！？]/.test(t)) return false;
  return BYLINE.test(t) || MARKED_NAMES.test(t) || LATIN_BYLINE.test(t);
}

/** A byline that names a role (通讯员, 记者 …), not only a marked list of names (which a subhead can look like). */
export function bylineHasRole(text: string): boolean {
  return BYLINE.test(text.trim());
}

/** The 本报讯 / 新华社电 lead-in at the start of a paragraph, with its bracketed reporters: its length, or 0. */
export function datelineLength(text: string): number {
  const m = /^(?:本报讯|本报[\p{Script=Han}]{2,4}电|新华社[\p{Script=Han}]{2,6}\d{1,2}月\d{1,2}日电|中新网[\p{Script=Han}]{2,6}\d{1,2}月\d{1,2}日电)(?:\s*[（(][^（）()]{1,60}[）)])?/u.exec(text);
  return m ? m[0].length : 0;
}

const CREDIT_ROLE = '(?:(?:本报|新华社|特约)?(?:记者|通讯员|摄影记者|摄影|见习记者|实习生)\\s*)?';
const NAMES = '[\\p{Script=Han}·]{2,4}(?:[\\s、\u3000]+[\\p{Script=Han}·]{2,4}){0,3}';
const CREDIT_TAIL = new RegExp(`(?:^|[\\s\u3000]+|(?<=[。！？”）]))(${CREDIT_ROLE}${NAMES}\\s*(?:摄影报道|摄影|摄|供图))$`, 'u');
const CREDIT_BRACKETED = new RegExp(`[（(]\\s*(${CREDIT_ROLE}${NAMES}\\s*(?:摄影报道|摄影|摄|供图))\\s*[）)]$`, 'u');
const LATIN_CREDIT = /(?:^|\s+|(?<=[.)]))[(]?((?:Photo|Picture|Image)s?\s*(?:by|:)\s*[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}(?:\s*\/\s*[\w\s]+)?)[)]?$/;
const CAPTION_START = /^(?:图为|图：|图:|图\s*[/／]|[上下左右中]图(?:为|：|:)|图片说明|组图|图\s*[①②③④⑤⑥⑦⑧⑨⑩\d])/;

/** A photo caption split into its text and its credit (×× 摄 / ×× 摄影报道), when the line is one. */
export interface CaptionParts {
  caption: string;
  credit: string;
}

/** Recognises a caption: "图为……" or text ending in a photo credit. */
export function captionParts(text: string): CaptionParts | undefined {
  const t = text.trim();
  let credit = '';
  let caption = t;
  const b = CREDIT_BRACKETED.exec(t);
  const m = b ?? CREDIT_TAIL.exec(t) ?? LATIN_CREDIT.exec(t);
  if (m) {
    credit = m[1].replace(/[\s\u3000]+/g, ' ').trim();
    caption = t.slice(0, m.index).trim();
  }
  const starts = CAPTION_START.test(t);
  if (!starts && !credit) return undefined;
  // A bare credit line ("金志成 摄") is a caption part too: its caption text is empty.
  if (!starts && caption && charCount(caption) > 200) return undefined;
  return { caption, credit };
}

/** A line that is only a photo credit. */
export function isCreditOnly(text: string): boolean {
  const c = captionParts(text);
  return !!c && !c.caption && !!c.credit;
}

const BANNER_WORDS = /(?:向您汇报|见行见效|在行动|进行时|大家谈|面对面|零距离|巡礼|专栏|系列报道|纪实|走基层|看变化|新气象|新风貌|新作为|新征程|在一线|一线见闻|速递|快讯|简讯|短讯|综述|回眸|今日关注|民生关注|热点关注|百姓故事|身边故事|看河西|微观察|新观察)$|^(?:聚焦|走进|直击|关注|学习贯彻|深入学习|奋进|喜迎|礼赞)[\p{Script=Han}]{2,8}$/u;

/**
 * A section banner (栏目): a short column name (…向您汇报, …在行动, 聚焦…) or a slogan of three or
 * more short phrases (谋发展 转作风 办实事). Only meaningful for a line of a headline block.
 */
export function isBannerText(text: string): boolean {
  const t = text.trim();
  if (/[，。；：！？、,.;:!?“”"]/.test(t)) return false;
  const n = charCount(t);
  const phrases = t.split(/[\s\u3000·]+/).filter(Boolean);
  if (phrases.length >= 3 && phrases.every((p) => p.length >= 2 && p.length <= 5) && n <= 18) return true;
  return phrases.length === 1 && n >= 4 && n <= 10 && BANNER_WORDS.test(t);
}

/** A line that could be part of a headline block: short, with no sentence punctuation. */
export function isHeadlineLike(text: string): boolean {
  const t = text.trim();
  const n = charCount(t);
  if (n < 2 || n > 48) return false;
  if (/[。；;]/.test(t)) return false;
  if (endsSentence(t) && !/[！？!?]$/.test(t)) return false;
  // One pause mark is fine in a headline (越是艰险，越向前); a sentence has more.
  const pauses = (t.match(/[，,、：:！!？?]/g) ?? []).length;
  return pauses <= 1 || (pauses <= 2 && n <= 24);
}

const SUBHEAD_MARK = /^(?:[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[、.．](?!\d)|第[一二三四五六七八九十]{1,3}[部章节篇]|[■□▲△●○◆◇★☆►▶◎])/;

/** A line marked as a subhead (小标题): numbered (一、 （一） 1.) or led by a marker. */
export function hasSubheadMark(text: string): boolean {
  return SUBHEAD_MARK.test(text.trim());
}

/** Words a news story's first paragraph starts with (a lead after a headline, not after a subhead). */
export function startsLikeLead(text: string): boolean {
  return /^(?:日前|近日|近期|昨日|昨天|今天|今日|日前|本报讯|记者从|从[\p{Script=Han}]{2,12}获悉|据[\p{Script=Han}]{2,8}(?:消息|介绍)|\d{1,2}月\d{1,2}日|今年以来|当前|为进一步|为深入|为切实|\d{4}年)/u.test(text.trim());
}
