import { Node as PMNode } from 'prosemirror-model';
import { Transform } from 'prosemirror-transform';
import type { Issue, PhotoFrame, Story } from '../../../core/model/issue.js';
import { storySchema } from '../../../core/model/story-schema.js';
import { OperationError, type Operation } from './operations.js';
import { findFrame, placedStoryIds } from './threads.js';

/**
 * A photo's caption (图说) and credit (…摄) as the page shows them, and the edit of either: the
 * text of a figure's caption or credit node when the photo frame shows a figure of a placed story
 * (as the composer claims it: storyId + figure index), else the frame's own captionText / credit.
 */

export type CaptionPart = 'caption' | 'credit';

/** Where a photo frame's caption text lives. */
export type CaptionSource = { kind: 'figure'; storyId: string; figure: number } | { kind: 'frame' };

/** The figure nodes of a story document in order, with their positions (before each node). */
function figuresOf(doc: PMNode): Array<{ node: PMNode; pos: number }> {
  const out: Array<{ node: PMNode; pos: number }> = [];
  doc.forEach((node, offset) => {
    if (node.type.name === 'figure') out.push({ node, pos: offset });
  });
  return out;
}

function storyNode(story: Story): PMNode {
  return PMNode.fromJSON(storySchema, story.doc);
}

/** Where the caption of this photo frame comes from (the composer's rule: a placed story's figure by index). */
export function captionSource(issue: Issue, frame: PhotoFrame): CaptionSource {
  if (frame.storyId === undefined || frame.figure === undefined || !placedStoryIds(issue).has(frame.storyId)) return { kind: 'frame' };
  const story = issue.stories.find((s) => s.id === frame.storyId);
  if (!story || !figuresOf(storyNode(story))[frame.figure]) return { kind: 'frame' };
  return { kind: 'figure', storyId: frame.storyId, figure: frame.figure };
}

/** The caption's (or credit's) text of a photo frame, as the page shows it ('' when none). */
export function captionText(issue: Issue, frameId: string, part: CaptionPart): string {
  const frame = photoFrameOf(issue, frameId);
  const src = captionSource(issue, frame);
  if (src.kind === 'frame') return (part === 'caption' ? frame.captionText : frame.credit) ?? '';
  const fig = figuresOf(storyNode(issue.stories.find((s) => s.id === src.storyId)!))[src.figure].node;
  let text = '';
  fig.forEach((child) => {
    if (child.type.name === part) text = child.textContent;
  });
  return text;
}

function photoFrameOf(issue: Issue, frameId: string): PhotoFrame {
  const at = findFrame(issue, frameId);
  if (!at) throw new OperationError('error.noFrame', { id: frameId });
  if (at.frame.type !== 'photo') throw new OperationError('error.wrongFrameType', { id: frameId, type: 'photo' });
  return at.frame;
}

/** Caption text as one paragraph: line breaks and runs of spaces become one space, the ends trimmed. */
export function cleanCaption(text: string): string {
  return text.replace(/[\r\n\t\u2028\u2029]+/g, ' ').replace(/ {2,}/g, ' ').trim();
}

/**
 * Sets a photo frame's caption or credit to `text` (one undo step; the same text changes nothing).
 * A figure's node keeps the marks of the text left as it was: only the changed middle is replaced
 * (as typed there), so a bold name in a caption stays bold when a word after it is corrected.
 */
export function setPhotoCaption(frameId: string, part: CaptionPart, text: string): Operation {
  return {
    label: { key: part === 'caption' ? 'ph.op.editCaption' : 'ph.op.editCredit' },
    run(issue) {
      const frame = photoFrameOf(issue, frameId);
      const value = cleanCaption(text);
      const src = captionSource(issue, frame);
      if (src.kind === 'frame') {
        const key = part === 'caption' ? 'captionText' : 'credit';
        if ((frame[key] ?? '') === value) return issue;
        const next: PhotoFrame = { ...frame };
        if (value) next[key] = value;
        else delete next[key];
        return { ...issue, pages: issue.pages.map((p) => (p.frames.includes(frame) ? { ...p, frames: p.frames.map((f) => (f === frame ? next : f)) } : p)) };
      }
      const i = issue.stories.findIndex((s) => s.id === src.storyId);
      const doc = storyNode(issue.stories[i]);
      const fig = figuresOf(doc)[src.figure];
      const tr = new Transform(doc);
      let partPos = -1;
      let partNode: PMNode | null = null;
      fig.node.forEach((child, offset) => {
        if (child.type.name === part) {
          partPos = fig.pos + 1 + offset;
          partNode = child;
        }
      });
      if (!partNode) {
        if (!value) return issue;
        // No node yet: a caption goes right after the photo, a credit at the figure's end.
        const node = storySchema.nodes[part].create(null, storySchema.text(value));
        const firstSize = fig.node.firstChild?.nodeSize ?? 0;
        tr.insert(part === 'caption' ? fig.pos + 1 + firstSize : fig.pos + fig.node.nodeSize - 1, node);
      } else {
        const old = (partNode as PMNode).textContent;
        if (old === value) return issue;
        let pre = 0;
        while (pre < old.length && pre < value.length && old[pre] === value[pre]) pre++;
        let suf = 0;
        while (suf < old.length - pre && suf < value.length - pre && old[old.length - 1 - suf] === value[value.length - 1 - suf]) suf++;
        const from = partPos + 1 + pre;
        const to = partPos + 1 + old.length - suf;
        const mid = value.slice(pre, value.length - suf);
        const marks = part === 'credit' ? [] : tr.doc.resolve(from).marks();
        if (mid) tr.replaceWith(from, to, storySchema.text(mid, marks));
        else tr.delete(from, to);
      }
      const stories = issue.stories.slice();
      stories[i] = { ...stories[i], doc: tr.doc.toJSON() as Story['doc'] };
      return { ...issue, stories };
    },
  };
}
