/** Diagnostics: the background's handlers for lib/diagnostics/messages.ts (a missing or extra one is a type error). */
import { browser } from 'wxt/browser';
import { defineHandlers } from '../background/deps';
import { pageOrg } from '../background/page-access';
import { diagnosticsMessages } from './messages';
import { runDiagnostics } from './run';

export const diagnosticsHandlers = defineHandlers(diagnosticsMessages, (deps) => ({
  async diagnosticsRun(payload, verified) {
    const { appOrigin, route, org } = await pageOrg(deps, verified, payload.pageUrl);
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
  },
}));
