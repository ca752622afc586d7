/**
 * What a patient sees must agree with what the kiosk believes: the checks behind the soak's random
 * patient (bench/random-patient) and the kiosk's own self-check (kiosk/watchdog). Each names a way
 * the kiosk could look broken to a patient while nothing has thrown: a page gone inert under a
 * dialog nobody can see, a touch that only speaks with nothing saying so, focus lost in a hidden
 * element. Pure reads of the document; nothing here changes it.
 */
import { isSpeaking, type PlaybackStatus } from '../speech/player';
import { keypadItems, topLayer } from './keypad-focus';

export const INVARIANTS = {
  'inert-only-under-dialog': 'the page is inert only while a dialog is shown',
  'dialog-matches-state': 'a dialog is shown exactly when the state says one is open',
  'touch-mode-shown': 'the touch mode in force is shown on screen',
  'control-reachable': 'at least one control can be reached by touch and by keypad',
  'speech-matches-state': 'speech plays only when the state says it does',
  'focus-visible': 'focus is on a visible element',
  'screen-loaded': 'a screen whose code is still arriving gets it within its patience',
} as const;
export type InvariantId = keyof typeof INVARIANTS;

/**
 * How many seconds' worth of checks in a row a breach may last before the watchdog acts (default 3).
 * A screen still loading is normal for a moment on a busy kiosk; only one stuck for 15 s is broken.
 */
export const PATIENCE: Partial<Record<InvariantId, number>> = { 'screen-loaded': 15 };

export interface Broken {
  invariant: InvariantId;
  detail: string;
}

/** What the visit's state says the patient should see. */
export interface Believed {
  /** Dialogs the state has open, by name ('display', 'idle', …). */
  dialogs: readonly string[];
  touchToHear: boolean;
  /** The reader's playback status ('playing', 'paused', …). */
  speech: PlaybackStatus;
}

/** What only the caller can see: how many of the handout's audio elements are sounding now. */
export interface Probes {
  sectionAudioPlaying?: number;
}

const hasLayout = (doc: Document) => !/jsdom/.test(doc.defaultView?.navigator.userAgent ?? '');

function shown(element: Element): boolean {
  const view = element.ownerDocument.defaultView;
  if (!view || !hasLayout(element.ownerDocument)) return !element.closest('[hidden]');
  const style = view.getComputedStyle(element);
  if (style.display === 'none' || style.visibility === 'hidden' || Number(style.opacity) === 0) return false;
  const box = element.getBoundingClientRect();
  return box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0 && box.top < view.innerHeight && box.left < view.innerWidth;
}

function modalDialogs(doc: Document): HTMLDialogElement[] {
  const open = [...doc.querySelectorAll<HTMLDialogElement>('dialog[open]')];
  try {
    return open.filter((dialog) => dialog.matches(':modal'));
  } catch {
    return open; // no :modal (jsdom): every open dialog here is modal
  }
}

/** Is the element the one a finger at its centre would touch? */
function touchable(element: HTMLElement): boolean {
  const doc = element.ownerDocument;
  if (!hasLayout(doc)) return true;
  const box = element.getBoundingClientRect();
  const hit = doc.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return hit !== null && (hit === element || element.contains(hit));
}

export function checkInvariants(doc: Document, believed: Believed, probes: Probes = {}): Broken[] {
  // Part of the page has not arrived yet (app/lazy): the rest cannot be judged until it has.
  const loading = [...doc.querySelectorAll('[data-loading]')].map((element) => element.getAttribute('data-loading'));
  if (loading.length) return [{ invariant: 'screen-loaded', detail: `still loading: ${loading.join(', ')}` }];

  const broken: Broken[] = [];
  const fail = (invariant: InvariantId, detail: string) => broken.push({ invariant, detail });
  const modals = modalDialogs(doc);

  for (const dialog of modals) {
    if (!shown(dialog)) fail('inert-only-under-dialog', `a modal dialog (${dialog.dataset.dialog ?? '?'}) holds the page inert but is not shown`);
  }
  const strayInert = [...doc.querySelectorAll('[inert]')].filter((element) => !element.closest('dialog'));
  if (strayInert.length) fail('inert-only-under-dialog', `inert outside any dialog: ${strayInert.map((e) => e.localName + (e.id ? `#${e.id}` : '')).join(', ')}`);

  const onScreen = [...doc.querySelectorAll<HTMLDialogElement>('dialog[open]')]
    .filter(shown)
    .map((d) => d.dataset.dialog ?? '?')
    .sort();
  const expected = [...believed.dialogs].sort();
  if (onScreen.join(' ') !== expected.join(' ')) fail('dialog-matches-state', `state: [${expected.join(', ')}], on screen: [${onScreen.join(', ')}]`);

  const layer = topLayer(doc);
  const bar = [...layer.querySelectorAll('[data-touch-mode-bar]')].some(shown);
  if (believed.touchToHear && !bar) fail('touch-mode-shown', 'touch-to-hear is on, and nothing on top says so');
  if (!believed.touchToHear && [...doc.querySelectorAll('[data-touch-mode-bar]')].some(shown)) fail('touch-mode-shown', 'the touch-to-hear bar shows, and the mode is off');

  const items = keypadItems(doc);
  if (!items.length) fail('control-reachable', 'the keypad reaches nothing');
  else if (!items.some((item) => !(item as HTMLButtonElement).disabled && shown(item) && touchable(item))) fail('control-reachable', 'no control on top can be touched');

  if ((probes.sectionAudioPlaying ?? 0) > 0 && !isSpeaking(believed.speech)) fail('speech-matches-state', `handout audio sounds while the state says "${believed.speech}"`);

  const focused = doc.activeElement;
  if (focused && focused !== doc.body && focused !== doc.documentElement) {
    const name = `${focused.localName}${focused.getAttribute('data-action') ? `[data-action=${focused.getAttribute('data-action')}]` : ''}`;
    if (!focused.isConnected || !shown(focused) || focused.closest('[inert], [hidden]')) fail('focus-visible', `focus is on a hidden ${name}`);
    else if (modals.length && !layer.contains(focused)) fail('focus-visible', `focus is on ${name}, behind the dialog`);
  }
  return broken;
}
