/**
 * The bar's count of the org's members past their last day of access (Time-bound access), followed
 * while the bar has figures for an admin: asked when they arrive, when a tool closes, when the tab
 * is shown again, and when the org's next date passes (the background says when), so an open page
 * sees a date pass without a reload.
 */
import { sendMessage } from '../messaging/protocol';
import { reportFailure } from '../report';

/** setTimeout's longest delay (about 24.8 days); a later date is asked again then. */
const MAX_DELAY_MS = 2_147_000_000;

export function followExpiredAccess(pageUrl: string, onChange: () => void) {
  let following = false;
  let count = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const ask = () => {
    if (!following) return;
    sendMessage('accessExpiryCount', { pageUrl }).then(
      (reply) => {
        if (!following || !reply.ok) return;
        count = reply.data.expired;
        onChange();
        clearTimeout(timer);
        const { nextAt } = reply.data;
        if (nextAt !== null)
          timer = setTimeout(ask, Math.min(MAX_DELAY_MS, Math.max(1000, nextAt - Date.now() + 1000)));
      },
      (error: unknown) => reportFailure('access-expiry', error),
    );
  };
  const onVisible = () => {
    if (document.visibilityState === 'visible') ask();
  };
  const stop = () => {
    following = false;
    count = 0;
    clearTimeout(timer);
    document.removeEventListener('visibilitychange', onVisible);
  };
  return {
    /** How many of the org's members are past their date (0 while not followed). */
    count: () => count,
    ask,
    /** Follows while the bar has figures for an admin of the page; stops (count 0) otherwise. */
    setReady(ready: boolean) {
      if (ready === following) return;
      if (!ready) return stop();
      following = true;
      document.addEventListener('visibilitychange', onVisible);
      ask();
    },
    stop,
  };
}
