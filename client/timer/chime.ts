/**
 * The sound at time's up: three short tones made with Web Audio, so there is no audio file to
 * load and nothing fetched from anywhere. Off unless this device turned it on.
 */
import { useCallback, useState } from 'react';

const SOUND_KEY = 'charrette:timer-sound';
/** Tone pitches (Hz) and spacing: a gentle rising triad, audible over a room's murmur. */
const TONES_HZ = [660, 880, 1320];
const TONE_GAP_S = 0.22;
const TONE_LENGTH_S = 0.5;
const PEAK_GAIN = 0.25;

let context: AudioContext | null = null;

/** Browsers only let audio start after a gesture: call this from the click that turns sound on. */
export function unlockAudio(): void {
  try {
    context ??= new AudioContext();
    if (context.state === 'suspended') void context.resume();
  } catch {
    // No Web Audio (very old browser or a policy): the timer simply stays silent.
  }
}

export function playChime(): void {
  try {
    context ??= new AudioContext();
    const ctx = context;
    if (ctx.state === 'suspended') void ctx.resume();
    const start = ctx.currentTime + 0.05;
    TONES_HZ.forEach((hz, i) => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      const t0 = start + i * TONE_GAP_S;
      osc.type = 'sine';
      osc.frequency.value = hz;
      // A soft attack and decay: a click-free bell rather than a beep.
      gain.gain.setValueAtTime(0, t0);
      gain.gain.linearRampToValueAtTime(PEAK_GAIN, t0 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, t0 + TONE_LENGTH_S);
      osc.connect(gain).connect(ctx.destination);
      osc.start(t0);
      osc.stop(t0 + TONE_LENGTH_S + 0.05);
    });
  } catch {
    // See unlockAudio.
  }
}

function readPreference(): boolean {
  try {
    return localStorage.getItem(SOUND_KEY) === 'on';
  } catch {
    return false;
  }
}

/** Whether this device plays the chime; remembered per device, like the language. */
export function useSoundPreference(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(readPreference);
  const set = useCallback((next: boolean) => {
    if (next) unlockAudio();
    try {
      localStorage.setItem(SOUND_KEY, next ? 'on' : 'off');
    } catch {
      // Without storage the choice lasts for this page.
    }
    setOn(next);
  }, []);
  return [on, set];
}
