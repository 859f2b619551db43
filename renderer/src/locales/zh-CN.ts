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
  },
  confirm: { discard: '当前期刊有未保存的修改，放弃这些修改吗？' },
  error: {
    title: '无法显示这份期刊',
    retry: '重试',
    dismiss: '关闭提示',
    openFailed: '无法打开：{{message}}',
  },
} as const;
