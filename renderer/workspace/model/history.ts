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
