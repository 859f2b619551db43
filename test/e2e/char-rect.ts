import type { EditorView } from 'prosemirror-view';

/**
 * The client rect of the character at a document position in an editor view (browser side of
 * the e2e harnesses): the e2e tests compare it with where the composer put that character.
 */
export function charRectAt(view: EditorView, pos: number): { left: number; top: number; bottom: number; width: number } | null {
  const { node, offset } = view.domAtPos(pos, 1);
  let n: Node = node;
  let o = offset;
  if (n.nodeType !== 3) {
    n = n.childNodes[o] ?? n;
    while (n.nodeType !== 3 && n.firstChild) n = n.firstChild;
    o = 0;
  }
  if (n.nodeType !== 3) return null;
  const r = document.createRange();
  r.setStart(n, o);
  r.setEnd(n, Math.min(o + 1, (n as Text).length));
  const rect = r.getClientRects()[0];
  return rect ? { left: rect.left, top: rect.top, bottom: rect.bottom, width: rect.width } : null;
}
