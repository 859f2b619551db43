/**
 * The strings of Place… (置入), photos placed into an issue with no file yet, the inspector on a
 * photo whose file is missing, and captions edited on the page — the `ph` section of the
 * workspace namespace (i18n.ts), zh-CN and en.
 */

export const phZh = {
  place: '置入…',
  placing: '正在置入 {{count}} 张图片…',
  placed: '已置入 {{count}} 张图片',
  notImage: '“{{names}}”不是可置入的图片（JPEG、PNG、TIFF、WebP）：什么也没有改',
  unreadable: '“{{name}}”读不出图片（文件损坏或不是图片）：什么也没有改',
  failed: '置入“{{name}}”失败：{{message}}。什么也没有改',
  saveFirst: '这一期还没有保存：图片要复制到它旁边的 photos 文件夹。请先选择保存位置。',
  saveCancelled: '没有保存，图片没有置入',
  noSaveDialog: '这一期还没有保存：先用“文件 ▸ 另存为…”保存，再置入图片',
  status: {
    missing: '缺图',
    unreadable: '无法读取',
    outside: '文件夹外',
  },
  statusWhy: {
    missing: '找不到图片文件 {{path}}：像素与分辨率要等重新链接后才知道',
    unreadable: '图片文件 {{path}} 无法读取：请重新链接',
    outside: '图片文件 {{path}} 在这一期的文件夹外：在链接面板中接受，或重新链接',
  },
  relink: '重新链接…',
  captionEdit: '编辑图片说明（Enter 确定，Esc 取消）',
  creditEdit: '编辑摄影署名（Enter 确定，Esc 取消）',
  op: {
    placePhotos: '置入图片（{{count}} 张）',
    editCaption: '编辑图片说明',
    editCredit: '编辑摄影署名',
  },
  error: {
    placeCount: '置入的位置（{{targets}}）与图片（{{photos}}）数目不符',
  },
};

export const phEn: typeof phZh = {
  place: 'Place…',
  placing: 'Placing {{count}} photo(s)…',
  placed: 'Placed {{count}} photo(s)',
  notImage: '“{{names}}” is not an image that can be placed (JPEG, PNG, TIFF, WebP): nothing was changed',
  unreadable: '“{{name}}” could not be read as an image (damaged, or not an image): nothing was changed',
  failed: 'Placing “{{name}}” failed: {{message}}. Nothing was changed',
  saveFirst: 'This issue has not been saved yet: photos are copied into the photos folder beside it. Choose where to save it first.',
  saveCancelled: 'Not saved: the photos were not placed',
  noSaveDialog: 'This issue has not been saved yet: save it with File ▸ Save As… first, then place the photos',
  status: {
    missing: 'Missing',
    unreadable: 'Unreadable',
    outside: 'Outside the folder',
  },
  statusWhy: {
    missing: 'The photo file {{path}} is not there: its pixels and resolution are known again once it is relinked',
    unreadable: 'The photo file {{path}} cannot be read: relink it',
    outside: 'The photo file {{path}} is outside the issue’s folder: accept it in the Links panel, or relink it',
  },
  relink: 'Relink…',
  captionEdit: 'Edit the caption (Enter: done, Esc: cancel)',
  creditEdit: 'Edit the credit (Enter: done, Esc: cancel)',
  op: {
    placePhotos: 'Place photos ({{count}})',
    editCaption: 'Edit caption',
    editCredit: 'Edit credit',
  },
  error: {
    placeCount: 'The places ({{targets}}) and the photos ({{photos}}) do not match in number',
  },
};
