/**
 * "Follow the reading": the text stops chasing the voice the moment the patient scrolls it by hand,
 * and a button brings it back. Where the text then scrolls to needs layout, which jsdom has none of:
 * tests/browser/follow-reading.test.ts measures it in Chromium.
 */
import { act, fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { openHandoutAs, renderKiosk, untilSection } from '../helpers/kiosk';
import { createRecordingPlayer } from '../helpers/recording-player';

async function reading() {
  const recording = createRecordingPlayer();
  await renderKiosk({ createPlayer: () => recording.player });
  await openHandoutAs('en');
  const area = document.querySelector('.reader__scroll');
  if (!(area instanceof HTMLElement)) throw new Error('no reading area');
  return { recording, area };
}

const followButton = () => screen.queryByRole('button', { name: 'reader.follow' });

describe('following the reading', () => {
  it('offers "Follow the reading" once the patient scrolls the text by hand while it is read', async () => {
    const { recording, area } = await reading();
    await act(() => recording.speakWord(3));
    expect(followButton()).toBeNull();
    fireEvent.wheel(area, { deltaY: 400 });
    await waitFor(() => expect(followButton()).not.toBeNull());
  });

  it('counts a finger drag and the scroll keys as scrolling by hand, but not the kiosk scrolling the text itself', async () => {
    const { recording, area } = await reading();
    await act(() => recording.speakWord(3));
    fireEvent.scroll(area);
    await act(() => recording.speakWord(4));
    expect(followButton()).toBeNull();
    fireEvent.keyDown(area, { code: 'PageDown' });
    await waitFor(() => expect(followButton()).not.toBeNull());

    fireEvent.click(followButton() as HTMLElement);
    await waitFor(() => expect(followButton()).toBeNull());
    fireEvent.touchMove(area);
    await waitFor(() => expect(followButton()).not.toBeNull());
  });

  it('keeps following when an arrow key is a keypad action (the kiosk takes it, nothing scrolls)', async () => {
    const { recording, area } = await reading();
    await act(() => recording.speakWord(3));
    // The kiosk's lock-down takes a keypad key at the window, before the text sees it.
    const takeKey = (event: KeyboardEvent) => event.preventDefault();
    window.addEventListener('keydown', takeKey, { capture: true });
    try {
      fireEvent.keyDown(area, { code: 'ArrowDown', cancelable: true });
      await act(() => recording.speakWord(4));
      expect(followButton()).toBeNull();
    } finally {
      window.removeEventListener('keydown', takeKey, { capture: true });
    }
    fireEvent.keyDown(area, { code: 'ArrowDown', cancelable: true });
    await waitFor(() => expect(followButton()).not.toBeNull());
  });

  it('hides the button while nothing is read, and follows again when Play is pressed', async () => {
    const { recording, area } = await reading();
    await act(() => recording.speakWord(2));
    fireEvent.wheel(area, { deltaY: 400 });
    await waitFor(() => expect(followButton()).not.toBeNull());
    // Paused, there is nothing to follow.
    fireEvent.click(screen.getByRole('button', { name: 'reader.pause' }));
    await waitFor(() => expect(followButton()).toBeNull());
    expect(recording.player.status.value).toBe('paused');
    fireEvent.click(screen.getByRole('button', { name: 'reader.play' }));
    await act(() => recording.untilPlaying());
    expect(followButton()).toBeNull();
  });

  it('goes back to following when a new section opens', async () => {
    const { recording, area } = await reading();
    await act(() => recording.speakWord(2));
    fireEvent.wheel(area, { deltaY: 400 });
    await waitFor(() => expect(followButton()).not.toBeNull());
    fireEvent.click(screen.getByRole('button', { name: 'reader.next' }));
    await untilSection(2);
    await act(() => recording.speakWord(2));
    expect(followButton()).toBeNull();
  });
});
