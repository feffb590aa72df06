/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';

// The build manifest says which chunks each page needs (scripts/size.mjs measures the first
// screens with it); it moves out of dist/, which the server publishes.
function manifestOutOfDist(): Plugin {
  let root = '.';
  let outDir = 'dist';
  return {
    name: 'relais-manifest-out-of-dist',
    apply: 'build',
    configResolved(config) {
      root = config.root;
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      renameSync(join(outDir, '.vite/manifest.json'), join(root, 'build-manifest.json'));
      rmSync(join(outDir, '.vite'), { recursive: true, force: true });
    },
  };
}

// The staff app is served by `relais serve` from web/dist under a strict CSP (no inline script or
// style): nothing here may inline code into index.html. Assets under /assets/ carry a content hash
// and are cached for a year by the server.
export default defineConfig({
  plugins: [react(), manifestOutOfDist()],
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    manifest: true,
    // Images only: a font or script inlined as a data: URI would be refused by the CSP.
    assetsInlineLimit: (file) => (/\.(png|svg|jpe?g)$/i.test(file) ? undefined : false),
    rolldownOptions: {
      output: {
        // React, the router, the query cache and i18n change rarely: one long-cached vendor chunk.
        codeSplitting: {
          groups: [{ name: 'vendor', test: /node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack|i18next|react-i18next)[\\/]/ }],
        },
      },
    },
  },
  server: {
    // `npm run dev` talks to a local `relais serve` (RELAIS_DEV_API, default 127.0.0.1:8090).
    proxy: { '/api': process.env.RELAIS_DEV_API ?? 'http://127.0.0.1:8090' },
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    // scripts/test adds --reporter=junit --outputFile.junit=build/test-results/web.xml.
    reporters: ['default'],
    restoreMocks: true,
    // Whole-app tests type like a person (user-event): give them time on a 2-core machine.
    testTimeout: 20_000,
  },
});
