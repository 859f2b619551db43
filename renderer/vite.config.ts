import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The renderer: built to dist/renderer with relative URLs, so the same files work under the
// Electron protocol (broadsheet://app/) and the loopback host (http://127.0.0.1:port/).
// No inline scripts or styles are emitted: the page's CSP allows only 'self'.
const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * fontkit decodes WOFF2 with brotli's decoder, whose module inflates a 120 KB dictionary when it
 * loads, at start-up. The renderer loads only the TTF files of
 * assets/fonts.json and their TTF subsets, never WOFF2: the decoder is left out.
 */
const noBrotli = {
  name: 'no-brotli',
  enforce: 'pre' as const,
  resolveId: (id: string) => (/^brotli\/decompress(\.js)?$/.test(id) ? '\0no-brotli' : null),
  load: (id: string) =>
    id === '\0no-brotli' ? 'export default function decompress() { throw new Error("WOFF2 fonts are not supported in the renderer: use TTF/OTF files"); }' : null,
};

export default defineConfig({
  root: here,
  base: './',
  plugins: [noBrotli, react()],
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
