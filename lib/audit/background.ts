/** Audit log: the background's handler for lib/audit/messages.ts (a missing or extra one is a type error). */
import { defineHandlers } from '../background/deps';
import { pageOrg } from '../background/page-access';
import { auditHost, MAX_AUDIT_ENTRIES } from './log';
import { auditMessages } from './messages';
import { readAuditStore } from './writer';

export const auditHandlers = defineHandlers(auditMessages, (deps) => ({
  async auditEntries(payload, verified) {
    const { appOrigin, org } = await pageOrg(deps, verified, payload.pageUrl);
    const store = await readAuditStore();
    return { ...store, max: MAX_AUDIT_ENTRIES, page: { org, host: auditHost(appOrigin) } };
  },
}));
