import assert from 'node:assert/strict';
import { test } from 'node:test';
import { browserUiLocale } from '../../renderer/src/i18n.js';

// The UI language follows the browser's (Electron: the OS's) languages, not the host's LANG.
test('the browser’s first Chinese or English language picks the UI language', () => {
  const cases: [string[] | undefined, string | undefined][] = [
    [['zh-CN'], 'zh-CN'],
    [['zh'], 'zh-CN'],
    [['zh-TW', 'en'], 'zh-CN'], // Traditional readers get Simplified (the only Chinese UI), not English
    [['zh-Hans-CN'], 'zh-CN'],
    [['en-US', 'zh-CN'], 'en'],
    [['en-GB'], 'en'],
    [['fr-FR', 'de'], undefined],
    [['fr-FR', 'zh-CN'], 'zh-CN'],
    [['enx'], undefined],
    [[], undefined],
    [undefined, undefined],
  ];
  for (const [langs, want] of cases) assert.equal(browserUiLocale(langs), want, JSON.stringify(langs));
});
