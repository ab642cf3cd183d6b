/**
 * Deactivate their account: ends access while keeping the member, on dedicated and self-managed
 * hosts (SCIM `PATCH active: false` with the admin key, API.md §3; by hand on the organization
 * dashboard without it). Guarded on fresh data like org removal, and settled only from what W&B
 * shows afterwards: SCIM's `active` with the key, else the directory's deactivation date.
 */

import { BadRequest } from '@/lib/background/bad-request';
import type { OffboardingActions } from '@/lib/offboarding/actions';
import { findMember } from '@/lib/offboarding/impact';
import type { OffboardingCase } from '@/lib/offboarding/model';
import { completeStep, failStep } from '@/lib/offboarding/steps';
import type { OffboardingContext } from '../context';
import { guardFresh } from './remove-org';
import type { StepHandler } from './step';

async function verify(
  ctx: OffboardingContext,
  c: OffboardingCase,
  actions: OffboardingActions,
): Promise<OffboardingCase> {
  const username = c.impact.member.username;
  const byKey = await actions.isDeactivated({ username });
  if (byKey === true)
    return completeStep(c, 'deactivate', `W&B (SCIM) shows ${username} deactivated.`, ctx.iso());
  if (byKey === false)
    return failStep(c, 'deactivate', `W&B (SCIM) still shows ${username} active.`, ctx.iso());
  const directory = await ctx.freshDirectory(c.appOrigin, c.org);
  const member = findMember(directory, username);
  if (!member)
    return failStep(
      c,
      'deactivate',
      `W&B no longer lists ${username} in ${c.org}, so there is nothing to deactivate: skip this step and go on with the removal steps.`,
      ctx.iso(),
    );
  if (member.status === 'deactivated')
    return completeStep(c, 'deactivate', `W&B's directory shows ${username} deactivated.`, ctx.iso());
  if (!directory.complete)
    return failStep(
      c,
      'deactivate',
      'W&B shows this session only the member lists of your teams, which do not say whether an account is deactivated. Add an admin key to check it, or skip this step with a note.',
      ctx.iso(),
    );
  return failStep(c, 'deactivate', `W&B's directory still shows ${username} active.`, ctx.iso());
}

async function run(
  ctx: OffboardingContext,
  c: OffboardingCase,
  actions: OffboardingActions,
): Promise<OffboardingCase> {
  if (actions.capabilities.deactivate !== 'key')
    throw new BadRequest(
      actions.capabilities.deactivate === 'manual'
        ? 'Deactivation is a guided step with your session: deactivate the user on W&B’s organization dashboard, then Verify.'
        : 'W&B offers no deactivation that keeps the member on wandb.ai.',
    );
  const prepared = guardFresh(ctx, c, await ctx.freshDirectory(c.appOrigin, c.org), actions, 'deactivate');
  if (!prepared.ok) return prepared.c;
  const username = c.impact.member.username;
  const result = await actions.deactivate({ username });
  const detail = result === 'unsupported' ? 'Not supported by this transport.' : result.detail;
  const ok = result !== 'unsupported' && result.ok;
  await ctx.audit(c, [
    {
      id: `${c.id}:deactivate:${ctx.deps.now()}`,
      action: 'deactivate',
      target: `${username} → ${c.org}`,
      result: ok ? 'ok' : 'error',
      detail,
    },
  ]);
  return ok ? verify(ctx, c, actions) : failStep(c, 'deactivate', detail, ctx.iso());
}

export const deactivateStep = { run, verify } satisfies StepHandler;
