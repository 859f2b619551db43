import { useMemo, useState } from 'react';
import { Node as PMNode } from 'prosemirror-model';
import type { Issue, Story } from '../../core/model/issue.js';
import { storySchema } from '../../core/model/story-schema.js';
import { findInStories, replaceAllInStories, type FindMatch, type StoryEditor } from '../editor/index.js';
import { useWorkspaceT } from './i18n.js';
import { setStoryDocs, type Operation } from './model/operations.js';

/**
 * Find and replace across the issue (Ctrl+F): every story's text, placed or not. "Next" opens
 * the story on its page and selects the match; "Replace" changes the selected match (an undo
 * step of that story's text); "Replace all" changes every story at once, as one undo step.
 */

const parsed = new WeakMap<object, PMNode>();

/** A story's document as a ProseMirror node (parsed once per document object). */
export function storyNode(doc: Story['doc']): PMNode {
  let n = parsed.get(doc);
  if (!n) {
    n = PMNode.fromJSON(storySchema, doc);
    parsed.set(doc, n);
  }
  return n;
}

export interface FindBarProps {
  issue: Issue;
  editor: StoryEditor | null;
  /** Opens a story in its first frame (the workspace mounts the editor there) with a match selected. */
  onOpenStory(storyId: string, select: FindMatch): void;
  apply(op: Operation): boolean;
  onClose(): void;
}

export function FindBar(p: FindBarProps) {
  const { t } = useWorkspaceT();
  const [query, setQuery] = useState('');
  const [replacement, setReplacement] = useState('');
  const [caseSensitive, setCaseSensitive] = useState(false);
  const [index, setIndex] = useState(-1);
  const stories = useMemo(() => p.issue.stories.map((s) => ({ id: s.id, doc: storyNode(s.doc) })), [p.issue.stories]);
  const matches: FindMatch[] = useMemo(() => (query ? findInStories(stories, query, { caseSensitive }) : []), [stories, query, caseSensitive]);
  const storiesHit = new Set(matches.map((m) => m.storyId)).size;

  const go = (i: number) => {
    if (!matches.length) return;
    const k = ((i % matches.length) + matches.length) % matches.length;
    setIndex(k);
    const m = matches[k];
    const editing = p.editor?.view.dom.getAttribute('data-story');
    if (editing === m.storyId) p.editor!.select(m);
    else p.onOpenStory(m.storyId, m);
  };
  const replaceOne = () => {
    const m = matches[index];
    if (!m || p.editor?.view.dom.getAttribute('data-story') !== m.storyId) return go(Math.max(0, index));
    p.editor.replace([m], replacement);
    go(index);
  };
  const replaceAll = () => {
    if (!query) return;
    const { docs } = replaceAllInStories(stories, query, replacement, { caseSensitive });
    const json = new Map<string, Story['doc']>();
    for (const [id, doc] of docs) json.set(id, doc.toJSON() as Story['doc']);
    if (p.apply(setStoryDocs(json))) setIndex(-1);
  };

  return (
    <div className="bs-ws-find" role="search" data-testid="find">
      <input
        autoFocus
        type="search"
        placeholder={t('find.find')}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setIndex(-1);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') go(e.shiftKey ? index - 1 : index + 1);
          if (e.key === 'Escape') p.onClose();
        }}
        data-testid="find-query"
      />
      <input type="text" placeholder={t('find.replaceWith')} value={replacement} onChange={(e) => setReplacement(e.target.value)} data-testid="find-replacement" />
      <label className="bs-ws-check">
        <input type="checkbox" checked={caseSensitive} onChange={(e) => setCaseSensitive(e.target.checked)} />
        {t('find.caseSensitive')}
      </label>
      <span className="bs-ws-find-count" data-testid="find-count">
        {query ? t('find.count', { count: matches.length, stories: storiesHit, at: index >= 0 ? index + 1 : 0 }) : ''}
      </span>
      <button type="button" disabled={!matches.length} onClick={() => go(index - 1)}>{t('find.previous')}</button>
      <button type="button" disabled={!matches.length} onClick={() => go(index + 1)}>{t('find.next')}</button>
      <button type="button" disabled={!matches.length} onClick={replaceOne}>{t('find.replace')}</button>
      <button type="button" disabled={!matches.length} onClick={replaceAll} data-testid="find-replace-all">{t('find.replaceAll')}</button>
      <button type="button" onClick={p.onClose} aria-label={t('find.close')}>×</button>
    </div>
  );
}
