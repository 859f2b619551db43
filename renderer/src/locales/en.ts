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
    autosaved: 'Unsaved edits kept in the recovery file at {{time}}',
    autosaveFailed: 'Autosave failed: {{message}}',
    restored: 'Recovered edits restored — save to keep them in the file',
  },
  recovery: {
    found_one: 'Edits from {{time}} were not saved ({{count}} change). Restore them?',
    found_other: 'Edits from {{time}} were not saved ({{count}} changes). Restore them?',
    changedSince: 'The file was saved elsewhere after these edits began.',
    differences: 'What would change',
    restore: 'Restore',
    discard: 'Discard',
  },
  confirm: { discard: 'The issue has unsaved changes. Discard them?' },
  error: {
    title: 'This issue cannot be shown',
    retry: 'Try again',
    dismiss: 'Dismiss',
    openFailed: 'Cannot open: {{message}}',
  },
} as const;
