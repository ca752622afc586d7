/**
 * The keypad and self-voicing: every item reached with the keypad, and every item touched in
 * touch-to-hear mode, says its name, role and state in the visit's language. Any new action
 * interrupts the previous prompt. What a key does that is particular to a screen, that screen
 * declares (screens/screen-keys); where Back goes is the visit machine's (app/visit-machine); who may
 * speak when is the one voice's (speech/one-voice).
 */
import type { ComponentChildren } from 'preact';
import { effect } from '@preact/signals';
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { useServices, useT, useVisit, useVoice } from './kiosk-context';
import type { KeypadAction } from '../kiosk/keypad';
import { createSpeechTrigger } from '../kiosk/speech-trigger';
import { describeItem, focusAfterChange, KEYPAD_GROUP, moveFocus, moveInGroup, topLayer } from '../kiosk/keypad-focus';
import { SCREEN_KEYS } from '../screens/screen-keys';
import { ArmingContext, createArming, itemLabel } from '../screens/touch-arming';

export function KeypadBridge({ children }: { children: ComponentChildren }) {
  const t = useT();
  const visit = useVisit();
  const { keypad, prompter, i18n, config } = useServices();
  const voice = useVoice();
  const arming = useMemo(createArming, []);
  const trigger = useMemo(() => createSpeechTrigger(config.keypad), [config]);
  // Set while Enter passes its choice on as a click, so touch-to-hear lets that click through.
  const choosing = useRef(false);
  const lang = i18n.language.value;

  const words = {
    button: t('voice.button'),
    option: t('voice.option'),
    selected: t('voice.selected'),
    notSelected: t('voice.notSelected'),
    unavailable: t('voice.unavailable'),
    heading: t('voice.heading'),
  };
  /** The screen's own text item (a sentence of the handout), spoken as the screen declares. */
  const readItem = (element: HTMLElement) => SCREEN_KEYS[visit.screen.peek()].readItem?.(visit, voice, element) ?? false;

  /** `entering`: the item was reached from outside its group, whose name is said first ("Topics"). */
  const announce = (element: Element | null, entering = false) => {
    if (!(element instanceof HTMLElement)) return;
    if (element.matches('[data-keypad-item]') && readItem(element)) return;
    // A language's own name is said in that language, by its own voice.
    const own = element.getAttribute('lang');
    if (own && own !== lang) prompter.say(own, [element.textContent?.trim() ?? '']);
    else {
      const group = entering ? element.closest(KEYPAD_GROUP)?.getAttribute('aria-label') : null;
      prompter.say(lang, [...(group ? [group] : []), ...describeItem(element, words)]);
    }
  };
  /**
   * After an action changes the screen, say where focus landed. Not after the visit has ended ("Start
   * again"): the next patient must not hear the last one's screen in the last one's language.
   */
  const announceFocusSoon = () =>
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        if (visit.state.peek().name === 'ended') return;
        // Never talk over the handout being read aloud, nor over a term's card reading its definition.
        if (voice.mayAnnounce()) announce(focusAfterChange(document), true);
      }),
    );

  /** A keypad choice acts at once, in touch-to-hear too: the item was already announced. */
  const chooseNow = (element: HTMLElement) => {
    choosing.current = true;
    try {
      element.click();
    } finally {
      choosing.current = false;
    }
  };

  const onAction = (action: KeypadAction, code: string) => {
    const screen = visit.screen.peek();
    const keys = SCREEN_KEYS[screen];
    const focused = document.activeElement as HTMLElement | null;
    // The page as drawn too: a dialog still closing counts until it has gone.
    const inDialog = visit.pageInert.peek() || document.querySelector('dialog[open]') !== null;
    // Only the keypad's own keys and Help start speech mode (kiosk/speech-trigger says why); a stray
    // Escape from a keyboard does its job and changes nothing about how a touch behaves.
    if (!keypad.used.peek() && trigger.startsTouchToHear(action, code)) {
      keypad.markUsed();
      visit.setTouchToHear(true);
      if (screen === 'welcome') {
        prompter.say(lang, [t('keypad.intro')]);
        return;
      }
    }
    switch (action) {
      case 'up':
      case 'down':
        announce(moveFocus(document, action === 'down' ? 1 : -1), true);
        return;
      case 'left':
      case 'right': {
        const forward = (action === 'right') === (i18n.dir.peek() === 'ltr');
        if (focused instanceof HTMLInputElement && focused.type === 'radio') {
          const group = [...topLayer(document).querySelectorAll<HTMLInputElement>(`input[type="radio"][name="${focused.name}"]`)];
          const next = group[(group.indexOf(focused) + (forward ? 1 : -1) + group.length) % group.length] ?? focused;
          next.focus();
          chooseNow(next);
          announce(next);
          return;
        }
        if (keys.step && !inDialog) {
          keys.step(visit, forward);
          announceFocusSoon();
          return;
        }
        // Along a row of tiles (kiosk/keypad-focus: a group is one stop for Up and Down).
        const inGroup = moveInGroup(document, forward ? 1 : -1);
        if (inGroup) {
          if (inGroup.closest('[data-keypad-select]')) chooseNow(inGroup);
          announce(inGroup);
          return;
        }
        announce(moveFocus(document, forward ? 1 : -1));
        return;
      }
      case 'enter':
        if (focused && focused !== document.body) {
          // Enter chooses at once, even in touch-to-hear mode (the item was already announced).
          arming.disarm();
          if (focused.matches('[data-keypad-item]')) readItem(focused);
          else chooseNow(focused);
          announceFocusSoon();
        }
        return;
      case 'back':
        // A dialog on screen (the idle warning too, which any key answers: kiosk/lockdown) is closed
        // first, even one still closing that the state has let go; else one step up the visit.
        if (inDialog) visit.closeDialog();
        // In a library of many handouts, Back first leaves a topic for the topics.
        else if (screen === 'library' && visit.libraryPlace.peek().topic !== null) visit.showLibraryHome();
        else visit.back();
        announceFocusSoon();
        return;
      case 'help': {
        const help = t(keys.help(visit));
        const previous = prompter.last.peek();
        prompter.say(lang, [...(previous && previous.lang === lang ? previous.phrases : []), help]);
        return;
      }
      case 'volumeUp':
      case 'volumeDown': {
        const player = visit.player;
        player.setVolume(player.volume.peek() + (action === 'volumeUp' ? 0.1 : -0.1));
        prompter.say(lang, [t('reader.volumeValue', { percent: Math.round(player.volume.peek() * 100) })]);
        return;
      }
    }
  };

  useEffect(() => keypad.subscribe(onAction));

  // The marked item belongs to the screen it was on: any change of screen, dialog or section, or the
  // mode being turned off, takes the mark away, so it never names something no longer there.
  // A plain effect, not useSignalEffect (which waits for a frame): a touch in between must not be
  // taken as the second touch on an item that has gone.
  useEffect(() => {
    const stop = effect(() => {
      void visit.screen.value;
      void visit.dialog.value;
      void visit.sectionIndex.value;
      void visit.touchToHear.value;
      arming.disarm();
    });
    return () => {
      stop();
      arming.disarm();
    };
    // oxlint-disable-next-line react-hooks/exhaustive-deps -- the signals are read inside effect(), which tracks them; visit and arming live as long as the bridge.
  }, []);

  // Touch to hear: the first touch on an item speaks it and marks it; a second touch on the same,
  // marked item chooses it. Controls marked `data-touch-direct` (turning the mode off) always act at
  // once: the way out of a mode must never take two touches.
  const onClickCapture = (event: MouseEvent) => {
    if (!visit.touchToHear.peek() || choosing.current) return;
    const item = (event.target as Element).closest?.('button, label, [data-word]');
    if (!item || item.closest('[data-touch-direct]')) return;
    if (arming.isArmed(item)) {
      arming.disarm();
      return;
    }
    event.preventDefault();
    event.stopPropagation();
    const target = item.matches('label') ? (item.querySelector('input') as HTMLElement) : (item as HTMLElement);
    if (!item.matches('[data-word]')) target.focus();
    const again = t('touchMode.touchAgain');
    arming.arm(item, itemLabel(item), again);
    const spoken = target.matches('[data-word]') ? target.closest('.sentence') : target;
    // A language's own name is said in its own voice, whose strings may not be loaded yet: the mark
    // and the bar say "touch again" for it on screen. Everything else hears it too.
    if (spoken instanceof HTMLElement && !spoken.matches('[data-keypad-item="sentence"]') && !(spoken.getAttribute('lang') && spoken.getAttribute('lang') !== lang)) {
      prompter.say(lang, [...describeItem(spoken, words), again]);
    } else announce(spoken);
  };

  return (
    <ArmingContext.Provider value={arming}>
      <div class="kiosk-surface" onClickCapture={onClickCapture}>
        {children}
      </div>
    </ArmingContext.Provider>
  );
}
