/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { InputError } from './scripts/lib/input-error.ts';
import { loadConfig } from './scripts/lib/load-config.ts';
import { contentSecurityPolicy } from './scripts/vite/csp.ts';
import { kioskContent } from './scripts/vite/kiosk-content.ts';
import { precompress } from './scripts/vite/precompress.ts';
import { prerenderWelcome } from './scripts/vite/prerender.ts';
import { serviceWorker } from './scripts/vite/service-worker.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
// The config, handouts and audio can come from another folder (tests build hostile content this way).
const contentRoot = process.env.KIOSK_CONTENT_ROOT ?? root;
const content = kioskContent(contentRoot);
// The screens' tests read a small fixture library of their own, so editing a real handout or an English
// string breaks none of them; the real content is checked by the content check and the `unit` project.
const UI_TEST_CONTENT = fileURLToPath(new URL('tests/fixtures/ui-content', import.meta.url));

/**
 * The default language, whose strings go in the boot chunk. A config that fails its check is left to
 * the content plugin, which stops the build naming the field; here it only costs the grouping.
 */
function defaultLanguage(): string {
  try {
    return loadConfig(root).defaultLanguage;
  } catch (error) {
    if (error instanceof InputError) return '';
    throw error;
  }
}

export default defineConfig({
  plugins: [
    preact(),
    content,
    // The welcome screen is drawn into index.html at build time. What it bought: bench/NOTES.md.
    prerenderWelcome(root, contentRoot, content),
    serviceWorker(root),
    contentSecurityPolicy(),
    // Brotli and gzip copies of the text files, made once here rather than on every request.
    precompress(),
  ],
  // `npm start`'s kept builds are thousands of files the development server has no reason to watch.
  server: { watch: { ignored: ['**/.builds/**'] } },
  build: {
    target: 'es2022',
    // Every asset stays a file: no data: URIs, so the Content-Security-Policy can stay strict.
    assetsInlineLimit: 0,
    reportCompressedSize: false,
    // Every browser the kiosk supports has <link rel="modulepreload">: the polyfill is dead weight.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      // Rolldown warns when plugins take over a second of a build; drawing the welcome screen (a
      // throwaway SSR server) always does, and the warning would greet staff on every `npm start`.
      checks: { bundlerTimings: false },
      output: {
        codeSplitting: {
          groups: [
            {
              // The UI strings of the default language go in one chunk with the i18n module, which
              // index.html preloads beside the app. Left to itself, main.tsx would request those
              // strings only after the app had run: a second round trip before the first screen.
              // i18next is not in it: it loads after the first screen (src/i18n/i18n.ts). What each
              // bought: bench/NOTES.md.
              name: 'boot',
              test: new RegExp(String.raw`[\\/]src[\\/]i18n[\\/](i18n|bundled-translator)\.ts$|virtual:kiosk/strings/` + `${defaultLanguage()}$`),
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
          include: ['tests/unit/**/*.test.{ts,tsx}'],
          setupFiles: ['tests/helpers/setup.ts'],
        },
      },
      {
        // Not `extends`: the root's content plugin would serve the real content's virtual modules first.
        plugins: [preact(), kioskContent(UI_TEST_CONTENT)],
        test: {
          name: 'ui',
          testTimeout: 20_000,
          environment: 'jsdom',
          include: ['tests/ui/**/*.test.{ts,tsx}', 'tests/a11y/**/*.test.{ts,tsx}'],
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
          // A real browser on a shared two-core machine can miss a deadline once; a test that fails
          // twice in a row fails.
          retry: 1,
          // One Chromium at a time: CI machines have two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
