import './zod-jitless.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './App.js';
import { startup } from './document.js';
import { browserUiLocale, initI18n, savedUiLocale } from './i18n.js';
import { errorMessage, pickTransport } from './transport.js';
import './app.css';

// Start-up: pick the transport, ask the host for the UI locale, then mount the app. A host
// that refuses us (wrong token, host gone) gets a plain message instead of a blank window.
const rootEl = document.getElementById('root');
if (!rootEl) throw new Error('index.html has no #root');
const transport = pickTransport();
// The start-up issue, its templates and its fonts are asked for at once, beside appInfo and
// while i18n and React start: the first page needs them soonest.
const first = startup(transport.api, transport.files);
try {
  const info = await transport.api.appInfo();
  // The language the user chose last time wins; then the browser's (the OS's in Electron); the
  // host's suggestion (its LANG) only when the browser names neither Chinese nor English.
  const locale = savedUiLocale() ?? browserUiLocale(navigator.languages?.length ? navigator.languages : [navigator.language]) ?? info.locale;
  if (locale !== info.locale) void transport.api.setUiLocale({ locale }).catch(() => {});
  const i18n = await initI18n(locale);
  createRoot(rootEl).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <App transport={transport} info={info} startup={first} />
      </I18nextProvider>
    </StrictMode>,
  );
} catch (err) {
  const box = document.createElement('div');
  box.className = 'bs-error';
  box.setAttribute('role', 'alert');
  const h = document.createElement('h2');
  h.textContent = 'Broadsheet 无法连接到主机 / cannot reach its host';
  const p = document.createElement('p');
  p.textContent = errorMessage(err);
  box.append(h, p);
  rootEl.replaceChildren(box);
  document.body.dataset.state = 'error';
}
