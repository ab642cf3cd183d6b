/** Reassign team admin: make a chosen member admin of every team the member is the only admin of. */

import { BadRequest } from '@/lib/background/bad-request';
import type { OffboardingActions } from '@/lib/offboarding/actions';
import { adminCandidates } from '@/lib/offboarding/impact';
import type { OffboardingCase } from '@/lib/offboarding/model';
import { addSoleAdminTeam, completeStep, failStep } from '@/lib/offboarding/steps';
import type { Directory } from '@/lib/wandb/directory';
import type { OffboardingContext } from '../context';
import type { StepHandler } from './step';

async function verify(ctx: OffboardingContext, c: OffboardingCase): Promise<OffboardingCase> {
  const missing: string[] = [];
  const found: string[] = [];
  for (const entry of c.reassign) {
    const rows = await ctx.freshTeam(c.appOrigin, entry.team);
    const username = c.impact.member.username;
    const admins = (rows ?? []).filter(
      (row) => !row.pending && row.role === 'admin' && row.username !== username,
    );
    if (admins.length > 0) found.push(`${entry.team}: ${admins.map((row) => row.username).join(', ')} admin`);
    else missing.push(entry.team);
  }
  const now = ctx.iso();
  if (missing.length > 0)
    return failStep(c, 'reassign', `W&B still shows no other admin of ${missing.join(', ')}.`, now);
  return completeStep(c, 'reassign', `W&B shows ${found.join('; ')}.`, now);
}

async function run(
  ctx: OffboardingContext,
  c: OffboardingCase,
  actions: OffboardingActions,
): Promise<OffboardingCase> {
  if (actions.capabilities.promoteTeamAdmin === 'manual')
    throw new BadRequest(
      'Making a member team admin is a guided step with your session: do it on the team page, then Verify.',
    );
  for (const entry of c.reassign) {
    if (!entry.to) throw new BadRequest(`Choose the new admin of ${entry.team} first.`);
    const result = await actions.promoteTeamAdmin({ team: entry.team, username: entry.to });
    if (result === 'unsupported' || !result.ok)
      return failStep(
        c,
        'reassign',
        result === 'unsupported' ? 'Not supported by this transport.' : result.detail,
        ctx.iso(),
      );
    await ctx.audit(c, [
      {
        id: `${c.id}:promote:${entry.team}:${ctx.deps.now()}`,
        action: 'change-role',
        target: `${entry.to} → ${entry.team} (admin)`,
        result: 'ok',
        detail: result.detail,
      },
    ]);
  }
  return verify(ctx, c);
}

export const reassignStep: StepHandler = {
  run: (ctx, c, actions) => run(ctx, c, actions),
  verify: (ctx, c) => verify(ctx, c),
};

/** Reopens reassignment for a team W&B now shows the member as the only admin of; later steps wait for it. */
export function reopenReassign(
  ctx: OffboardingContext,
  c: OffboardingCase,
  directory: Directory,
  team: string,
  actions: OffboardingActions,
  note: string,
): OffboardingCase {
  return addSoleAdminTeam(
    c,
    team,
    adminCandidates(directory, team, c.impact.member.username),
    actions.capabilities.promoteTeamAdmin === 'manual' ? 'guided' : 'automated',
    note,
    ctx.iso(),
  );
}
