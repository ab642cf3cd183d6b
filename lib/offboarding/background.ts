/** The offboarding handlers (lib/offboarding/messages.ts): cases of the page's org, kept in storage. */
import { BadRequest } from '../background/bad-request';
import { defineHandlers } from '../background/deps';
import { orgAndActor, pageOrg } from '../background/page-access';
import { offboardLaunch } from './launch';
import { membersPageUrl } from './links';
import { offboardingMessages } from './messages';

export const offboardingHandlers = defineHandlers(offboardingMessages, (deps) => ({
  async offboardImpact(payload, verified) {
    const { appOrigin, org } = await orgAndActor(deps, verified, payload.pageUrl);
    return deps.offboarding.impact(appOrigin, org, payload.username);
  },
  async offboardStart(payload, verified) {
    const { appOrigin, org, actor } = await orgAndActor(deps, verified, payload.pageUrl);
    return deps.offboarding.start(appOrigin, org, actor, payload.username);
  },
  async offboardCases(payload, verified) {
    const { appOrigin, org } = await orgAndActor(deps, verified, payload.pageUrl);
    return deps.offboarding.list(appOrigin, org);
  },
  async offboardAct(payload, verified) {
    const { pageUrl, caseId, ...request } = payload;
    const { appOrigin, org } = await pageOrg(deps, verified, pageUrl);
    return deps.offboarding.act(caseId, { appOrigin, org }, request);
  },
  async offboardRecord(payload, verified) {
    const { appOrigin, org } = await pageOrg(deps, verified, payload.pageUrl);
    return deps.offboarding.record(payload.caseId, { appOrigin, org }, payload.format);
  },
  async offboardReinvite(payload, verified) {
    const { appOrigin, org } = await pageOrg(deps, verified, payload.pageUrl);
    return deps.offboarding.reinvite(payload.caseId, { appOrigin, org });
  },
  async offboardClose(payload, verified) {
    const { appOrigin, org } = await pageOrg(deps, verified, payload.pageUrl);
    return deps.offboarding.close(payload.caseId, { appOrigin, org });
  },
  async offboardDelete(payload, verified) {
    const { appOrigin, org } = await pageOrg(deps, verified, payload.pageUrl);
    return deps.offboarding.delete(payload.caseId, { appOrigin, org });
  },
  offboardDue: () => deps.offboarding.due(),
  async offboardOpenCase(payload) {
    const place = await deps.offboarding.placeOf(payload.caseId);
    if (!place) throw new BadRequest('That offboarding case is no longer stored on this device.');
    const tabId = await deps.openTab(membersPageUrl(place.appOrigin, place.org));
    deps.launches.set(tabId, { tool: 'offboard', arg: offboardLaunch.case(payload.caseId) });
    return { opened: true as const };
  },
}));
