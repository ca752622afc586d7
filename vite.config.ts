/// <reference types="vitest/config" />
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { contentSecurityPolicy } from './scripts/vite-plugin-csp.ts';
import { kioskContent } from './scripts/vite-plugin-kiosk-content.ts';
import { serviceWorker } from './scripts/vite-plugin-service-worker.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
// The config, handouts and audio can come from another folder (tests build hostile content this way).
const contentRoot = process.env.KIOSK_CONTENT_ROOT ?? root;

export default defineConfig({
  plugins: [preact(), kioskContent(contentRoot), serviceWorker(root), contentSecurityPolicy()],
  build: {
    target: 'es2022',
    // Every asset stays a file: no data: URIs, so the Content-Security-Policy can stay strict.
    assetsInlineLimit: 0,
    reportCompressedSize: false,
    // Every browser the kiosk supports has <link rel="modulepreload">: the polyfill is dead weight.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            {
              // The first screen's code in two files that index.html fetches in parallel: the app, and
              // `boot` (the libraries plus the default language's UI strings, which main.tsx would
              // otherwise request only after the app had run: a second round trip before the first
              // screen). Libraries apart also keep their file, and the kiosks' cached copy, unchanged
              // by builds that change only the app. What it bought: bench/report.md.
              name: 'boot',
              test: new RegExp(
                String.raw`[\\/]node_modules[\\/](preact|@preact[\\/]signals(-core)?|i18next)[\\/]|virtual:kiosk/strings/` +
                  `${(JSON.parse(readFileSync(new URL('kiosk.config.json', import.meta.url), 'utf8')) as { defaultLanguage: string }).defaultLanguage}$`,
              ),
            },
          ],
        },
      },
    },
  },
  test: {
    testTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'jsdom',
          include: ['tests/unit/**/*.test.{ts,tsx}', 'tests/a11y/**/*.test.{ts,tsx}'],
          setupFiles: ['tests/helpers/setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          environment: 'node',
          include: ['tests/browser/**/*.test.ts'],
          globalSetup: ['tests/browser/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One Chromium at a time: CI machines have two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
