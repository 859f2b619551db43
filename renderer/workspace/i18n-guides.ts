/**
 * The strings of the ruler guides (参考线): their readings while dragged, the view toggles, the
 * operations' undo labels and errors — the `guide` section of the workspace namespace (i18n.ts),
 * zh-CN and en.
 */

export const guideZh = {
  show: '显示参考线',
  /** The toolbar's checkbox (short). */
  toolbar: '参考线',
  lock: '锁定参考线',
  clear: '清除本版参考线',
  /** A horizontal guide at the top of a line (1-based). */
  line: '第 {{n}} 行',
  foot: '第 {{n}} 行下',
  colLeft: '第 {{n}} 栏左',
  colRight: '第 {{n}} 栏右',
  colChar: '第 {{n}} 栏第 {{k}} 字',
  gutter: '第 {{n}}、{{m}} 栏间',
  mm: '{{mm}} 毫米',
  remove: '松开即删除',
  guide: '参考线',
  op: { add: '添加参考线', move: '移动参考线', delete: '删除参考线', clear: '清除本版参考线' },
  error: { bad: '参考线位置无效（{{axis}} = {{at}}）：须在本版的网格上', none: '本版没有第 {{index}} 条参考线' },
};

export const guideEn: typeof guideZh = {
  show: 'Show Guides',
  toolbar: 'Guides',
  lock: 'Lock Guides',
  clear: 'Clear Guides on Page',
  line: 'line {{n}}',
  foot: 'below line {{n}}',
  colLeft: 'col {{n}} left',
  colRight: 'col {{n}} right',
  colChar: 'col {{n}}, char {{k}}',
  gutter: 'between col {{n}} and {{m}}',
  mm: '{{mm}} mm',
  remove: 'release to remove',
  guide: 'Guide',
  op: { add: 'Add Guide', move: 'Move Guide', delete: 'Delete Guide', clear: 'Clear Guides on Page' },
  error: { bad: 'Invalid guide position ({{axis}} = {{at}}): it must lie on the page grid', none: 'This page has no guide {{index}}' },
};
