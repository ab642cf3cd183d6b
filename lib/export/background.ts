/** The export dialog's handlers (lib/export/messages.ts): directory loads as jobs of the asking tab. */
import { defineHandlers } from '../background/deps';
import { routeForPage, tabOf } from '../background/page-access';
import { exportMessages } from './messages';

export const exportHandlers = defineHandlers(exportMessages, (deps) => ({
  async directoryLoad(payload, verified) {
    const { appOrigin, route } = routeForPage(verified, payload.pageUrl);
    const scope = await deps.scopeFor(appOrigin, route);
    return { jobId: deps.directoryJobs.start(tabOf(verified), appOrigin, scope, payload.withActivity) };
  },
  async directoryStatus(payload, verified) {
    return deps.directoryJobs.next(payload.jobId, tabOf(verified), payload.seen);
  },
  async directoryPage(payload, verified) {
    return deps.directoryJobs.page(
      payload.jobId,
      tabOf(verified),
      payload.list,
      payload.offset,
      payload.limit,
    );
  },
  async directoryCancel(payload, verified) {
    deps.directoryJobs.cancel(payload.jobId, tabOf(verified));
    return { cancelled: true as const };
  },
}));
