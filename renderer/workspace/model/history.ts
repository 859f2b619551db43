import type { Issue } from '../../../core/model/issue.js';
import type { OpLabel } from './operations.js';

/**
 * Undo and redo of the layout editor's operations: a stack of whole issues before and after
 * each step (operations share unchanged objects, so a step costs the few objects it replaced).
 * Consecutive steps with the same coalesce key — the keystrokes of one text-editing session,
 * the arrow presses of one nudge — are one step, as InDesign groups typing.
 */

export interface HistoryStep {
  label: OpLabel;
  before: Issue;
  after: Issue;
  coalesce?: string;
}

/** Most steps kept; the oldest go first. */
export const HISTORY_LIMIT = 500;

export class History {
  private done: HistoryStep[] = [];
  private undone: HistoryStep[] = [];
  /** A new step may merge into the last one only while this is true (an undo or a new key ends it). */
  private open = false;

  /** Records a step; merges it into the last one when both carry the same coalesce key. */
  push(step: HistoryStep): void {
    const last = this.done[this.done.length - 1];
    if (this.open && last && step.coalesce && last.coalesce === step.coalesce && last.after === step.before) {
      last.after = step.after;
      // Typing undone back to where it began (the story editor's own undo) leaves no step: the
      // next undo goes on to what came before, not to an edit that shows nothing.
      if (sameIssue(last.before, last.after)) this.done.pop();
    } else {
      this.done.push(step);
      if (this.done.length > HISTORY_LIMIT) this.done.shift();
    }
    this.open = !!step.coalesce;
    this.undone = [];
  }

  /** Ends coalescing: the next step starts a new undo step even with the same key. */
  seal(): void {
    this.open = false;
  }

  undo(): HistoryStep | undefined {
    const step = this.done.pop();
    if (step) this.undone.push(step);
    this.open = false;
    return step;
  }

  redo(): HistoryStep | undefined {
    const step = this.undone.pop();
    if (step) this.done.push(step);
    this.open = false;
    return step;
  }

  get undoLabel(): OpLabel | undefined {
    return this.done[this.done.length - 1]?.label;
  }

  get redoLabel(): OpLabel | undefined {
    return this.undone[this.undone.length - 1]?.label;
  }

  get canUndo(): boolean {
    return this.done.length > 0;
  }

  get canRedo(): boolean {
    return this.undone.length > 0;
  }
}

/** Whether two issues hold the same objects field by field (stories one by one): an edit that came back to where it began. */
export function sameIssue(a: Issue, b: Issue): boolean {
  if (a === b) return true;
  const same = <T extends object>(x: T, y: T, skip?: keyof T) => {
    const kx = Object.keys(x) as (keyof T)[];
    return kx.length === Object.keys(y).length && kx.every((k) => k === skip || x[k] === y[k]);
  };
  return same(a, b, 'stories') && a.stories.length === b.stories.length && a.stories.every((s, i) => s === b.stories[i] || same(s, b.stories[i]));
}
