/** The bulk-invite handlers (lib/invite/messages.ts): jobs of the page's org, kept in storage. */
import { defineHandlers } from '../background/deps';
import { orgAndActor, pageOrg, routeForPage } from '../background/page-access';
import { jobProgress } from './job';
import { inviteMessages } from './messages';
import { readInviteRuns } from './progress-item';

export const inviteHandlers = defineHandlers(inviteMessages, (deps) => ({
  async inviteStart(payload, verified) {
    const { appOrigin, scope, org, actor } = await orgAndActor(deps, verified, payload.pageUrl);
    const scopeKey = scope.kind === 'org' ? `org:${scope.org}` : `team:${scope.team}`;
    return {
      jobId: await deps.inviteJobs.start(appOrigin, org, scopeKey, actor, payload.rows, payload.concurrency),
    };
  },
  async inviteStatus(payload, verified) {
    const { appOrigin } = routeForPage(verified, payload.pageUrl);
    return deps.inviteJobs.status(payload.inviteJobId, appOrigin);
  },
  async inviteLatest(payload, verified) {
    const { appOrigin, org } = await pageOrg(deps, verified, payload.pageUrl);
    return deps.inviteJobs.latest(appOrigin, org);
  },
  async inviteActive(payload, verified) {
    const { appOrigin, org } = await pageOrg(deps, verified, payload.pageUrl);
    const job = await deps.inviteJobs.latest(appOrigin, org);
    if (!job || job.status === 'done' || job.status === 'cancelled') return null;
    const { etaMs: _eta, ...progress } = jobProgress(job, Date.now());
    return { id: job.id, status: job.status, progress };
  },
  async inviteRuns(payload, verified) {
    const { appOrigin } = routeForPage(verified, payload.pageUrl);
    return readInviteRuns(appOrigin);
  },
  async inviteControl(payload, verified) {
    const { appOrigin } = routeForPage(verified, payload.pageUrl);
    await deps.inviteJobs.control(payload.inviteJobId, appOrigin, payload.action);
    return { done: true as const };
  },
}));
