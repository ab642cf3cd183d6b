/** The org-level writes only SCIM offers (API.md §3), each audited, and the reads (custom roles, a user's `active`, the directory and its totals); none throws. */

import type { ScimCounts, ScimDirectoryRead } from '@/lib/wandb/directory/scim-fill';
import { WandbError } from '@/lib/wandb/errors';
import type { ScimRole } from '@/lib/wandb/scim';
import { type KeyAccess, summarise } from './access';
import type { AdminKeyResult, AdminOrgContext, ScimUserSummary } from './types';

export function setOrgRole(
  access: KeyAccess,
  ctx: AdminOrgContext,
  input: { user: string; role: string },
): Promise<AdminKeyResult<ScimUserSummary>> {
  const { keyedWrite, requireUser } = access;
  return keyedWrite(
    ctx,
    { action: 'change-role', target: `${input.user} → org role ${input.role}` },
    async (scim) => {
      const user = await requireUser(scim, input.user);
      const changed = await scim.setOrgRole(
        user.id,
        input.role,
        user.meta?.version ? { ifMatch: user.meta.version } : {},
      );
      return {
        data: summarise(changed.resource),
        detail: `org role ${user.organizationRole ?? '?'} → ${changed.resource.organizationRole ?? input.role}`,
      };
    },
  );
}

export function setTeamRole(
  access: KeyAccess,
  ctx: AdminOrgContext,
  input: { user: string; team: string; role: string },
): Promise<AdminKeyResult<ScimUserSummary>> {
  const { keyedWrite, requireUser } = access;
  return keyedWrite(
    ctx,
    { action: 'change-role', target: `${input.user} → ${input.team}: ${input.role}` },
    async (scim) => {
      const user = await requireUser(scim, input.user);
      const before = user.teamRoles?.find((t) => t.teamName === input.team)?.roleName;
      if (before === undefined) {
        throw new WandbError({
          kind: 'invalid-request',
          message: `${user.userName} is not in the team ${input.team}; invite them to the team first.`,
        });
      }
      const changed = await scim.setTeamRoles(
        user.id,
        [{ teamName: input.team, roleName: input.role }],
        user.meta?.version ? { ifMatch: user.meta.version } : {},
      );
      return { data: summarise(changed.resource), detail: `team role ${before} → ${input.role}` };
    },
  );
}

/**
 * Deactivates a user (SCIM PATCH `active: false`, API.md §3) on a dedicated or self-managed host.
 * A user SCIM already shows inactive gets no request: a repeat after a lost answer sends nothing twice.
 */
export function deactivate(
  access: KeyAccess,
  ctx: AdminOrgContext,
  input: { user: string },
): Promise<AdminKeyResult<{ username: string; active: boolean | null }>> {
  const { keyedWrite, requireUser } = access;
  return keyedWrite(ctx, { action: 'deactivate', target: input.user }, async (scim) => {
    const user = await requireUser(scim, input.user);
    if (user.active === false)
      return {
        data: { username: user.userName, active: false },
        detail: `${user.userName} was already deactivated; nothing sent`,
      };
    const changed = await scim.setActive(
      user.id,
      false,
      user.meta?.version ? { ifMatch: user.meta.version } : {},
    );
    return {
      data: { username: user.userName, active: changed.resource.active ?? null },
      detail: `deactivated ${user.userName} (SCIM PATCH active: false)`,
    };
  });
}

/** Whether SCIM shows the user active (`null` when it does not say); a read, never audited. */
export function userActive(
  access: KeyAccess,
  ctx: AdminOrgContext,
  input: { user: string },
): Promise<AdminKeyResult<{ active: boolean | null }>> {
  return access.keyedRead(ctx, async (scim) => ({
    active: (await access.requireUser(scim, input.user)).active ?? null,
  }));
}

export function removeFromOrg(
  access: KeyAccess,
  ctx: AdminOrgContext,
  input: { userId: string } | { user: string },
): Promise<AdminKeyResult<{ id: string; username: string }>> {
  const { keyedWrite, requireUser } = access;
  const who = 'userId' in input ? input.userId : input.user;
  return keyedWrite(ctx, { action: 'remove-from-org', target: who }, async (scim) => {
    const user =
      'userId' in input ? (await scim.getUser(input.userId)).resource : await requireUser(scim, input.user);
    await scim.deleteUser(user.id, user.meta?.version ? { ifMatch: user.meta.version } : {});
    return {
      data: { id: user.id, username: user.userName },
      detail: `removed ${user.userName} (SCIM DELETE, HTTP 204)`,
    };
  });
}

/**
 * Every user and team through SCIM (`GET /scim/Users`, `/scim/Groups`, page by page), for a
 * directory the session could read only per team. A read, never audited.
 */
export function readDirectory(
  access: KeyAccess,
  ctx: Pick<AdminOrgContext, 'appOrigin'>,
): Promise<AdminKeyResult<ScimDirectoryRead>> {
  return access.keyedRead(ctx, async (scim) => {
    const [users, groups] = await Promise.all([scim.listAllUsers(), scim.listAllGroups()]);
    return { users, groups, readAt: access.now().toISOString() };
  });
}

/** The bar's SCIM figures: user and group totals (one-item pages) and `viewer`'s org role. A read. */
export function readCounts(
  access: KeyAccess,
  ctx: Pick<AdminOrgContext, 'appOrigin'>,
  viewer: string,
): Promise<AdminKeyResult<ScimCounts>> {
  return access.keyedRead(ctx, async (scim) => {
    const [users, groups, me] = await Promise.all([
      scim.listUsers({ count: 1 }),
      scim.listGroups({ count: 1 }),
      scim.listUsers({ filter: { userName: viewer }, count: 2 }),
    ]);
    const [only] = me.items;
    return {
      users: users.totalResults,
      groups: groups.totalResults,
      viewerOrgRole:
        me.items.length === 1 && only?.userName === viewer ? (only.organizationRole ?? null) : null,
      readAt: access.now().toISOString(),
    };
  });
}

export function listCustomRoles(
  access: KeyAccess,
  ctx: AdminOrgContext,
): Promise<AdminKeyResult<ScimRole[]>> {
  return access.keyedRead(ctx, (scim) => scim.listRoles());
}
