/**
 * A short 440 Hz beep made on the spot with Web Audio, so staff can check the speakers or the
 * headphone socket without any file or network. Faded in and out: a hard edge clicks.
 */
export async function playTestTone(seconds = 0.8, frequency = 440, level = 0.3): Promise<void> {
  const Context = globalThis.AudioContext;
  if (!Context) throw new Error('Web Audio is not available');
  const context = new Context();
  try {
    await context.resume();
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    const start = context.currentTime;
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0, start);
    gain.gain.linearRampToValueAtTime(level, start + 0.03);
    gain.gain.setValueAtTime(level, start + seconds - 0.05);
    gain.gain.linearRampToValueAtTime(0, start + seconds);
    oscillator.connect(gain).connect(context.destination);
    await new Promise<void>((resolve) => {
      oscillator.onended = () => resolve();
      oscillator.start(start);
      oscillator.stop(start + seconds);
    });
  } finally {
    await context.close();
  }
}
