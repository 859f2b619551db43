import { readFileSync } from 'node:fs';
import { Node as PMNode } from 'prosemirror-model';
import { composeIssue, ComposeCache, type ComposedIssue, type ComposeContext } from '../../core/compose/index.js';
import { ISSUE_FORMAT_VERSION, type Frame, type Issue, type Story } from '../../core/model/issue.js';
import { storySchema } from '../../core/model/story-schema.js';
import { builtinTemplates } from '../../core/templates/index.js';
import { nodeFontSource } from '../../node/fonts.js';

// Issues for the composer's tests: the bundled sample, a generated 8-page issue, and small
// hand-built pages that exercise one behaviour each.

export const fonts = nodeFontSource();
export const templates = builtinTemplates();
export const ctx: ComposeContext = { fonts, templates };

export function sampleIssue(): Issue {
  return JSON.parse(readFileSync(new URL('../../assets/sample/sample.broadsheet', import.meta.url), 'utf8')) as Issue;
}

const P = (type: string, text: string) => ({ type, content: text ? [{ type: 'text', text }] : [] });

const SENTENCES = [
  '今年以来，区里把老旧小区改造列为头号民生工程，先后完成屋面防水、管线更新和加装电梯等项目。',
  '居民代表全程参与方案讨论，施工期间每周公示进度，做到事前问需、事中问计、事后问效。',
  '“以前下雨天楼道里到处是水，现在墙面干净了，心里也敞亮了。”家住三号楼的王阿姨说。',
  '街道还在小区里设立了“一站式”服务点，提供代缴费用、证件办理和法律咨询等12项服务。',
  '据统计，全年共投入资金3200万元，惠及居民4800余户，群众满意度达到96.5%。',
  '下一步，区里将总结经验做法，推动改造工作由“有”向“优”转变，让更多居民受益。',
  'The district also opened a bilingual help desk for residents who work in the new technology park.',
];

/** Body paragraphs of about `chars` characters. */
export function body(chars: number, seed = 0): unknown[] {
  const out: unknown[] = [];
  let n = 0;
  let i = seed;
  while (n < chars) {
    const s = SENTENCES[i % SENTENCES.length] + SENTENCES[(i * 3 + 1) % SENTENCES.length];
    out.push(P('paragraph', s));
    n += s.length;
    i++;
  }
  return out;
}

export function story(id: string, content: unknown[]): Story {
  return { id, slug: id, status: 'draft', doc: { type: 'doc', content } };
}

export function headlined(id: string, headline: string, chars: number, extra: unknown[] = []): Story {
  return story(id, [P('kicker', '民生工程向您汇报'), P('headline', headline), P('deck', '年内完成改造小区四十二个'), P('byline', '■ 通讯员 许浩然'), ...body(chars, id.length), ...extra]);
}

export function issueOf(pages: Array<{ templateId?: string; frames: Frame[]; number?: number }>, stories: Story[], assets: Issue['assets'] = []): Issue {
  return {
    format: 'broadsheet-issue',
    version: ISSUE_FORMAT_VERSION,
    paper: '云杉区报',
    issueNumber: '46',
    totalNumber: '1046',
    date: '2026-11-23',
    edition: '',
    serial: 'CN00-0000',
    publisher: '',
    pages: pages.map((p, i) => ({ id: `p${i + 1}`, number: p.number ?? i + 1, section: '要闻', editor: '许浩然', designer: '林晓', templateId: p.templateId ?? 'broadsheet-8col-inside', frames: p.frames })),
    stories,
    assets,
  };
}

export function compose(issue: Issue, cache?: ComposeCache): ComposedIssue {
  return composeIssue(issue, ctx, cache ? { cache } : {});
}

/** Non-space characters of a story's text blocks (what must be placed or counted as overset). */
export function storyTextChars(s: Story): number {
  const doc = PMNode.fromJSON(storySchema, s.doc);
  let n = 0;
  doc.descendants((node) => {
    if (node.isText) n += [...node.text!].filter((c) => c.trim()).length;
    return true;
  });
  return n;
}

/** Non-space characters on a story's composed lines. */
export function placedChars(c: ComposedIssue, storyId: string): number {
  let n = 0;
  for (const l of c.stories[storyId]?.lines ?? []) {
    for (const r of l.runs) {
      // A hyphen the typesetter adds stands for no text ('').
      for (const ch of r.chars) if (ch && ch.trim()) n += [...ch].length;
    }
  }
  return n;
}
