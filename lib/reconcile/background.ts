/** Reconcile with IdP: the background's handlers for lib/reconcile/messages.ts (a missing or extra one is a type error). */
import { BadRequest } from '../background/bad-request';
import { defineHandlers } from '../background/deps';
import { pageOrg } from '../background/page-access';
import { emailKey, normaliseEmail } from '../invite/email';
import { changeLinks, MAX_LINKS_PER_ORG, readLinks } from './links';
import { reconcileMessages } from './messages';

export const reconcileHandlers = defineHandlers(reconcileMessages, (deps) => ({
  async reconcileLinks(payload, verified) {
    const { appOrigin, org } = await pageOrg(deps, verified, payload.pageUrl);
    return readLinks(appOrigin, org);
  },
  async reconcileLink(payload, verified) {
    const { appOrigin, org } = await pageOrg(deps, verified, payload.pageUrl);
    const checked = normaliseEmail(payload.idpEmail);
    if (!checked.ok) throw new BadRequest(`Bad email: ${checked.problem}.`);
    return changeLinks(appOrigin, org, (links) => {
      const others = links.filter((link) => link.username !== payload.username);
      const taken = others.find((link) => link.idpEmail === emailKey(checked.email));
      if (taken)
        throw new BadRequest(
          `${checked.email} is already linked to ${taken.username}: remove that link first.`,
        );
      if (others.length >= MAX_LINKS_PER_ORG)
        throw new BadRequest(`This organization already has ${MAX_LINKS_PER_ORG} links: remove some first.`);
      return [
        ...others,
        {
          username: payload.username,
          idpEmail: emailKey(checked.email),
          memberEmail: payload.memberEmail,
          linkedAt: new Date().toISOString(),
        },
      ];
    });
  },
  async reconcileUnlink(payload, verified) {
    const { appOrigin, org } = await pageOrg(deps, verified, payload.pageUrl);
    return changeLinks(appOrigin, org, (links) => links.filter((link) => link.username !== payload.username));
  },
}));
