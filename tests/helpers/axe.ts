/**
 * The one place axe-core runs in unit tests. Only the rules that need real layout are off here; the
 * browser suite (tests/browser/a11y.test.ts) runs them in Chromium, where they can be measured.
 */
import axe from 'axe-core';

const LAYOUT_RULES_COVERED_IN_BROWSER = {
  // jsdom has no layout or computed colours: contrast is measured in tests/browser.
  'color-contrast': { enabled: false },
  'color-contrast-enhanced': { enabled: false },
  // jsdom reports every box as 0×0: target size is measured in tests/browser.
  'target-size': { enabled: false },
};

export async function axeViolations(root: Element = document.documentElement) {
  const result = await axe.run(root, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    rules: LAYOUT_RULES_COVERED_IN_BROWSER,
    resultTypes: ['violations'],
  });
  return result.violations.map((v) => ({
    id: v.id,
    help: v.help,
    nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
  }));
}
