import { ISSUE_FORMAT_VERSION, type Issue, type Story, type Page, type Asset } from '../../core/model/issue.js';

/**
 * A generated issue for the store's tests and benchmarks: N pages of stories with Chinese
 * body text (plus some Latin and digits), headlines, figures and photo links. Deterministic
 * for a given seed, so crash and fuzz tests can regenerate exactly what a child wrote.
 */

/** A small seeded PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HAN = '城市建设推进民生工程社区服务居民生活改善新闻记者报道今年以来我市坚持发展经济文化教育卫生交通环境保护农业科技创新企业项目投资完成同比增长重点工作会议要求各级部门加强落实责任确保取得实效群众满意度持续提升';
const PUNCT = ['，', '，', '，', '。', '、', '；', '：', '“', '”', '（', '）'];
const LATIN = ['GDP', '5G', 'App', 'CEO', '2026年', '12.5%', '3000万元', 'PM2.5'];

function sentence(r: () => number, length: number): string {
  let s = '';
  while (s.length < length) {
    const x = r();
    if (x < 0.04) s += LATIN[Math.floor(r() * LATIN.length)];
    else if (x < 0.12) s += PUNCT[Math.floor(r() * PUNCT.length)];
    else s += HAN[Math.floor(r() * HAN.length)];
  }
  return s.replace(/[，、；：（“]$/, '') + '。';
}

const para = (type: string, text: string) => ({ type, content: text ? [{ type: 'text', text }] : [] });

export interface GenerateOptions {
  pages?: number;
  /** Total characters of story text, about. */
  chars?: number;
  seed?: number;
  templateId?: string;
  /** Photo links to create (their files are not written). */
  photos?: number;
}

/** Builds a valid issue of the current format version. */
export function generateIssue(opts: GenerateOptions = {}): Issue {
  const pagesN = opts.pages ?? 8;
  const chars = opts.chars ?? 60_000;
  const r = rng(opts.seed ?? 1);
  const storiesPerPage = 4;
  const storyN = pagesN * storiesPerPage;
  const perStory = Math.max(40, Math.floor(chars / storyN));
  const photosN = opts.photos ?? pagesN;
  const assets: Asset[] = Array.from({ length: photosN }, (_, i) => ({ id: `a${i + 1}`, path: `photos/photo-${i + 1}.jpg`, widthPx: 3000, heightPx: 2000 }));
  const stories: Story[] = [];
  const pages: Page[] = [];
  for (let p = 0; p < pagesN; p++) {
    const frames: Page['frames'] = [];
    for (let k = 0; k < storiesPerPage; k++) {
      const id = `s${p * storiesPerPage + k + 1}`;
      const content: unknown[] = [para('headline', sentence(r, 12).slice(0, -1)), para('byline', `本报记者 ${HAN.slice(k, k + 2)}${HAN[p + 3]}`)];
      if (k === 0) content.unshift(para('kicker', sentence(r, 10).slice(0, -1)));
      let len = 0;
      while (len < perStory) {
        const t = sentence(r, 40 + Math.floor(r() * 120));
        content.push(para('paragraph', t));
        len += t.length;
        if (r() < 0.08) content.push(para('subhead', sentence(r, 8).slice(0, -1)));
      }
      if (k === 0 && p < photosN) {
        content.push({ type: 'figure', content: [{ type: 'photo', attrs: { assetId: `a${p + 1}`, alt: '' } }, para('caption', sentence(r, 20)), { type: 'credit', content: [{ type: 'text', text: '本报记者 摄' }] }] });
      }
      stories.push({ id, slug: `${p + 1}-${k + 1}`, status: 'draft', doc: { type: 'doc', content } });
      frames.push({ id: `f${id}`, type: 'story', storyId: id, rect: { column: (k % 2) * 4, span: 4, line: Math.floor(k / 2) * 40, lines: 40 } });
    }
    if (p < photosN) frames.push({ id: `ph${p + 1}`, type: 'photo', assetId: `a${p + 1}`, rect: { column: 0, span: 4, line: 80, lines: 20 }, fit: 'fill', caption: 'below' });
    frames.push({ id: `r${p + 1}`, type: 'rule', orientation: 'horizontal', weight: 0.5, rect: { column: 0, span: 8, line: 79, lines: 1 } });
    pages.push({ id: `p${p + 1}`, number: p + 1, section: ['要闻', '综合', '经济', '社会', '文化', '体育', '国际', '副刊'][p % 8], editor: '张三', designer: '李四', templateId: opts.templateId ?? 'broadsheet-8col', frames });
  }
  return {
    format: 'broadsheet-issue',
    version: ISSUE_FORMAT_VERSION,
    paper: '滨海日报',
    issueNumber: '第123期',
    totalNumber: '总第4567期',
    date: '2026-11-23',
    edition: '',
    serial: 'CN12-0000',
    publisher: '',
    pages,
    stories,
    assets,
  };
}

/** Number of characters of text in an issue's stories. */
export function storyChars(issue: Issue): number {
  let n = 0;
  const walk = (node: unknown) => {
    const o = node as { text?: string; content?: unknown[] };
    if (typeof o.text === 'string') n += o.text.length;
    o.content?.forEach(walk);
  };
  issue.stories.forEach((s) => walk(s.doc));
  return n;
}
