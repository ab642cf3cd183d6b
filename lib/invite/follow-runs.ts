/**
 * How the toolkit frame (the bulk-invite dialog and the bar) follows the counts of bulk-invite jobs
 * on its page's host. In Chrome the frame reads the session item the background writes on every
 * save and is told of each change (WXT `storage.watch`): pushed, not polled. Firefox gives no
 * `storage.session` to an extension page framed in a web page, so there the frame asks the
 * background (`inviteRuns`) every POLL_MS instead.
 */
import { storage } from 'wxt/utils/storage';
import { sendMessage } from '../messaging/protocol';
import { reportFailure } from '../report';
import type { InviteRun } from './progress';
import { runsOn } from './runs';

/** How often a frame without `storage.session` asks for the counts. */
export const POLL_MS = 500;

/** Whether the frame reads the session item itself (Chrome) or asks the background (Firefox). */
export const FRAME_READS_SESSION = import.meta.env.BROWSER !== 'firefox';

export interface FollowOptions {
  /** How often to ask when the frame cannot read the session item. */
  pollMs?: number;
  /** Read the session item (default: FRAME_READS_SESSION). */
  readsSession?: boolean;
}

/** Every job's counts on the page's host, as last saved. */
export async function readRuns(pageUrl: string, readsSession = FRAME_READS_SESSION): Promise<InviteRun[]> {
  if (readsSession) {
    const { runs, settled } = runsOn(await storage.getItem('session:inviteRuns'), new URL(pageUrl).origin);
    await settled;
    return runs;
  }
  const reply = await sendMessage('inviteRuns', { pageUrl });
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.data;
}

/**
 * Calls `onRuns` with every job's counts on the page's host each time the background saves a job
 * (without `storage.session`: each time they changed, checked every `pollMs`). Returns the function
 * that stops following.
 */
export function followInviteRuns(
  pageUrl: string,
  onRuns: (runs: InviteRun[]) => void,
  { pollMs = POLL_MS, readsSession = FRAME_READS_SESSION }: FollowOptions = {},
): () => void {
  const appOrigin = new URL(pageUrl).origin;
  if (readsSession)
    return storage.watch('session:inviteRuns', (value) => onRuns(runsOn(value, appOrigin).runs));
  let stopped = false;
  let last = '';
  const ask = () =>
    readRuns(pageUrl, false).then(
      (runs) => {
        const seen = JSON.stringify(runs);
        if (stopped || seen === last) return;
        last = seen;
        onRuns(runs);
      },
      (error: unknown) => reportFailure('invite', error),
    );
  const timer = setInterval(ask, pollMs);
  ask();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
