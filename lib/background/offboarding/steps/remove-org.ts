/** Remove from the organization: guarded on fresh data, confirmed by typing the username, read back. */

import { BadRequest } from '@/lib/background/bad-request';
import type { OffboardingActions } from '@/lib/offboarding/actions';
import { findMember, guardOrgRemoval, snapshotOf, soleAdminTeams } from '@/lib/offboarding/impact';
import type { OffboardingCase } from '@/lib/offboarding/model';
import { completeStep, failStep, updateStep } from '@/lib/offboarding/steps';
import type { Directory } from '@/lib/wandb/directory';
import type { OffboardingContext } from '../context';
import type { StepAction } from '../types';
import { reopenReassign } from './reassign';
import type { StepHandler } from './step';

/**
 * The fresh guard before cutting a member off (org removal or deactivation): another org admin
 * remains and no team is left without an admin. On failure `step` records why (and a new
 * sole-admin team reopens reassign).
 */
export function guardFresh(
  ctx: OffboardingContext,
  c: OffboardingCase,
  directory: Directory,
  actions: OffboardingActions,
  step: 'remove-org' | 'deactivate' = 'remove-org',
) {
  const username = c.impact.member.username;
  const verdict = guardOrgRemoval(directory, username);
  if (verdict.ok) return { ok: true as const, c };
  const sole = soleAdminTeams(directory, username);
  let next = c;
  if (sole.length > 0)
    for (const team of sole)
      next = reopenReassign(ctx, next, directory, team, actions, `W&B’s data changed: ${verdict.reason}`);
  else next = failStep(c, step, verdict.reason, ctx.iso());
  return { ok: false as const, c: next };
}

async function plan(
  ctx: OffboardingContext,
  c: OffboardingCase,
  actions: OffboardingActions,
): Promise<OffboardingCase> {
  const prepared = guardFresh(ctx, c, await ctx.freshDirectory(c.appOrigin, c.org), actions);
  return prepared.ok
    ? updateStep(
        c,
        'remove-org',
        {
          note: 'Checked against W&B just now: another org admin remains and no team is left without an admin.',
        },
        { result: 'info', detail: 'Org removal checked against fresh data: safe.' },
        ctx.iso(),
      )
    : prepared.c;
}

async function verify(ctx: OffboardingContext, c: OffboardingCase): Promise<OffboardingCase> {
  const directory = await ctx.freshDirectory(c.appOrigin, c.org);
  const member = findMember(directory, c.impact.member.username);
  if (member) {
    return {
      ...failStep(
        c,
        'remove-org',
        `W&B still lists ${c.impact.member.username} as a member of ${c.org}.`,
        ctx.iso(),
      ),
      after: snapshotOf(member, ctx.iso()),
    };
  }
  if (!directory.complete)
    return failStep(
      c,
      'remove-org',
      'W&B shows only your teams to this session, so absence from them does not prove removal from the organization.',
      ctx.iso(),
    );
  return {
    ...completeStep(
      c,
      'remove-org',
      `W&B no longer lists ${c.impact.member.username} in ${c.org}.`,
      ctx.iso(),
    ),
    after: 'removed',
  };
}

async function run(
  ctx: OffboardingContext,
  c: OffboardingCase,
  actions: OffboardingActions,
  request: StepAction,
): Promise<OffboardingCase> {
  if (!('confirm' in request) || request.confirm !== c.impact.member.username)
    throw new BadRequest(`Type ${c.impact.member.username} to confirm the removal.`);
  if (actions.capabilities.removeFromOrg === 'manual')
    throw new BadRequest(
      'Removal from the organization is a guided step with your session: use W&B’s Members page, then Verify.',
    );
  const directory = await ctx.freshDirectory(c.appOrigin, c.org);
  const prepared = guardFresh(ctx, c, directory, actions);
  if (!prepared.ok) return prepared.c;
  const member = findMember(directory, c.impact.member.username);
  const result = await actions.removeFromOrg({
    username: c.impact.member.username,
    userId: member?.id ?? c.impact.member.id,
    email: member?.email ?? c.impact.member.email,
  });
  const detail = result === 'unsupported' ? 'Not supported by this transport.' : result.detail;
  await ctx.audit(c, [
    {
      id: `${c.id}:remove-org:${ctx.deps.now()}`,
      action: 'remove-from-org',
      target: `${c.impact.member.username} → ${c.org}`,
      result: result !== 'unsupported' && result.ok ? 'ok' : 'error',
      detail,
    },
  ]);
  return result !== 'unsupported' && result.ok
    ? verify(ctx, c)
    : failStep(c, 'remove-org', detail, ctx.iso());
}

export const removeOrgStep = { plan, run, verify: (ctx, c) => verify(ctx, c) } satisfies StepHandler;
