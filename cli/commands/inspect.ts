import { parseOptions, UsageError, type Command } from '../command.js';
import { inspectIssue, type IssueInspection } from '../../node/export/inspect.js';
import { formatReport } from '../../node/export/preflight.js';

const usage = `Usage: broadsheet inspect <issue.broadsheet> [--json] [--pdfx]

Prints the preflight report (the same one export gives; --pdfx adds PDF/X rules), then the
issue's pages with their frames, and its stories: kicker, headline, deck, byline, paragraph
and character counts. Exits 1 when the file cannot be read.`;

function rect(r: { column: number; span: number; line: number; lines: number }): string {
  return `col ${r.column + 1}+${r.span}, line ${r.line + 1}+${r.lines}`;
}

function text(i: IssueInspection): string {
  const out: string[] = [];
  out.push(`${i.paper} ${i.date} ${i.issueNumber}`.trim() + ` — ${i.pages.length} pages, ${i.stories.length} stories`);
  for (const w of i.warnings) out.push(`note: ${w}`);
  out.push('', formatReport(i.preflight), '', 'Pages:');
  for (const p of i.pages) {
    out.push(`  ${p.label} (page ${p.number}) ${p.section} — template ${p.templateId}, ${p.frames.length} frames`);
    for (const f of p.frames) {
      const what = f.type === 'story' ? `story ${f.storyId}${f.next ? ` → ${f.next}` : ''}` : f.type === 'photo' ? `photo ${f.assetId ?? '(empty)'}` : f.type;
      out.push(`    ${f.id.padEnd(10)} ${what.padEnd(22)} ${rect(f.rect)}`);
    }
  }
  out.push('', 'Stories:');
  for (const s of i.stories) {
    out.push(`  ${s.id} [${s.slug}] ${s.paragraphs} paragraphs, ${s.characters} characters${s.figures ? `, ${s.figures} figures` : ''}`);
    if (s.kicker) out.push(`    kicker:   ${s.kicker}`);
    if (s.headline) out.push(`    headline: ${s.headline}`);
    if (s.deck) out.push(`    deck:     ${s.deck}`);
    if (s.byline) out.push(`    byline:   ${s.byline}`);
  }
  return out.join('\n');
}

const command: Command = {
  name: 'inspect',
  summary: 'Print an issue’s preflight report, pages, frames and stories (--json).',
  usage,
  async run(argv) {
    const parsed = parseOptions(argv, { json: { type: 'boolean' }, pdfx: { type: 'boolean' } });
    if (parsed.positionals.length !== 1) throw new UsageError('give exactly one issue file');
    const result = await inspectIssue(parsed.positionals[0], { pdfx: parsed.values.pdfx, composerModule: process.env.BROADSHEET_EXPORT_COMPOSER });
    process.stdout.write((parsed.values.json ? JSON.stringify(result, null, 2) : text(result)) + '\n');
    return 0;
  },
};
export default command;
