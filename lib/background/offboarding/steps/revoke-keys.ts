/** Revoke their API keys: the admin revokes them on W&B's page; this reads W&B's list back. */
import type { OffboardingCase } from '@/lib/offboarding/model';
import { readApiKeys } from '@/lib/offboarding/reads';
import { completeStep, failStep } from '@/lib/offboarding/steps';
import type { OffboardingContext } from '../context';
import type { StepHandler } from './step';

async function verify(ctx: OffboardingContext, c: OffboardingCase): Promise<OffboardingCase> {
  const keys = await readApiKeys((await ctx.deps.clientFor(c.appOrigin)).transport, c.impact.member.username);
  if (keys.status === 'unreadable')
    return failStep(c, 'revoke-keys', `Cannot be verified: ${keys.reason}`, ctx.iso());
  if (keys.items.length > 0)
    return failStep(
      c,
      'revoke-keys',
      `W&B still lists keys: ${keys.items.map((k) => k.name).join(', ')}.`,
      ctx.iso(),
    );
  return completeStep(c, 'revoke-keys', 'W&B lists no API key of theirs.', ctx.iso());
}

/** Nothing to change from here: running the step reads W&B back, as verifying does. */
export const revokeKeysStep: StepHandler = {
  run: (ctx, c) => verify(ctx, c),
  verify: (ctx, c) => verify(ctx, c),
};
