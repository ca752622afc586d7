import type { Page } from 'playwright-core';

/**
 * Collects what must never happen in front of a patient: console errors, uncaught page errors, and
 * any request to an origin other than the kiosk's own. Shared by the browser tests and the benchmark.
 */
export function watchForProblems(page: Page, baseUrl: string): string[] {
  const origin = new URL(baseUrl).origin;
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) problems.push(`request left the kiosk: ${url}`);
  });
  return problems;
}
