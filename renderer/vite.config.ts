import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The renderer: built to dist/renderer with relative URLs, so the same files work under the
// Electron protocol (broadsheet://app/) and the loopback host (http://127.0.0.1:port/).
// No inline scripts or styles are emitted: the page's CSP allows only 'self'.
const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome120',
    modulePreload: { polyfill: false },
    // Nothing inlined as data: URLs; fonts and photos come from the host.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 4096,
    sourcemap: true,
  },
  // fontkit's browser build expects these Node-isms to be absent rather than polyfilled.
  define: { 'process.env.NODE_ENV': JSON.stringify(process.env.NODE_ENV ?? 'production') },
});
