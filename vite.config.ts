import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = import.meta.dirname;

/**
 * The agent console: a React app under src/web, built to dist/web and served by the Pharos server at
 * /agent/ (src/server/modules/console). `npm run dev:web` proxies the API and Socket.IO to a server on
 * PHAROS_DEV_API (default http://127.0.0.1:3000).
 */
export default defineConfig({
  root: resolve(root, 'src/web'),
  base: '/agent/',
  plugins: [react()],
  publicDir: false,
  build: {
    outDir: resolve(root, 'dist/web'),
    emptyOutDir: true,
    // The server's CSP forbids inline scripts; the polyfill would be bundled anyway, but modern browsers need none.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: true,
    chunkSizeWarningLimit: 800,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': process.env.PHAROS_DEV_API ?? 'http://127.0.0.1:3000',
      '/socket.io': { target: process.env.PHAROS_DEV_API ?? 'http://127.0.0.1:3000', ws: true },
    },
  },
});
