/**
 * How a bulk-invite job's units reach W&B: a team invite (`createInvite`) with the browser
 * session, or, for a row created through SCIM, the admin key's `createMember`
 * (./admin-key/create-member.ts); and how an in-flight unit is looked up again after a lost answer.
 */
import { type InviteJob, NO_LONGER_PENDING, type Sent } from '../invite/job';
import type { WandbClient } from '../wandb/client';
import { isWandbError, notSignedInError, WandbError } from '../wandb/errors';
import { isRetryable } from '../wandb/graphql';
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

const NO_KEY = () =>
  new WandbError({ kind: 'no-key', message: 'This row needs the admin key, which this job cannot reach.' });

/** Whether W&B still lists the unit's invite as pending in its team (a cancellation's target). */
async function stillPending(client: WandbClient, org: string, unit: Unit): Promise<boolean> {
  const team = await client.directory.loadDirectory({ kind: 'team', team: unit.team, org });
  return team.invites.some((invite) => invite.id === unit.inviteId);
}

/**
 * A cancellation (a job of kind `cancel-invites`): one `deleteInvite`. After a lost answer the
 * team is read first, and an invite W&B no longer lists is not sent again. When W&B does not
 * confirm, the team is read to tell "already gone" (an "already" answer: skipped) from a failure.
 */
async function sendCancel(client: WandbClient, org: string, unit: Unit): Promise<Sent> {
  const id = unit.inviteId ?? '';
  if (unit.uncertain && !(await stillPending(client, org, unit)))
    return { inviteId: id, note: 'W&B no longer lists it (read again after an unanswered request).' };
  let refusal: unknown = null;
  try {
    if ((await client.deleteInvite({ id, team: unit.team })).success) return { inviteId: id };
  } catch (error) {
    refusal = await signedOutOr(client, error);
    // Retried by the job (a lost answer is read again first), or waits for sign-in.
    if (isRetryable(refusal) || isWandbError(refusal, 'not-signed-in')) throw refusal;
  }
  // Refused or not confirmed: W&B's answer stands unless the invite is gone (accepted or cancelled meanwhile).
  if (!(await stillPending(client, org, unit)))
    throw new WandbError({ kind: 'not-found', message: NO_LONGER_PENDING });
  throw (
    refusal ??
    new WandbError({
      kind: 'invalid-request',
      message: 'W&B did not confirm the cancellation; the invite is still pending.',
    })
  );
}

/**
 * How a job's units reach W&B: a team invite with the session, a SCIM creation with the admin key,
 * or (a job of kind `cancel-invites`) a cancellation; and how each is looked up after a lost answer.
 */
export function transportFor(
  client: WandbClient,
  keys: InviteKeyTransport | undefined,
  ctx: { appOrigin: string; org: string; kind?: InviteJob['kind'] },
) {
  const cancelling = ctx.kind === 'cancel-invites';
  return {
    async send(unit: Unit): Promise<Sent> {
      if (cancelling) return sendCancel(client, ctx.org, unit);
      if (unit.via === 'scim') {
        if (!keys) throw NO_KEY();
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
      if (cancelling)
        return (await stillPending(client, ctx.org, unit))
          ? null
          : {
              inviteId: unit.inviteId ?? '',
              note: 'W&B no longer lists it (read again after an unanswered request).',
            };
      if (unit.via !== 'scim') return pendingInviteOf(client, ctx.org, unit);
      if (!keys) throw NO_KEY();
      const found = await keys.findMember(ctx, scimInputOf(unit));
      if (!found.ok) throw new WandbError(found.error);
      return found.data ? { inviteId: found.data.id, note: found.data.note } : null;
    },
  };
}
