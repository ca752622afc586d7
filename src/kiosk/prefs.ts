/**
 * A visitor's display choices. They live only in memory, in the visitor's app state, so an idle
 * reset (which throws the app state away) returns every one of them to its default.
 */
import { signal, type ReadonlySignal } from '@preact/signals';

export const TEXT_SIZES = ['medium', 'large', 'extra-large'] as const;
export type TextSize = (typeof TEXT_SIZES)[number];

export const THEMES = ['default', 'contrast', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export interface Prefs {
  readonly textSize: ReadonlySignal<TextSize>;
  readonly theme: ReadonlySignal<Theme>;
  /** Whether reading runs on into the next section. */
  readonly autoAdvance: ReadonlySignal<boolean>;
  setTextSize(size: TextSize): void;
  setTheme(theme: Theme): void;
  setAutoAdvance(on: boolean): void;
}

export function createPrefs(defaults: { autoAdvance: boolean }): Prefs {
  const textSize = signal<TextSize>('medium');
  const theme = signal<Theme>('default');
  const autoAdvance = signal(defaults.autoAdvance);
  return {
    textSize,
    theme,
    autoAdvance,
    setAutoAdvance(on) {
      autoAdvance.value = on;
    },
    setTextSize(size) {
      textSize.value = size;
    },
    setTheme(next) {
      theme.value = next;
    },
  };
}
