import type { ComponentType, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export interface LazyComponent<P> {
  (props: P): JSX.Element | null;
  /** Starts fetching the code now (after the first screen is up), so the first tap finds it ready. */
  preload(): Promise<void>;
}

/**
 * A component whose code arrives in its own chunk. The first screen ships only what it shows; the
 * rest is fetched right after it, long before a patient has chosen a language.
 */
export function lazyComponent<P extends object>(load: () => Promise<ComponentType<P>>): LazyComponent<P> {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<void> | null = null;
  const preload = () => {
    pending ??= load().then((component) => {
      loaded = component;
    });
    return pending;
  };
  const Lazy = (props: P) => {
    const [, setReady] = useState(loaded !== null);
    useEffect(() => {
      if (loaded) return;
      let live = true;
      void preload().then(() => live && setReady(true));
      return () => {
        live = false;
      };
    }, []);
    const Loaded = loaded as ComponentType<P> | null;
    return Loaded ? <Loaded {...props} /> : null;
  };
  Lazy.preload = preload;
  return Lazy;
}
