/**
 * The background's end of the port a toolkit frame holds while it follows a running invite job
 * (lib/invite/wake.ts). Connecting is what matters: it starts a stopped worker, whose start-up
 * resumes running jobs; this resumes them too, in case the worker was already up. Only the
 * extension's own pages (the toolkit frame) may hold one; anything else is disconnected.
 */
import { browser } from 'wxt/browser';
import { INVITE_FOLLOW_PORT } from '../invite/wake';
import { reportFailure } from '../report';

export function listenForInviteFollowers(resumeRunningJobs: () => Promise<void>): void {
  const extensionOrigin = browser.runtime.getURL('/');
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== INVITE_FOLLOW_PORT) return;
    const sender = port.sender;
    if (sender?.id !== browser.runtime.id || !sender.url?.startsWith(extensionOrigin)) {
      port.disconnect();
      return;
    }
    resumeRunningJobs().catch((error: unknown) => reportFailure('invite', error));
  });
}
