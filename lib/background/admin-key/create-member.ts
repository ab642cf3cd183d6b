/**
 * Bulk invite's SCIM transport (issue #15: the org role at invite): a new person whose row asks
 * for an org role only the admin key can give is created through SCIM (API.md §3 Users) instead of
 * being invited team by team:
 *
 * 1. `POST /scim/Users` with `userName`, the primary email and, on Multi-tenant, the teams
 *    extension with the row's teams (API.md: "On Multi-tenant, add extension … {teams:[...]}");
 *    on a dedicated or self-managed host, the teams are joined with `PATCH /scim/Groups/{id}`
 *    (add members), as the teams extension is documented for Multi-tenant only;
 * 2. for a team-admin row, `PATCH` replace `teamRoles` with admin in those teams;
 * 3. `PATCH` replace `organizationRole`.
 *
 * Exactly once: the creation is the only request that is not idempotent. The job saves its unit as
 * `sending` before it, and settles a lost answer with `findMember`, which re-reads SCIM by email
 * and completes steps 1–3 with replace/add PATCHes — it never POSTs. A step after the creation that
 * W&B refuses does not undo or repeat the creation: it becomes the unit's note.
 *
 * The job writes the audit entry for each unit (lib/background/invite-jobs.ts), so these writes
 * are not audited here (`auditedBy: 'caller'`).
 */
import { isMultiTenant } from '@/lib/wandb/client';
import { isWandbError, WandbError } from '@/lib/wandb/errors';
import type { ScimClient, ScimUser } from '@/lib/wandb/scim';
import type { KeyAccess } from './access';
import type { AdminKeyResult, AdminOrgContext, ScimMemberInput, ScimMemberResult } from './types';

export type { ScimMemberInput, ScimMemberResult };

/**
 * The `userName` W&B's SCIM POST requires, made from the email's local part: letters, digits,
 * `.`, `_` and `-`, starting with a letter or digit (what W&B's own usernames use).
 */
export function userNameFor(email: string): string {
  const local = email.slice(0, Math.max(0, email.lastIndexOf('@'))).toLowerCase();
  const cleaned = local.replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+/, '');
  return cleaned.slice(0, 64) || 'user';
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Joins the user to the teams they are not in yet (Groups PATCH add); the teams it could not join, with W&B's words. */
async function joinTeams(scim: ScimClient, user: ScimUser, teams: readonly string[]): Promise<string[]> {
  const inTeams = new Set((user.teamRoles ?? []).map((role) => role.teamName));
  const problems: string[] = [];
  for (const team of teams) {
    if (inTeams.has(team)) continue;
    try {
      const page = await scim.listGroups({ displayName: team });
      const group = page.items.find((g) => g.displayName === team);
      if (!group) {
        problems.push(`not added to ${team}: SCIM lists no such team`);
        continue;
      }
      await scim.addGroupMembers(group.id, [user.id]);
    } catch (error) {
      problems.push(`not added to ${team}: ${messageOf(error)}`);
    }
  }
  return problems;
}

/**
 * Brings a created user to what the row asked for, with idempotent requests only (add to a team,
 * replace team roles, replace the org role), skipping what SCIM already shows. Never throws: what
 * W&B refused is returned as the note.
 */
async function complete(scim: ScimClient, user: ScimUser, input: ScimMemberInput): Promise<ScimMemberResult> {
  const problems = await joinTeams(scim, user, input.teams);
  if (input.teamAdmin) {
    const admins = new Set(
      (user.teamRoles ?? []).filter((role) => role.roleName === 'admin').map((role) => role.teamName),
    );
    const missing = input.teams.filter((team) => !admins.has(team));
    if (missing.length > 0)
      try {
        await scim.setTeamRoles(
          user.id,
          missing.map((teamName) => ({ teamName, roleName: 'admin' })),
        );
      } catch (error) {
        problems.push(`team admin not set in ${missing.join(', ')}: ${messageOf(error)}`);
      }
  }
  if (user.organizationRole !== input.orgRole)
    try {
      await scim.setOrgRole(user.id, input.orgRole);
    } catch (error) {
      problems.push(`org role ${input.orgRole} not set: ${messageOf(error)}`);
    }
  const done = `Created through SCIM with the admin key (user ${user.id})`;
  return {
    id: user.id,
    note:
      problems.length === 0
        ? `${done}, org role ${input.orgRole}.`
        : `${done}, but ${problems.join('; ')}. Finish it on W&B's Members page.`,
  };
}

/**
 * Creates the person (one POST), then completes their teams and roles. A 409 is told apart: the
 * email already has a user in the organization (an answer matching the job's "already" rule, so a
 * retry after a lost answer is settled by `findMember`), or the username made from the email is
 * taken by someone else (a failure the admin must resolve; nothing was created).
 */
export function createMember(
  access: KeyAccess,
  ctx: AdminOrgContext,
  input: ScimMemberInput,
): Promise<AdminKeyResult<ScimMemberResult>> {
  const userName = userNameFor(input.email);
  return access.keyedWrite(
    { ...ctx, auditedBy: 'caller' },
    { action: 'invite', target: `${input.email} → ${input.teams.join('; ')} (SCIM)` },
    async (scim) => {
      let created: ScimUser;
      try {
        created = (
          await scim.createUser({
            userName,
            email: input.email,
            teams: isMultiTenant(ctx.appOrigin) ? input.teams : [],
          })
        ).resource;
      } catch (error) {
        if (!isWandbError(error, 'conflict')) throw error;
        const existing = await scim.findUser(input.email);
        throw new WandbError({
          kind: 'conflict',
          status: 409,
          message: existing
            ? `${input.email} already exists in this organization (SCIM user ${existing.id}): not created again.`
            : `W&B refused the username "${userName}" made from ${input.email}: another user has it (HTTP 409). Nothing was created; invite this row without the org role, or create the user on W&B.`,
        });
      }
      const result = await complete(scim, created, input);
      return { data: result, detail: result.note };
    },
  );
}

/**
 * The person's SCIM user when the email has one (after a lost answer to the creation), with their
 * teams and roles completed as `createMember` would; null when SCIM lists nobody (then nothing
 * was created, and the job may send the creation).
 */
export function findMember(
  access: KeyAccess,
  ctx: AdminOrgContext,
  input: ScimMemberInput,
): Promise<AdminKeyResult<ScimMemberResult | null>> {
  return access.keyedWrite(
    { ...ctx, auditedBy: 'caller' },
    { action: 'invite', target: `${input.email} → ${input.teams.join('; ')} (SCIM)` },
    async (scim) => {
      const user = await scim.findUser(input.email);
      if (!user) return { data: null, detail: 'not found' };
      const result = await complete(scim, user, input);
      return { data: result, detail: result.note };
    },
  );
}
