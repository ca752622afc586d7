import type { ComponentType, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export interface LazyComponent<P> {
  (props: P): JSX.Element | null;
  /** Starts fetching the code now (after the first screen is up), so the first tap finds it ready. */
  preload(): Promise<void>;
}

export interface LazyOptions {
  /** What the part is called in the `data-loading` mark the kiosk's self-check reads. */
  name: string;
  /** Shown while the code is on its way; a bare mark when left out. */
  Fallback?: ComponentType<{ name: string }>;
}

/** The mark a part still loading leaves in the page (kiosk/invariants reads it). */
export const LOADING_ATTRIBUTE = 'data-loading';

const Mark = ({ name }: { name: string }) => <span hidden {...{ [LOADING_ATTRIBUTE]: name }} />;

/**
 * A component whose code arrives in its own chunk. The first screen ships only what it shows; the
 * rest is fetched right after it, long before a patient has chosen a language. Until it arrives the
 * page carries a `data-loading` mark, so the kiosk's self-check waits for a slow load (a busy kiosk,
 * a cold disk) rather than taking the empty screen for a broken one; a load that fails is thrown
 * in render, where the app's error boundary starts a fresh visit, and the next use tries again.
 */
export function lazyComponent<P extends object>(load: () => Promise<ComponentType<P>>, { name, Fallback = Mark }: LazyOptions): LazyComponent<P> {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<void> | null = null;
  const preload = () => {
    pending ??= load().then(
      (component) => {
        loaded = component;
      },
      (error: unknown) => {
        pending = null;
        throw error;
      },
    );
    return pending;
  };
  const Lazy = (props: P) => {
    const [state, setState] = useState<{ failed?: unknown }>({});
    const Loaded = loaded;
    useEffect(() => {
      // What this render drew, not whether the code is here now: code that arrived between the render
      // and this effect (a busy kiosk) must still replace the fallback, or the fallback stays for good.
      if (Loaded) return;
      let live = true;
      preload().then(
        () => live && setState({}),
        (error: unknown) => live && setState({ failed: error }),
      );
      return () => {
        live = false;
      };
    }, [Loaded]);
    if (state.failed) throw state.failed;
    return Loaded ? <Loaded {...props} /> : <Fallback name={name} />;
  };
  Lazy.preload = preload;
  return Lazy;
}
