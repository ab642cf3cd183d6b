/**
 * While a dialog or the bar follows a running bulk-invite job, it holds a port to the background.
 * Nothing is sent over it (the counts arrive through ./progress-item.ts): it is there so that a
 * worker the browser stopped mid-job is started again at once — the port's end notices, connects
 * again, and the new worker resumes the job from storage — rather than at the next wake-up alarm.
 */
import { browser } from 'wxt/browser';

export const INVITE_FOLLOW_PORT = 'wbat-invite-follow';

/** A port that closed this soon after opening was refused: wait before the next try. */
const REFUSED_WITHIN_MS = 1000;

/** Holds the port until the returned function is called. */
export function holdWorkerForJob(): () => void {
  let port: ReturnType<typeof browser.runtime.connect> | null = null;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const connect = () => {
    const openedAt = Date.now();
    port = browser.runtime.connect({ name: INVITE_FOLLOW_PORT });
    port.onDisconnect.addListener(() => {
      // Read, so the browser does not log an unchecked error for a worker that went away.
      void browser.runtime.lastError;
      port = null;
      if (stopped) return;
      timer = setTimeout(connect, Date.now() - openedAt < REFUSED_WITHIN_MS ? REFUSED_WITHIN_MS : 0);
    });
  };
  connect();
  return () => {
    stopped = true;
    clearTimeout(timer);
    port?.disconnect();
  };
}
