/** 简体中文 (the default UI language). */
export default {
  app: { name: 'Broadsheet 排版' },
  toolbar: {
    language: '界面语言',
    pages: '共 {{count}} 版',
    readOnly: '只读',
    untitled: '未命名',
  },
  transport: { electron: '桌面应用', loopback: '浏览器（本机回环主机）' },
  status: {
    starting: '正在启动…',
    opening: '正在打开期刊…',
    fonts: '正在载入字体（{{count}} 款）…',
    ready: '期刊已打开，用时 {{ms}} 毫秒',
    warnings_one: '{{count}} 条打开提示',
    warnings_other: '{{count}} 条打开提示',
    newIssue: '已新建期刊（未保存）',
    autosaved: '未保存的修改已于 {{time}} 存入恢复文件',
    autosaveFailed: '自动保存失败：{{message}}',
    restored: '已恢复上次未保存的修改，请保存以写入文件',
  },
  recovery: {
    found_one: '发现 {{time}} 未保存的修改（{{count}} 处）。要恢复吗？',
    found_other: '发现 {{time}} 未保存的修改（{{count}} 处）。要恢复吗？',
    changedSince: '这些修改开始后，文件已在别处另行保存过。',
    differences: '恢复后的变化',
    restore: '恢复',
    discard: '放弃',
  },
  confirm: { discard: '当前期刊有未保存的修改，放弃这些修改吗？' },
  error: {
    title: '无法显示这份期刊',
    retry: '重试',
    dismiss: '关闭提示',
    openFailed: '无法打开：{{message}}',
  },
} as const;
