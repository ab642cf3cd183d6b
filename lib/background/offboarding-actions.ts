/**
 * Offboarding's actions for one W&B host and org: the session's (team removal by `deleteInvite`)
 * and, where the capability table says the admin key works on that host, SCIM for what the session
 * cannot do — making another member team admin (`PATCH /scim/Users` teamRoles), deactivating them
 * on a dedicated or self-managed host (`PATCH /scim/Users` active: false) and removing the member
 * from the organization (`DELETE /scim/Users/{id}`). The step planner reads `capabilities` and
 * turns what stays `manual` into guided, verified steps.
 */
import type { OffboardingActions } from '../offboarding/actions';
import type { OffboardingCapabilities } from '../offboarding/model';
import type { Capabilities } from '../wandb/capabilities';
import { isMultiTenant } from '../wandb/client';
import type { AdminKeyService, AdminOrgContext } from './admin-key';

export function withAdminKeyActions(
  session: OffboardingActions,
  key: Pick<AdminKeyService, 'removeFromOrg' | 'setTeamRole' | 'deactivate' | 'userActive'>,
  ctx: AdminOrgContext,
  capabilities: Capabilities,
): OffboardingActions {
  const removeByKey = capabilities['remove-from-org'].transport === 'key';
  // SCIM's `active: false` removes the user on wandb.ai (API.md §3), so deactivation is offered only elsewhere.
  const deactivation: OffboardingCapabilities['deactivate'] = isMultiTenant(ctx.appOrigin)
    ? 'unavailable'
    : removeByKey
      ? 'key'
      : 'manual';
  const promoteByKey = capabilities['set-team-role'].transport === 'key';
  // The offboarding step audits each write it makes (naming the transport), so the key service
  // does not add a second entry for the same write.
  const stepContext: AdminOrgContext = { ...ctx, auditedBy: 'caller' };
  return {
    capabilities: {
      deactivate: deactivation,
      removeFromTeam: session.capabilities.removeFromTeam,
      removeFromOrg: removeByKey ? 'key' : session.capabilities.removeFromOrg,
      promoteTeamAdmin: promoteByKey ? 'key' : session.capabilities.promoteTeamAdmin,
    },
    removeFromTeam: (input) => session.removeFromTeam(input),
    async removeFromOrg(input) {
      if (!removeByKey) return session.removeFromOrg(input);
      // SCIM finds the user by userName (the directory's id is GraphQL's, not necessarily SCIM's).
      const result = await key.removeFromOrg(stepContext, { user: input.username });
      return result.ok
        ? { ok: true, detail: `W&B (SCIM) removed ${result.data.username} from the organization.` }
        : { ok: false, detail: result.error.message };
    },
    async deactivate(input) {
      if (deactivation !== 'key') return session.deactivate(input);
      // The step reads SCIM back before it is marked done (isDeactivated), so an answer without
      // `active` is not taken as proof either way.
      const result = await key.deactivate(stepContext, { user: input.username });
      return result.ok
        ? { ok: true, detail: `W&B (SCIM) accepted deactivating ${result.data.username}.` }
        : { ok: false, detail: result.error.message };
    },
    async isDeactivated(input) {
      if (deactivation !== 'key') return session.isDeactivated(input);
      const result = await key.userActive(stepContext, { user: input.username });
      return result.ok && result.data.active !== null ? !result.data.active : 'unknown';
    },
    async promoteTeamAdmin(input) {
      if (!promoteByKey) return session.promoteTeamAdmin(input);
      const result = await key.setTeamRole(stepContext, {
        user: input.username,
        team: input.team,
        role: 'admin',
      });
      return result.ok
        ? { ok: true, detail: `W&B (SCIM) made ${input.username} an admin of ${input.team}.` }
        : { ok: false, detail: result.error.message };
    },
  };
}
