/** Audit log: the background's handlers for lib/audit/messages.ts (a missing or extra one is a type error). */
import { defineHandlers } from '../background/deps';
import { pageOrg } from '../background/page-access';
import { latestByActor } from '../wandb/audit-windows';
import { WandbError } from '../wandb/errors';
import { auditHost, MAX_AUDIT_ENTRIES } from './log';
import { auditMessages } from './messages';
import { readAuditStore } from './writer';

export const auditHandlers = defineHandlers(auditMessages, (deps) => ({
  async auditEntries(payload, verified) {
    const { appOrigin, org } = await pageOrg(deps, verified, payload.pageUrl);
    const store = await readAuditStore();
    return { ...store, max: MAX_AUDIT_ENTRIES, page: { org, host: auditHost(appOrigin) } };
  },
  /** A keyed read of the page's host only (never the session's cookie); W&B's refusal is the error. */
  async wandbAuditWindow(payload, verified) {
    const { appOrigin, org } = await pageOrg(deps, verified, payload.pageUrl);
    const startMs = Date.parse(`${payload.startDate}T00:00:00Z`);
    const endDate = new Date(startMs + payload.numDays * 86_400_000).toISOString().slice(0, 10);
    const result = await deps.adminKey.readAuditWindow(
      { appOrigin, org },
      { startDate: payload.startDate, numDays: payload.numDays, endDate },
    );
    if (!result.ok) throw new WandbError(result.error);
    const { entries, ...meta } = result.data;
    return payload.summary === 'entries'
      ? { ...meta, summary: 'entries', entries }
      : { ...meta, summary: 'latest', latest: latestByActor(entries) };
  },
}));
