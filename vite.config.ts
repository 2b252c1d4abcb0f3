import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The renderer: root renderer/, built to dist/renderer with relative URLs so the same
 * files load from the browser-mode server and from Electron's file:// or app:// origin.
 */
export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // No inline scripts or data: modules anywhere: the CSP allows script-src 'self' only.
    assetsInlineLimit: 0,
    reportCompressedSize: false,
  },
});
