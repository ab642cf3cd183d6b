/** Diagnostics: the background's handlers for lib/diagnostics/messages.ts (a missing or extra one is a type error). */
import { browser } from 'wxt/browser';
import { defineHandlers } from '../background/deps';
import { extensionPageOnly, requireServedOrigin } from '../background/key-handlers';
import { pageOrg } from '../background/page-access';
import type { AdminRoute } from '../wandb/pages';
import { diagnosticsMessages } from './messages';
import { runDiagnostics } from './run';

export const diagnosticsHandlers = defineHandlers(diagnosticsMessages, (deps) => {
  async function run(appOrigin: string, route: AdminRoute, org: string) {
    const [transport, key, orgAdmin] = await Promise.all([
      deps.sessionTransport(appOrigin),
      deps.adminKey.keyProbe(appOrigin),
      deps.loadSummary(appOrigin, route, true).then(
        (summary) => summary.viewer.isOrgAdmin,
        () => null,
      ),
    ]);
    return runDiagnostics({
      transport,
      appOrigin,
      org,
      orgAdmin,
      key,
      versions: { extension: browser.runtime.getManifest().version, browser: navigator.userAgent },
      now: Date.now,
    });
  }
  return {
    async diagnosticsRun(payload, verified) {
      const { appOrigin, route, org } = await pageOrg(deps, verified, payload.pageUrl);
      return run(appOrigin, route, org);
    },
    /** Only for wandb.ai or an added host the browser still permits, as every keyed message. */
    async diagnosticsRunForHost(payload, verified) {
      extensionPageOnly(verified);
      await requireServedOrigin(deps, payload.appOrigin);
      return run(payload.appOrigin, { kind: 'org-members', org: payload.org }, payload.org);
    },
  };
});
