/** The core's handlers: injection, the frame handshake, the bar's figures and capabilities, the options page. */
import { coreMessages } from '../messaging/core-messages';
import { reportFailure } from '../report';
import { actionsEnabledByKey } from '../wandb/capabilities';
import { BadRequest } from './bad-request';
import { defineHandlers } from './deps';
import { frameHandlers, routeForContentScript, routeForPage } from './page-access';

export const coreHandlers = defineHandlers(coreMessages, (deps) => ({
  async injectToolkit(payload, verified) {
    const { appOrigin, route } = routeForContentScript(verified, payload.pageUrl);
    if (verified.kind !== 'content-script') throw new BadRequest('Only a W&B page can ask for this.');
    // Start reading the bar's figures while the UI bundle loads; the bar's own request then
    // finds them in flight (or cached) instead of starting from scratch, and sees its error.
    deps.loadSummary(appOrigin, route, false).catch((error) => reportFailure('summary-prefetch', error));
    await deps.injectToolkit(verified.tabId, verified.frameId, verified.documentId);
    return { injected: true };
  },
  ...frameHandlers(deps),
  async getSummary(payload, verified) {
    const { appOrigin, route } = routeForPage(verified, payload.pageUrl);
    return deps.loadSummary(appOrigin, route, payload.refresh);
  },
  async capabilities(payload, verified) {
    if (verified.kind === 'toolkit-frame' && verified.binding?.appOrigin !== payload.appOrigin) {
      throw new BadRequest('A W&B page may only ask about its own host.');
    }
    const [info, capabilities] = await Promise.all([
      deps.adminKey.keyInfo(),
      deps.adminKey.capabilitiesFor(payload.appOrigin),
    ]);
    return {
      key: info && info.appOrigin === payload.appOrigin ? info : null,
      capabilities,
      enabledByKey: actionsEnabledByKey(capabilities),
    };
  },
  async openOptions() {
    await deps.openOptionsPage();
    return { opened: true as const };
  },
}));
