/**
 * How a bulk-invite job's units reach W&B: a team invite (`createInvite`) with the browser
 * session, or, for a row created through SCIM, the admin key's `createMember`
 * (./admin-key/create-member.ts); and how an in-flight unit is looked up again after a lost answer.
 */
import type { InviteJob, Sent } from '../invite/job';
import type { WandbClient } from '../wandb/client';
import { isWandbError, notSignedInError, WandbError } from '../wandb/errors';
import { VIEWER_QUERY } from '../wandb/operations';
import { viewerDataSchema } from '../wandb/schemas';
import type { AdminKeyService } from './admin-key';
import type { ScimMemberInput } from './admin-key/create-member';

/** The admin key's part of a job: SCIM creations, and whether the key still works for the host. */
export type InviteKeyTransport = Pick<AdminKeyService, 'createMember' | 'findMember' | 'keyStatusFor'>;

/**
 * W&B answers a write from a session that has gone (all browser windows closed, say) with
 * "permission denied", as it does for a non-admin. The viewer query tells the two apart, so such a
 * job pauses with "sign in to W&B again" instead of failing its rows.
 */
async function signedOutOr(client: WandbClient, error: unknown): Promise<unknown> {
  if (!isWandbError(error, 'not-admin')) return error;
  try {
    const { viewer } = await client.transport.request(VIEWER_QUERY, {}, viewerDataSchema);
    return viewer ? error : notSignedInError();
  } catch (viewerError) {
    return isWandbError(viewerError, 'not-signed-in') ? viewerError : error;
  }
}

/** Whether W&B already shows the unit's invite (or the person as a member): the unit then counts as sent. */
async function pendingInviteOf(client: WandbClient, org: string, unit: InviteJob['units'][number]) {
  const team = await client.directory.loadDirectory({ kind: 'team', team: unit.team, org });
  const email = unit.email.toLowerCase();
  const invite = team.invites.find((i) => i.email.toLowerCase() === email);
  if (invite?.id) return { inviteId: invite.id };
  const member = team.members.find((m) => m.email?.toLowerCase() === email);
  return member ? { inviteId: member.id ?? 'member' } : null;
}

type Unit = InviteJob['units'][number];

const scimInputOf = (unit: Unit): ScimMemberInput => ({
  email: unit.email,
  teams: unit.teams ?? [],
  teamAdmin: unit.admin,
  orgRole: unit.orgRole ?? 'member',
});

/** How a job's units reach W&B: a team invite with the session, or a SCIM creation with the admin key. */
export function transportFor(
  client: WandbClient,
  keys: InviteKeyTransport | undefined,
  ctx: { appOrigin: string; org: string },
) {
  return {
    async send(unit: Unit): Promise<Sent> {
      if (unit.via === 'scim') {
        if (!keys)
          throw new WandbError({
            kind: 'no-key',
            message: 'This row needs the admin key, which this job cannot reach.',
          });
        // A creation whose answer was lost is looked up first: found, it is not sent again.
        if (unit.uncertain) {
          const found = await keys.findMember(ctx, scimInputOf(unit));
          if (!found.ok) throw new WandbError(found.error);
          if (found.data) return { inviteId: found.data.id, note: found.data.note };
        }
        const created = await keys.createMember(ctx, scimInputOf(unit));
        if (!created.ok) throw new WandbError(created.error);
        return { inviteId: created.data.id, note: created.data.note };
      }
      try {
        const invite = await client.createInvite({
          team: unit.team,
          emailOrUsername: unit.email,
          admin: unit.admin,
        });
        return { inviteId: invite.id };
      } catch (error) {
        throw await signedOutOr(client, error);
      }
    },
    async findPendingInvite(unit: Unit): Promise<Sent | null> {
      if (unit.via !== 'scim') return pendingInviteOf(client, ctx.org, unit);
      if (!keys)
        throw new WandbError({
          kind: 'no-key',
          message: 'This row needs the admin key, which this job cannot reach.',
        });
      const found = await keys.findMember(ctx, scimInputOf(unit));
      if (!found.ok) throw new WandbError(found.error);
      return found.data ? { inviteId: found.data.id, note: found.data.note } : null;
    },
  };
}
