/**
 * A screen whose code comes in its own chunk (app/lazy). The chunk can arrive at any moment: before
 * the screen is drawn, while it waits, or between its render and its effect (a busy kiosk, where the
 * effect runs a frame later). In every case the screen must end up drawn, never left on "Loading…".
 */
import { options, render } from 'preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lazyComponent, type LazyComponent } from '../../src/app/lazy';

const Screen = ({ word }: { word: string }) => <p class="screen">{word}</p>;

/** A chunk the test lets arrive when it chooses. */
function heldChunk() {
  let arrive!: () => void;
  const load = () => new Promise<typeof Screen>((resolve) => (arrive = () => resolve(Screen)));
  return { load, arrive: () => arrive() };
}

// Preact runs effects after the next frame; the test says when that frame comes (this file's own
// copy of Preact, so nothing else sees the hook).
let frames: (() => void)[] = [];
const mounted: HTMLElement[] = [];
beforeEach(() => {
  frames = [];
  options.requestAnimationFrame = (callback) => void frames.push(callback);
});
afterEach(() => {
  for (const root of mounted.splice(0)) render(null, root);
  delete options.requestAnimationFrame;
});
const nextFrame = () => {
  for (const callback of frames.splice(0)) callback();
};
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function mount(Lazy: LazyComponent<{ word: string }>) {
  const root = document.createElement('div');
  render(<Lazy word="here" />, root);
  mounted.push(root);
  return root;
}

describe('a screen whose code comes in its own chunk', () => {
  it('is drawn when its code arrives between its render and its effect', async () => {
    const chunk = heldChunk();
    const Lazy = lazyComponent(chunk.load, { name: 'library' });
    const root = mount(Lazy);
    expect(root.querySelector('[data-loading="library"]')).not.toBeNull();
    // The chunk was being fetched ahead (app's preloadScreens) and lands before the effect's frame.
    const preloaded = Lazy.preload();
    chunk.arrive();
    await preloaded;
    nextFrame();
    await settle();
    expect(root.querySelector('.screen')?.textContent).toBe('here');
    expect(root.querySelector('[data-loading]')).toBeNull();
  });

  it('is drawn when its code arrives after its effect has run', async () => {
    const chunk = heldChunk();
    const Lazy = lazyComponent(chunk.load, { name: 'reader' });
    const root = mount(Lazy);
    nextFrame();
    await settle();
    expect(root.querySelector('[data-loading="reader"]')).not.toBeNull();
    chunk.arrive();
    await settle();
    expect(root.querySelector('.screen')?.textContent).toBe('here');
  });

  it('is drawn at once when its code is already here', async () => {
    const chunk = heldChunk();
    const Lazy = lazyComponent(chunk.load, { name: 'dialogs' });
    const preloaded = Lazy.preload();
    chunk.arrive();
    await preloaded;
    const root = mount(Lazy);
    expect(root.querySelector('.screen')?.textContent).toBe('here');
  });
});
