/** English. Keys mirror zh-CN.ts. */
export default {
  app: { name: 'Broadsheet' },
  toolbar: {
    language: 'Language',
    pages: '{{count}} pages',
    readOnly: 'Read-only',
    untitled: 'Untitled',
  },
  transport: { electron: 'Desktop app', loopback: 'Browser (loopback host)' },
  status: {
    starting: 'Starting…',
    opening: 'Opening the issue…',
    fonts: 'Loading fonts ({{count}} faces)…',
    ready: 'Issue opened in {{ms}} ms',
    warnings_one: '{{count}} note from opening the file',
    warnings_other: '{{count}} notes from opening the file',
    newIssue: 'New issue (not saved)',
  },
  confirm: { discard: 'The issue has unsaved changes. Discard them?' },
  error: {
    title: 'This issue cannot be shown',
    retry: 'Try again',
    dismiss: 'Dismiss',
    openFailed: 'Cannot open: {{message}}',
  },
} as const;
