/**
 * What the keypad moves through: the controls (and marked text items) of the top layer, in reading
 * order. The top layer is the last open modal dialog, else the page, so the keypad never reaches
 * behind a dialog, just as a pointer cannot.
 */
const ITEMS = 'button, input[type="radio"], [data-keypad-item]';

export function topLayer(doc: Document): Element {
  const dialogs = [...doc.querySelectorAll('dialog[open]')];
  return dialogs[dialogs.length - 1] ?? doc.getElementById('app') ?? doc.body;
}

function visible(element: HTMLElement): boolean {
  if (element.closest('[hidden], [inert], .visually-hidden')) return false;
  // jsdom has no layout; treat everything as visible there.
  return element.getClientRects().length > 0 || typeof navigator === 'undefined' || /jsdom/.test(navigator.userAgent);
}

export function keypadItems(doc: Document): HTMLElement[] {
  return [...topLayer(doc).querySelectorAll<HTMLElement>(ITEMS)].filter(visible);
}

/** Focuses the item `step` places from the focused one (wrapping), and returns it. */
export function moveFocus(doc: Document, step: number): HTMLElement | null {
  const items = keypadItems(doc);
  if (!items.length) return null;
  const at = items.indexOf(doc.activeElement as HTMLElement);
  const next = at < 0 ? (step > 0 ? 0 : items.length - 1) : (at + step + items.length) % items.length;
  const item = items[next]!;
  if (item.tabIndex < 0 && !item.matches('button, input')) item.tabIndex = -1;
  item.focus();
  item.scrollIntoView?.({ block: 'nearest' });
  return item;
}

export interface Describe {
  button: string;
  option: string;
  selected: string;
  notSelected: string;
  unavailable: string;
  heading: string;
}

/** Name, role and state, as separate phrases: "Text size", "Large", "option", "selected". */
export function describeItem(element: HTMLElement, words: Describe): string[] {
  const phrases: string[] = [];
  if (element instanceof HTMLInputElement && element.type === 'radio') {
    const legend = element.closest('fieldset')?.querySelector('legend')?.textContent?.trim();
    const label = element.closest('label')?.textContent?.trim() ?? '';
    if (legend) phrases.push(legend);
    phrases.push(label, words.option, element.checked ? words.selected : words.notSelected);
    return phrases;
  }
  const label = element.getAttribute('aria-label');
  // Running text (a heading, a sentence) is one phrase; a card's separate pieces are several.
  const running = /^H[1-6]$/.test(element.tagName) || element.querySelector('[data-word]') !== null;
  phrases.push(...(label ? [label] : running ? [element.textContent?.replace(/\s+/g, ' ').trim() ?? ''] : visiblePhrases(element)));
  if (element.matches('button')) phrases.push(words.button);
  else if (/^H[1-6]$/.test(element.tagName)) phrases.push(words.heading);
  if (element.getAttribute('aria-pressed') === 'true' || element.getAttribute('aria-current') === 'true') phrases.push(words.selected);
  if ((element as HTMLButtonElement).disabled) phrases.push(words.unavailable);
  return phrases;
}

/**
 * The text of an element as the separate phrases a sighted person sees (a card's title, summary and
 * count), leaving out icons and anything hidden from assistive technology.
 */
function visiblePhrases(element: Element): string[] {
  const out: string[] = [];
  for (const node of element.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) {
      const text = node.textContent?.replace(/\s+/g, ' ').trim();
      if (text) out.push(text);
    } else if (node instanceof Element && node.getAttribute('aria-hidden') !== 'true' && node.localName !== 'svg') {
      const inner = node.children.length ? visiblePhrases(node) : [node.textContent?.replace(/\s+/g, ' ').trim() ?? ''];
      out.push(...inner.filter(Boolean));
    }
  }
  return out;
}
