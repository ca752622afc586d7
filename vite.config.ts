/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { contentSecurityPolicy } from './scripts/vite-plugin-csp.ts';
import { kioskContent } from './scripts/vite-plugin-kiosk-content.ts';
import { serviceWorker } from './scripts/vite-plugin-service-worker.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  plugins: [preact(), kioskContent(root), serviceWorker(root), contentSecurityPolicy()],
  build: {
    target: 'es2022',
    // Every asset stays a file: no data: URIs, so the Content-Security-Policy can stay strict.
    assetsInlineLimit: 0,
    reportCompressedSize: false,
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
