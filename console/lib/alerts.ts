/**
 * Getting a busy agent's attention while the tab is hidden: a desktop notification and a short
 * beep. Browsers may block either; that must never break the console, so every path fails quietly.
 */

let audio: AudioContext | null = null;

/**
 * Creates (or resumes) the AudioContext during a user gesture: browsers refuse to start audio
 * that no click or key press allowed. Call it from any pointer or key handler.
 */
export function unlockAudio(): void {
  try {
    audio ??= new AudioContext();
    if (audio.state === 'suspended') void audio.resume().catch(() => undefined);
  } catch {
    audio = null;
  }
}

/** A 160 ms two-tone beep; silent when audio was never unlocked or is blocked. */
export function beep(): void {
  try {
    if (!audio || audio.state !== 'running') return;
    const start = audio.currentTime;
    const gain = audio.createGain();
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.15, start + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.16);
    gain.connect(audio.destination);
    const osc = audio.createOscillator();
    osc.type = 'sine';
    osc.frequency.setValueAtTime(880, start);
    osc.frequency.setValueAtTime(1320, start + 0.08);
    osc.connect(gain);
    osc.start(start);
    osc.stop(start + 0.17);
  } catch {
    // blocked or unsupported: the title count still tells the agent
  }
}

/** Whether asking for notification permission makes sense (supported and not yet answered). */
export function canAskNotifications(): boolean {
  return typeof Notification !== 'undefined' && Notification.permission === 'default';
}

/** Asks for permission; resolves to whether notifications may be shown. */
export async function askNotifications(): Promise<boolean> {
  try {
    return (await Notification.requestPermission()) === 'granted';
  } catch {
    return false;
  }
}

/**
 * Shows a desktop notification (when allowed) and beeps. `tag` collapses repeats for the same
 * conversation into one notification. Clicking it focuses the console and calls `onClick`.
 */
export function alertAgent(title: string, body: string, tag: string, onClick?: () => void): void {
  beep();
  try {
    if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
    const n = new Notification(title, { body, tag });
    n.onclick = () => {
      window.focus();
      onClick?.();
      n.close();
    };
  } catch {
    // some browsers only allow notifications from a service worker; the beep and title remain
  }
}
