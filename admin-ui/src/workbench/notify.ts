/** New-chat and new-message alerts for agents: a blinking document title until the page is looked at, and a short WebAudio beep. */

let audio: AudioContext | null = null;
let blink: ReturnType<typeof setInterval> | null = null;
let baseTitle = "";

/** Creates the audio context inside a user gesture (browsers refuse sound before one). */
export function unlockSound(): void {
  try {
    audio ??= new AudioContext();
    void audio.resume();
  } catch {
    audio = null;
  }
}

export function beep(): void {
  if (audio?.state !== "running") return;
  const osc = audio.createOscillator();
  const gain = audio.createGain();
  osc.frequency.value = 880;
  gain.gain.setValueAtTime(0.15, audio.currentTime);
  gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.25);
  osc.connect(gain).connect(audio.destination);
  osc.start();
  osc.stop(audio.currentTime + 0.25);
}

/** Alternates the tab title with `message` until the tab is visible and focused. */
export function blinkTitle(message: string): void {
  if (blink || (document.visibilityState === "visible" && document.hasFocus())) return;
  baseTitle = document.title;
  let on = false;
  blink = setInterval(() => {
    on = !on;
    document.title = on ? message : baseTitle;
  }, 1000);
  const stop = () => {
    if (!blink) return;
    clearInterval(blink);
    blink = null;
    document.title = baseTitle;
    window.removeEventListener("focus", stop);
  };
  window.addEventListener("focus", stop);
}
