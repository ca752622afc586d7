/**
 * One voice at a time (src/speech/one-voice.ts): the reading silences prompts, a term's card pauses
 * the reading, and announcements nobody asked for wait for both. A player that only keeps its status
 * stands in for the real one: what matters here is who speaks when, not how.
 */
import { signal } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import { createOneVoice } from '../../src/speech/one-voice';
import type { PlaybackStatus, Player } from '../../src/speech/player';
import { createPrompter } from '../../src/speech/prompter';

function voices(startWith: PlaybackStatus = 'idle') {
  const heard: string[] = [];
  const prompter = createPrompter(
    { load: () => undefined, find: () => undefined },
    { playClips: async () => {}, speak: (text) => (heard.push(`say ${text}`), true), stop: () => void heard.push('prompt stopped') },
    () => 1,
  );
  const status = signal<PlaybackStatus>(startWith);
  const player = {
    status,
    play: (fromWord?: number) => {
      heard.push(fromWord === undefined ? 'play' : `play from ${fromWord}`);
      status.value = 'playing';
    },
    pause: () => {
      heard.push('pause');
      status.value = 'paused';
    },
  } as unknown as Player;
  const explaining = signal(false);
  return { prompter, status, heard, explaining, voice: createOneVoice({ prompter, player, explaining }) };
}

describe('one voice at a time', () => {
  it('stops a prompt the moment the section starts to sound, however it was started', () => {
    const { prompter, status, heard } = voices();
    prompter.say('en', ['Next', 'button']);
    heard.length = 0;
    status.value = 'playing';
    expect(heard).toEqual(['prompt stopped']);
  });

  it('silences a prompt before reading from a sentence, even when the section is already sounding', () => {
    const { prompter, heard, voice } = voices('playing');
    prompter.say('en', ['Settings', 'button']);
    heard.length = 0;
    voice.read(12);
    expect(heard).toEqual(['prompt stopped', 'play from 12']);
  });

  it('pauses the reading while a term’s card explains it, and leaves a paused reading alone', () => {
    const playing = voices('loading');
    playing.explaining.value = true;
    expect(playing.heard).toEqual(['pause']);
    const paused = voices('paused');
    paused.explaining.value = true;
    expect(paused.heard).toEqual([]);
  });

  it('lets an announcement speak only when neither the reading nor a term’s card is', () => {
    const { status, explaining, voice } = voices();
    expect(voice.mayAnnounce()).toBe(true);
    for (const speaking of ['playing', 'loading'] as const) {
      status.value = speaking;
      expect(voice.mayAnnounce(), speaking).toBe(false);
    }
    status.value = 'paused';
    explaining.value = true;
    expect(voice.mayAnnounce()).toBe(false);
    explaining.value = false;
    expect(voice.mayAnnounce()).toBe(true);
  });

  it('stops the prompt of a visit that has gone, then lets prompts be whatever its player does', () => {
    const { status, heard, voice, explaining } = voices();
    voice.dispose();
    // The last patient's prompt (the idle warning's "…in 1 second") does not go on over a fresh screen.
    expect(heard).toEqual(['prompt stopped']);
    heard.length = 0;
    status.value = 'playing';
    explaining.value = true;
    expect(heard).toEqual([]);
  });
});
