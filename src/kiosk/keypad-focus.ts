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

/**
 * Where focus is after an action changed the screen. Where the action took the focused control away
 * and the new screen focused nothing (the welcome screen, reached with Back from the library), focus
 * goes to the screen's heading: a keypad user is told where they are, never the whole page.
 */
export function focusAfterChange(doc: Document): Element | null {
  const layer = topLayer(doc);
  const active = doc.activeElement;
  if (active && active !== doc.body && layer.contains(active)) return active;
  const heading = layer.querySelector<HTMLElement>('h1[tabindex]');
  // Into view as well: the page may have been scrolled past it, and focus must never sit off screen.
  heading?.focus();
  heading?.scrollIntoView?.({ block: 'nearest' });
  return heading;
}

function visible(element: HTMLElement): boolean {
  if (element.closest('[hidden], [inert], .visually-hidden')) return false;
  // jsdom has no layout; treat everything as visible there.
  return element.getClientRects().length > 0 || typeof navigator === 'undefined' || /jsdom/.test(navigator.userAgent);
}

export function keypadItems(doc: Document): HTMLElement[] {
  return [...topLayer(doc).querySelectorAll<HTMLElement>(ITEMS)].filter(visible);
}

/**
 * A row of like items (the library's topic tiles, its A-to-Z strip, a list of handouts) marked
 * `data-keypad-group` is one stop for Up and Down, as a radio group or a toolbar is one Tab stop;
 * Left and Right move within it. A keypad user then crosses a screen of forty tiles in a few
 * presses instead of forty. `data-keypad-select` on the group: moving within it also chooses (the
 * A-to-Z strip shows the range at once, as tabs with automatic activation do).
 */
export const KEYPAD_GROUP = '[data-keypad-group]';

/** The item each group was last left on, so Up and Down come back to where the patient was. */
const lastInGroup = new WeakMap<Element, HTMLElement>();

/** The stops Up and Down move through: each ungrouped item, and one item of each group. */
export function keypadStops(doc: Document): HTMLElement[] {
  const items = keypadItems(doc);
  const stops: HTMLElement[] = [];
  const seen = new Set<Element>();
  for (const item of items) {
    const group = item.closest(KEYPAD_GROUP);
    if (!group) {
      stops.push(item);
      continue;
    }
    if (seen.has(group)) continue;
    seen.add(group);
    const members = items.filter((other) => other.closest(KEYPAD_GROUP) === group);
    // The group is entered at its chosen item, else where the patient left it, else at its first.
    const last = lastInGroup.get(group);
    stops.push(
      members.find((m) => m === doc.activeElement) ??
        members.find((m) => m.getAttribute('aria-pressed') === 'true' || m.getAttribute('aria-current') === 'true') ??
        members.find((m) => m === last) ??
        item,
    );
  }
  return stops;
}

/** Within the focused item's group: focuses the member `step` places on (wrapping); null outside a group. */
export function moveInGroup(doc: Document, step: number): HTMLElement | null {
  const focused = doc.activeElement as HTMLElement | null;
  const group = focused?.closest(KEYPAD_GROUP);
  if (!focused || !group) return null;
  const members = keypadItems(doc).filter((item) => item.closest(KEYPAD_GROUP) === group);
  const at = members.indexOf(focused);
  if (at < 0) return null;
  const next = members[(at + step + members.length) % members.length] ?? focused;
  lastInGroup.set(group, next);
  next.focus();
  next.scrollIntoView?.({ block: 'nearest' });
  return next;
}

/** Focuses the item `step` places from the focused one (wrapping), and returns it. */
export function moveFocus(doc: Document, step: number): HTMLElement | null {
  const items = keypadStops(doc);
  if (!items.length) return null;
  const active = doc.activeElement;
  const at = items.indexOf(active as HTMLElement);
  const count = items.length;
  let next = step > 0 ? 0 : count - 1;
  if (at >= 0) next = (at + step + count) % count;
  else if (active && active !== doc.body && topLayer(doc).contains(active)) {
    // Focus on something that is not a stop (a section's heading after Next, the title of a handout
    // just opened): carry on from its place in the page, as Tab would, not from the top bar.
    // What it holds (the heading's own words) it has just said, going either way.
    const where = items.map((item) => active.compareDocumentPosition(item));
    const after = where.indexOf(Node.DOCUMENT_POSITION_FOLLOWING);
    const before = where.lastIndexOf(Node.DOCUMENT_POSITION_PRECEDING);
    next = step > 0 ? (after < 0 ? 0 : after) : before < 0 ? count - 1 : before;
  }
  const item = items[next];
  if (!item) return null;
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
