/**
 * New-chat and new-message alerts for agents: a short WebAudio tone (no sound file; mutable, the
 * choice kept in localStorage), desktop notifications (the Notification API, permission asked
 * when the agent signs in, which is a user gesture) and a blinking document title until the page
 * is looked at. `alertFor` decides which alerts a chat event deserves.
 */

/** What a chat event deserves: a tone, a desktop notification. */
export type Alert = { sound: boolean; notification: boolean };

/**
 * A new chat always sounds, and is notified while the page is hidden or the chat is not the one in
 * view. A customer message in the chat in view on a visible page needs nothing; any other (a
 * background chat, or the page hidden) sounds and is notified.
 */
export function alertFor(kind: "newChat" | "message", where: { hidden: boolean; inView: boolean }): Alert {
  const background = where.hidden || !where.inView;
  return { sound: kind === "newChat" || background, notification: background };
}

const SOUND_KEY = "ecs.sound";
let audio: AudioContext | null = null;
let blink: ReturnType<typeof setInterval> | null = null;
let baseTitle = "";

/** Whether the tone is on (default on). */
export function soundOn(): boolean {
  try {
    return localStorage.getItem(SOUND_KEY) !== "off";
  } catch {
    return true;
  }
}

export function setSoundOn(on: boolean): void {
  try {
    if (on) localStorage.removeItem(SOUND_KEY);
    else localStorage.setItem(SOUND_KEY, "off");
  } catch {
    // storage blocked: the choice holds for this page only
  }
  if (on) unlockSound();
}

/** Creates the audio context inside a user gesture (browsers refuse sound before one). */
export function unlockSound(): void {
  try {
    audio ??= new AudioContext();
    void audio.resume();
  } catch {
    audio = null;
  }
}

/** Asks for desktop notifications once, inside the sign-in gesture; a refusal is respected. */
export function askNotificationPermission(): void {
  if (typeof Notification === "undefined" || Notification.permission !== "default") return;
  void Notification.requestPermission().catch(() => undefined);
}

/** Plays the tone unless muted. */
export function beep(): void {
  if (!soundOn() || audio?.state !== "running") return;
  const osc = audio.createOscillator();
  const gain = audio.createGain();
  osc.frequency.value = 880;
  gain.gain.setValueAtTime(0.15, audio.currentTime);
  gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.25);
  osc.connect(gain).connect(audio.destination);
  osc.start();
  osc.stop(audio.currentTime + 0.25);
}

/**
 * A desktop notification (when allowed); one per `tag` at a time. Clicking it brings the
 * workbench forward and calls `onClick` (to open that chat).
 */
export function notifyDesktop(title: string, body: string, tag: string, onClick: () => void): void {
  if (typeof Notification === "undefined" || Notification.permission !== "granted") return;
  try {
    const n = new Notification(title, { body, tag });
    n.onclick = () => {
      window.focus();
      onClick();
      n.close();
    };
  } catch {
    // some browsers only show notifications from a service worker: the tone and title remain
  }
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
