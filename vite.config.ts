/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { kioskContent } from './scripts/vite-plugin-kiosk-content.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  plugins: [preact(), kioskContent(root)],
  build: {
    target: 'es2022',
    // Every asset stays a file: no data: URIs, so the Content-Security-Policy can stay strict.
    assetsInlineLimit: 0,
    reportCompressedSize: false,
  },
  test: {
    environment: 'jsdom',
    include: ['tests/unit/**/*.test.ts', 'tests/a11y/**/*.test.tsx', 'tests/unit/**/*.test.tsx'],
    setupFiles: ['tests/helpers/setup.ts'],
    testTimeout: 20_000,
  },
});
