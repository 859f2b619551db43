import { writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { parseOptions, UsageError, type Command } from '../command.js';

const usage = `Usage: broadsheet import <copy files…> -o <issue.broadsheet> [options]

Imports copy (plain text in UTF-8, GB18030/GBK or UTF-16; Word .docx) into stories — headline
blocks (引题 / 主题 / 副题), bylines, 栏目 banners, subheads, photo captions as figures waiting
for their photos — repairs it (lines broken mid-sentence joined, ASCII punctuation beside Chinese
made full-width, stray spaces removed; repeated paragraphs flagged) and lays the stories out on
pages of a template: the lead top left, banners above their stories, photo frames, rules, every
story fitted by the composer, continuing on further pages when the copy exceeds a page.
The copy files are only read.

Options:
  -o, --output FILE    the issue file to write (saved atomically; an existing file is kept as .bak)
  --append             add the stories to the issue FILE already holds (new pages after its
                       pages) instead of starting a new issue
  --template ID        template of the first page (default broadsheet-8col; later pages use its
                       -inside variant)
  --pages N            at most N pages (default 4); what does not fit is listed
  --report FILE        write the full import report (every change, before/after) as JSON
  --json               print the import and layout report as JSON on stdout instead of text
  --drop-repeats       remove repeated paragraphs instead of only flagging them
  --no-layout          import only: the stories go into the issue unplaced
  --like FILE          the publication's last issue: the new issue takes its paper name, 刊号,
                       publisher, edition and print condition, and the next 期号 and 总期号
  --paper NAME         paper name (the masthead's); without it or --like the masthead says 报名
  --date YYYY-MM-DD    issue date (default today)

Exit codes: 0 written, 1 failed (unreadable or wrong copy file, write error), 2 bad usage.`;

const command: Command = {
  name: 'import',
  summary: 'Import copy (.txt/.docx) into stories and lay them out on pages of a template.',
  usage,
  async run(argv) {
    const parsed = parseOptions(argv, {
      output: { type: 'string', short: 'o' },
      template: { type: 'string' },
      pages: { type: 'string' },
      report: { type: 'string' },
      json: { type: 'boolean' },
      'drop-repeats': { type: 'boolean' },
      'no-layout': { type: 'boolean' },
      append: { type: 'boolean' },
      paper: { type: 'string' },
      like: { type: 'string' },
      date: { type: 'string' },
    });
    const { values, positionals } = parsed;
    if (!positionals.length) throw new UsageError('give one or more copy files (see --help)');
    if (!values.output) throw new UsageError('missing -o <issue.broadsheet>');
    if (!values.output.endsWith('.broadsheet')) throw new UsageError(`the output should be an issue file named *.broadsheet, got '${values.output}'`);
    if (positionals.includes(values.output)) throw new UsageError('the output would overwrite a copy file');
    const maxPages = values.pages === undefined ? 4 : Number(values.pages);
    if (!Number.isInteger(maxPages) || maxPages < 1 || maxPages > 64) throw new UsageError(`--pages wants a whole number from 1 to 64, got '${values.pages}'`);
    const date = values.date ?? new Date().toISOString().slice(0, 10);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new UsageError(`--date wants YYYY-MM-DD, got '${values.date}'`);
    const templateId = values.template ?? 'broadsheet-8col';
    if (values.like && values.append) throw new UsageError('--like starts a new issue; --append adds to the one -o holds: give one of them');

    const [{ readCopyFiles, importReadCopy, CopyFileError }, { formatImportReport, toModelStory }, { folderTemplates, templatesDir }] = await Promise.all([
      import('../../node/import/index.js'),
      import('../../core/import/index.js'),
      import('../../node/templates.js'),
    ]);
    const templates = folderTemplates();
    if (!templates.get(templateId)) throw new UsageError(`unknown template '${templateId}': neither built in nor in ${templatesDir()} (known: ${templates.ids().join(', ')})`);
    const t0 = performance.now();
    let files;
    try {
      files = await readCopyFiles(positionals);
    } catch (err) {
      if (err instanceof CopyFileError) throw new UsageError(err.message, 1);
      throw err;
    }
    let base: import('../../core/model/issue.js').Issue | undefined;
    if (values.append) {
      const { openIssueFile, isIssueFileError } = await import('../../node/store/index.js');
      if (!existsSync(values.output)) throw new UsageError(`--append: ${values.output} does not exist`);
      try {
        base = (await openIssueFile(values.output)).issue;
      } catch (err) {
        if (isIssueFileError(err)) throw new UsageError(err.message, 1);
        throw err;
      }
    }
    const result = importReadCopy(files, { dropRepeats: values['drop-repeats'], existingIds: base?.stories.map((s) => s.id) });
    if (!result.stories.length) throw new UsageError(`no stories found in ${positionals.join(', ')}`, 1);
    const t1 = performance.now();

    const { emptyIssue, nextIssueOf, PAPER_PLACEHOLDER } = await import('../../core/model/issue.js');
    let fresh = emptyIssue({ paper: values.paper ?? PAPER_PLACEHOLDER, date });
    if (values.like) {
      const { openIssueFile, isIssueFileError } = await import('../../node/store/index.js');
      try {
        fresh = nextIssueOf((await openIssueFile(values.like, { readOnly: true })).issue, date);
      } catch (err) {
        if (isIssueFileError(err)) throw new UsageError(`--like: ${err.message}`, 1);
        throw err;
      }
      if (values.paper) fresh = { ...fresh, paper: values.paper };
    }
    if (!base && !values.paper && !values.like) process.stderr.write(`Note: no paper name given (--paper NAME, or --like LAST.broadsheet): the masthead says ${PAPER_PLACEHOLDER}.\n`);
    const issue = { ...(base ?? fresh), stories: [...(base?.stories ?? []), ...result.stories.map(toModelStory)] };
    let laidOut = issue as import('../../core/model/issue.js').Issue;
    let layout: import('../../core/layout/index.js').LayoutResult | undefined;
    if (!values['no-layout']) {
      const [{ layoutStories }, { nodeComposeContext }] = await Promise.all([import('../../core/layout/index.js'), import('../../node/compose.js')]);
      const ctx = await nodeComposeContext(issue, undefined, templates);
      const banners = Object.fromEntries(result.stories.filter((s) => s.banner).map((s) => [s.id, s.banner!]));
      // Appending to an issue that has pages: the new pages are inside pages unless a template is named.
      const firstTemplate = values.template ?? (base?.pages.length ? (templates.get(`${templateId}-inside`) ? `${templateId}-inside` : templateId) : templateId);
      layout = layoutStories(issue, result.stories.map((s) => s.id), ctx, { templateId: firstTemplate, maxPages, banners });
      laidOut = layout.issue;
    }
    const t2 = performance.now();
    const { saveIssueFile } = await import('../../node/store/index.js');
    await saveIssueFile(values.output, laidOut);
    const t3 = performance.now();

    const fits = layout ? Object.fromEntries(layout.placed.map((id) => [id, layout!.composed.stories[id]?.fit])) : {};
    if (values.report) await writeFile(values.report, JSON.stringify({ import: result.report, layout: layout ? { pages: layout.pages.length, placed: layout.placed, unplaced: layout.unplaced, notes: layout.notes, fits } : null }, null, 1) + '\n');
    if (values.json) {
      process.stdout.write(JSON.stringify({ output: values.output, import: result.report, layout: layout ? { pages: layout.pages.length, placed: layout.placed, unplaced: layout.unplaced, notes: layout.notes, fits } : null }, null, 1) + '\n');
    } else {
      const lines = formatImportReport(result.report);
      if (layout) {
        const oversets = layout.notes.filter((n) => n.kind === 'overset');
        const used = [...new Set(layout.pages.map((i) => layout!.issue.pages[i].templateId))];
        lines.push(`Layout: ${layout.pages.length} page(s) (${used.join(', ')}); ${layout.placed.length} of ${result.stories.length} stories placed${oversets.length ? '' : ', none overset'}.`);
        for (const n of layout.notes) lines.push(`  ${n.kind === 'unplaced' ? 'Did not fit' : n.kind === 'hole' ? 'Empty' : n.kind === 'continued' ? 'Continued' : n.kind}: ${n.message}`);
      }
      lines.push(`Wrote ${values.output}${existsSync(values.output + '.bak') ? ' (previous version kept as .bak)' : ''}; import ${(t1 - t0).toFixed(0)} ms, layout ${(t2 - t1).toFixed(0)} ms, save ${(t3 - t2).toFixed(0)} ms.`);
      process.stdout.write(lines.join('\n') + '\n');
    }
    return 0;
  },
};
export default command;
