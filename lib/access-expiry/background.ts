/** Time-bound access: the background's handlers for lib/access-expiry/messages.ts (a missing or extra one is a type error). */
import { BadRequest } from '../background/bad-request';
import { defineHandlers } from '../background/deps';
import { orgAndActor, pageOrg } from '../background/page-access';
import { offboardLaunch } from '../offboarding/launch';
import { membersPageUrl } from '../offboarding/links';
import { accessExpiryMessages } from './messages';

export const accessExpiryHandlers = defineHandlers(accessExpiryMessages, (deps) => ({
  async accessExpiryList(payload, verified) {
    const { appOrigin, org } = await pageOrg(deps, verified, payload.pageUrl);
    return deps.accessExpiry.list({ appOrigin, org });
  },
  async accessExpirySet(payload, verified) {
    const { pageUrl, ...input } = payload;
    const { appOrigin, org, actor } = await orgAndActor(deps, verified, pageUrl);
    return deps.accessExpiry.set({ appOrigin, org }, actor, input);
  },
  async accessExpiryRemove(payload, verified) {
    const { appOrigin, org, actor } = await orgAndActor(deps, verified, payload.pageUrl);
    return deps.accessExpiry.remove({ appOrigin, org }, actor, payload.username);
  },
  async accessExpiryCount(payload, verified) {
    const { appOrigin, org } = await pageOrg(deps, verified, payload.pageUrl);
    return deps.accessExpiry.expiredCount({ appOrigin, org });
  },
  accessExpiryDue: () => deps.accessExpiry.due(),
  async accessExpiryOffboard({ appOrigin, org, username }) {
    const entry = await deps.accessExpiry.find({ appOrigin, org }, username);
    if (!entry) throw new BadRequest(`No last day of access is kept for ${username} in ${org}.`);
    if (entry.expiredAt === null)
      throw new BadRequest(`${username}'s access has not expired yet (last day ${entry.lastDay}).`);
    const tabId = await deps.openTab(membersPageUrl(appOrigin, org));
    deps.launches.set(tabId, { tool: 'offboard', arg: offboardLaunch.member(username) });
    return { opened: true as const };
  },
}));
