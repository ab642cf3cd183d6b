/**
 * Everything the background does with the admin API key: test and keep it, and the org-level
 * writes only SCIM offers (API.md §3): change org role, change team role, remove from the
 * organization, list custom roles. Other features call the exported functions
 * (`setOrgRole`, `setTeamRole`, `removeFromOrg`, `listCustomRoles`) with the org/host context;
 * each returns an `AdminKeyResult` value and never throws.
 *
 * The key is read from storage here and put only into the `Authorization` header of requests to
 * the API origin of the host it was entered for (`apiOriginFor(appOrigin)`): SCIM, plus the one
 * documented identity query (`viewer`, API.md §5) when the admin tests it. It is never logged,
 * never put into an error message, an audit entry or a reply.
 */
import { adminKeyInfo, forgetAdminKey, loadAdminKey } from '@/lib/settings/admin-key';
import { resolveCapabilities } from '@/lib/wandb/capabilities';
import { servedAndPermitted } from '../hosts';
import { createKeyAccess } from './access';
import { readAuditWindow } from './audit-logs';
import { createMember, findMember } from './create-member';
import { auditKeyForgotten, auditKeyTest } from './key-audit';
import { testKey } from './test-key';
import type { AdminKeyDeps, AdminKeyService, AdminOrgContext } from './types';
import * as writes from './writes';

export { isPlausibleKey } from './test-key';
export type {
  AdminKeyDeps,
  AdminKeyResult,
  AdminKeyService,
  AdminOrgContext,
  KeyTestInput,
  KeyTestOutcome,
  ScimUserSummary,
} from './types';

export function createAdminKeyService(deps: AdminKeyDeps): AdminKeyService {
  const access = createKeyAccess(deps);
  const service: AdminKeyService = {
    async testKey(input) {
      const result = await testKey(deps, access, input);
      await auditKeyTest(access.now(), input, result);
      return result;
    },

    async keyInfo() {
      const stored = await loadAdminKey();
      return stored ? adminKeyInfo(stored) : null;
    },

    async forgetKey() {
      const stored = await loadAdminKey();
      await forgetAdminKey();
      if (stored) await auditKeyForgotten(access.now(), stored, 'Forget key on the options page');
    },

    async forgetKeyFor(appOrigin) {
      const stored = await loadAdminKey();
      if (stored && stored.appOrigin === new URL(appOrigin).origin) {
        await forgetAdminKey();
        await auditKeyForgotten(
          access.now(),
          stored,
          'its host was removed, or the browser withdrew access to it',
        );
      }
    },

    async keyStatusFor(appOrigin) {
      const stored = await loadAdminKey();
      return stored && stored.appOrigin === new URL(appOrigin).origin ? stored.status : 'none';
    },

    async capabilitiesFor(appOrigin) {
      return resolveCapabilities({ keyStatus: await service.keyStatusFor(appOrigin) });
    },

    setOrgRole: (ctx, input) => writes.setOrgRole(access, ctx, input),
    setTeamRole: (ctx, input) => writes.setTeamRole(access, ctx, input),
    removeFromOrg: (ctx, input) => writes.removeFromOrg(access, ctx, input),
    listCustomRoles: (ctx) => writes.listCustomRoles(access, ctx),
    deactivate: (ctx, input) => writes.deactivate(access, ctx, input),
    readDirectory: (ctx) => writes.readDirectory(access, ctx),
    readCounts: (ctx, viewer) => writes.readCounts(access, ctx, viewer),
    keyProbe: (appOrigin) => access.keyProbe(appOrigin),
    userActive: (ctx, input) => writes.userActive(access, ctx, input),
    createMember: (ctx, input) => createMember(access, ctx, input),
    findMember: (ctx, input) => findMember(access, ctx, input),
    readAuditWindow: (ctx, window, options) => readAuditWindow(access, ctx, window, options),
  };
  return service;
}

let defaultService: AdminKeyService | null = null;

/** The service bound to the worker's own `fetch`; created on first use. */
export function adminKeyService(): AdminKeyService {
  defaultService ??= createAdminKeyService({
    fetch: (input, init) => fetch(input, init),
    hostAllowed: servedAndPermitted,
  });
  return defaultService;
}

/**
 * Changes `user`'s (username or email) organization role through SCIM (`PATCH /scim/Users/{id}`
 * replace `organizationRole`; `admin`, `member` or a custom role name). Needs an admin key stored
 * for `ctx.appOrigin`; otherwise `{ ok: false, error: { kind: 'no-key' } }`. Audited.
 */
export function setOrgRole(ctx: AdminOrgContext, input: { user: string; role: string }) {
  return adminKeyService().setOrgRole(ctx, input);
}

/**
 * Changes `user`'s role in `team` (`admin`, `member`, `viewer`/view-only, or a custom role)
 * through SCIM (`PATCH` replace `teamRoles`). The user must already be in the team. Audited.
 */
export function setTeamRole(ctx: AdminOrgContext, input: { user: string; team: string; role: string }) {
  return adminKeyService().setTeamRole(ctx, input);
}

/**
 * Removes a member from the organization through SCIM (`DELETE /scim/Users/{id}`, "fully deletes
 * a user from your organization"), by SCIM user id or by username/email. W&B refuses to remove
 * the last org admin (an `invalid-request`/`conflict` error with W&B's reason). Audited.
 */
export function removeFromOrg(ctx: AdminOrgContext, input: { userId: string } | { user: string }) {
  return adminKeyService().removeFromOrg(ctx, input);
}

/** Lists the organization's custom roles (`GET /scim/Roles`); empty when there are none. */
export function listCustomRoles(ctx: AdminOrgContext) {
  return adminKeyService().listCustomRoles(ctx);
}
