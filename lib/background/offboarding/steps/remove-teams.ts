/** Remove from each team: every team W&B shows the member in now, each guarded and read back. */
import { readAuditLog } from '@/lib/audit/writer';
import { BadRequest } from '@/lib/background/bad-request';
import type { OffboardingActions } from '@/lib/offboarding/actions';
import { findMember, guardTeamRemoval, soleAdminTeams } from '@/lib/offboarding/impact';
import { markRemovalSending, settledLostRemovals } from '@/lib/offboarding/in-flight';
import type { OffboardingCase } from '@/lib/offboarding/model';
import { completeStep, failStep } from '@/lib/offboarding/steps';
import type { OffboardingContext } from '../context';
import { reopenReassign } from './reassign';
import type { StepHandler } from './step';

/** With `send`, removes the member from each team; without, only checks that W&B shows them in none. */
async function removeTeams(
  ctx: OffboardingContext,
  c: OffboardingCase,
  actions: OffboardingActions,
  send: boolean,
): Promise<OffboardingCase> {
  const username = c.impact.member.username;
  const directory = await ctx.freshDirectory(c.appOrigin, c.org);
  const member = findMember(directory, username);
  const teams = member ? member.teams.map((t) => t.team) : [];
  // A removal whose answer was lost (the worker stopped mid-send) is audited once W&B shows it done.
  await ctx.audit(c, settledLostRemovals(c, teams, await readAuditLog()));
  const sole = soleAdminTeams(directory, username);
  if (sole.length > 0) {
    let next = c;
    for (const team of sole)
      next = reopenReassign(
        ctx,
        next,
        directory,
        team,
        actions,
        `W&B’s data changed since the impact was read: ${username} is now the only admin of ${team}. Nothing was removed; reassign first.`,
      );
    return next;
  }
  const results: string[] = [];
  for (const team of teams) {
    const rows = await ctx.freshTeam(c.appOrigin, team);
    const row = rows?.find((entry) => entry.username === username && !entry.pending);
    if (!rows || !row) continue;
    if (!send) return failStep(c, 'remove-teams', `W&B still shows ${username} in ${team}.`, ctx.iso());
    const verdict = guardTeamRemoval(rows, team, username);
    if (!verdict.ok)
      return reopenReassign(ctx, c, directory, team, actions, `${verdict.reason} Nothing more was removed.`);
    if (!row.id)
      return failStep(c, 'remove-teams', `W&B gave no membership id for ${username} in ${team}.`, ctx.iso());
    c = await ctx.save(markRemovalSending(c, team, ctx.iso()));
    const result = await actions.removeFromTeam({ team, username, membershipId: row.id });
    const detail = result === 'unsupported' ? 'Not supported by this transport.' : result.detail;
    await ctx.audit(c, [
      {
        id: `${c.id}:remove-team:${team}:${ctx.deps.now()}`,
        action: 'remove-from-team',
        target: `${username} → ${team}`,
        result: result !== 'unsupported' && result.ok ? 'ok' : 'error',
        detail,
      },
    ]);
    if (result === 'unsupported' || !result.ok)
      return failStep(c, 'remove-teams', `${team}: ${detail}`, ctx.iso());
    const after = await ctx.freshTeam(c.appOrigin, team);
    if (after?.some((entry) => entry.username === username && !entry.pending))
      return failStep(
        c,
        'remove-teams',
        `W&B answered for ${team} but still lists ${username} there.`,
        ctx.iso(),
      );
    results.push(team);
  }
  return completeStep(
    c,
    'remove-teams',
    results.length > 0
      ? `Removed from ${results.join(', ')}; W&B now shows them in no team.`
      : 'W&B shows them in no team.',
    ctx.iso(),
  );
}

export const removeTeamsStep: StepHandler = {
  async run(ctx, c, actions) {
    if (actions.capabilities.removeFromTeam === 'manual')
      throw new BadRequest('Team removal is a guided step with this transport.');
    return removeTeams(ctx, c, actions, true);
  },
  verify: (ctx, c, actions) => removeTeams(ctx, c, actions, false),
};
