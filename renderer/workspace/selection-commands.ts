import type { Issue } from '../../core/model/issue.js';
import type { CommandTable } from './commands.js';
import { hasCopiedFrames, hasCopiedStoryFrame, type useFrameActions } from './frame-actions.js';
import { findFrame } from './model/threads.js';
import { frameAfter } from './model/tab-order.js';

/**
 * The command table's entries for the selection (several frames): edit text, select all, the
 * frame clipboard, align and distribute, z-order, thread on. When each can run is read from the
 * selection as it is, so the context menu, the keys and the inspector's buttons grey together.
 */

type SelectionCommandName = 'edit-text' | 'select-all' | 'select-frame' | 'copy-frames' | 'cut-frames' | 'paste-frames' | 'paste-threaded' | 'duplicate-frames' | 'align' | 'distribute' | 'arrange' | 'start-link';

export interface SelectionCommandsOptions {
  issue: Issue;
  frames: ReturnType<typeof useFrameActions>;
  selection: readonly string[];
  currentPage: number;
  setLinkFrom(id: string | null): void;
}

export function selectionCommands(o: SelectionCommandsOptions): Pick<CommandTable, SelectionCommandName> {
  const { frames, selection, issue } = o;
  const only = selection.length === 1 ? findFrame(issue, selection[0])?.frame : undefined;
  const pages = new Set(selection.map((id) => findFrame(issue, id)?.pageIndex));
  const onePage = selection.length > 0 && pages.size === 1 && !pages.has(undefined);
  return {
    'edit-text': { run: () => frames.editText(), enabled: () => only?.type === 'story' },
    'select-all': { run: () => frames.selectAll(), enabled: () => !!issue.pages[o.currentPage]?.frames.length },
    'select-frame': { run: (c) => frames.selectStep(c.step), enabled: (c) => !!issue.pages[o.currentPage] && frameAfter(issue.pages[o.currentPage], only?.id ?? null, c.step) !== null },
    'copy-frames': { run: () => frames.copySelected(), enabled: () => selection.length > 0 },
    'cut-frames': { run: () => frames.cutSelected(), enabled: () => selection.length > 0 },
    'paste-frames': { run: () => frames.paste(false), enabled: () => hasCopiedFrames() && !!issue.pages[o.currentPage] },
    'paste-threaded': { run: () => frames.paste(true), enabled: () => hasCopiedStoryFrame() && !!issue.pages[o.currentPage] },
    'duplicate-frames': { run: () => frames.duplicate(), enabled: () => selection.length > 0 },
    align: { run: (c) => void frames.align(c.edge), enabled: () => onePage },
    distribute: { run: (c) => void frames.distribute(c.axis), enabled: () => onePage && selection.length >= 3 },
    arrange: { run: (c) => void frames.arrange(c.to), enabled: () => selection.length > 0 },
    'start-link': { run: () => only && o.setLinkFrom(only.id), enabled: () => only?.type === 'story' },
  };
}
