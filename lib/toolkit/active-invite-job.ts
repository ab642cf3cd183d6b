import { useEffect, useState } from 'react';
import { type ActiveInviteJob, sendMessage } from '../messaging/protocol';

const POLL_MS = 3000;

/**
 * The org's bulk-invite job while it is not finished (running, paused, or waiting for sign-in),
 * for the toolkit bar: asked on mount and whenever `refresh` changes (a dialog closed), then every
 * few seconds while there is one. A counts-only message: the bar never fetches the rows.
 */
export function useActiveInviteJob(
  pageUrl: string,
  enabled: boolean,
  refresh: unknown,
): ActiveInviteJob | null {
  const [active, setActive] = useState<ActiveInviteJob | null>(null);
  useEffect(() => {
    void refresh;
    if (!enabled) {
      setActive(null);
      return;
    }
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = () => {
      sendMessage('inviteActive', { pageUrl }).then(
        (reply) => {
          if (stopped) return;
          const next = reply.ok ? reply.data : null;
          setActive(next);
          if (next) timer = setTimeout(ask, POLL_MS);
        },
        () => {},
      );
    };
    ask();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [pageUrl, enabled, refresh]);
  return active;
}

/** What the bar says of it: `Invite job: 5 of 12 done`, `… paused`, `… waiting for sign-in`. */
export function activeJobLabel(job: ActiveInviteJob): string {
  const { total, left } = job.progress;
  const done = `${(total - left).toLocaleString('en-US')} of ${total.toLocaleString('en-US')} done`;
  if (job.status === 'paused') return `Invite job paused: ${done}`;
  if (job.status === 'paused-signed-out') return `Invite job waiting for sign-in: ${done}`;
  return `Invite job running: ${done}`;
}
