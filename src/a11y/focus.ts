import { useEffect, useRef } from 'preact/hooks';

/**
 * Moves focus to an element (a screen's h1) when it mounts, so keyboard and screen-reader users
 * start at the top of each new screen instead of on a control that no longer exists.
 */
export function useFocusOnMount<T extends HTMLElement>(enabled = true) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (enabled) ref.current?.focus({ preventScroll: true });
    // oxlint-disable-next-line react-hooks/exhaustive-deps -- on mount only: a later change of `enabled` must not pull focus back.
  }, []);
  return ref;
}
