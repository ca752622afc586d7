/**
 * The one place axe-core is set up, for jsdom (`axeViolations`) and for Chromium (`axeInPage`): the
 * same WCAG tags, the same rules and the same report, so a screen cannot pass one suite by a rule the
 * other left out. Only jsdom turns rules off, each for a reason below.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import axe from 'axe-core';
import type { Page } from 'playwright-core';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** Rules that need real layout, and the browser tests that measure them. */
const LAYOUT_RULES = {
  // jsdom has no layout or computed colours: contrast is measured in Chromium (tests/browser/layout.test.ts,
  // tests/browser/languages.test.ts).
  'color-contrast': { enabled: false },
  'color-contrast-enhanced': { enabled: false },
  // jsdom reports every box as 0×0: target size is measured in Chromium (same tests).
  'target-size': { enabled: false },
};

export type Where = 'jsdom' | 'chromium';

export const axeOptions = (where: Where): axe.RunOptions => ({
  runOnly: { type: 'tag', values: TAGS },
  rules: where === 'jsdom' ? LAYOUT_RULES : {},
  resultTypes: ['violations'],
});

export interface Violation {
  id: string;
  help: string;
  /** The first few elements, each with what axe says is wrong with it. */
  nodes: string[];
}

export const summarise = (violations: axe.Result[]): Violation[] =>
  violations.map((v) => ({
    id: v.id,
    help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`),
  }));

/** axe in jsdom, on the document or a part of it. */
export async function axeViolations(root: Element = document.documentElement): Promise<Violation[]> {
  return summarise((await axe.run(root, axeOptions('jsdom'))).violations);
}

// The minified build, read once: a third of `axe.source`, sent to the page at every check.
let minified: string | undefined;

/** axe in the page, layout rules included. */
export async function axeInPage(page: Page): Promise<Violation[]> {
  minified ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(minified);
  const violations = await page.evaluate(async (options) => {
    const inPage = (window as unknown as { axe: typeof axe }).axe;
    return (await inPage.run(document, options)).violations;
  }, axeOptions('chromium'));
  return summarise(violations);
}
