/** Seat hygiene's handlers (lib/hygiene/messages.ts): the stale-invite cancellation job of the page's org. */
import { defineHandlers } from '../background/deps';
import { orgAndActor, pageOrg } from '../background/page-access';
import { createCancelJob } from './cancel-job';
import { hygieneMessages } from './messages';

export const hygieneHandlers = defineHandlers(hygieneMessages, (deps) => ({
  async hygieneCancelStart(payload, verified) {
    const { appOrigin, org, actor } = await orgAndActor(deps, verified, payload.pageUrl);
    const id = `invite-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    const job = createCancelJob(payload.invites, { id, org, now: Date.now() });
    return { jobId: await deps.inviteJobs.begin(appOrigin, actor, job) };
  },
  async hygieneCancelLatest(payload, verified) {
    const { appOrigin, org } = await pageOrg(deps, verified, payload.pageUrl);
    return deps.inviteJobs.latest(appOrigin, org, 'cancel-invites');
  },
}));
