/** Reclaim the seat: follows from the removal; this reads W&B's seat counts back. */
import { findMember } from '@/lib/offboarding/impact';
import type { OffboardingCase } from '@/lib/offboarding/model';
import { completeStep, failStep } from '@/lib/offboarding/steps';
import type { OffboardingContext } from '../context';
import type { StepHandler } from './step';

async function verify(ctx: OffboardingContext, c: OffboardingCase): Promise<OffboardingCase> {
  const directory = await ctx.freshDirectory(c.appOrigin, c.org);
  const member = findMember(directory, c.impact.member.username);
  if (member)
    return failStep(
      c,
      'reclaim-seat',
      `W&B still shows them holding a ${member.modelsSeat ?? 'Models'} seat.`,
      ctx.iso(),
    );
  const seats = directory.seats;
  return completeStep(
    c,
    'reclaim-seat',
    seats
      ? `Their ${c.impact.member.modelsSeat ?? ''} seat is free: Models seats now ${seats.modelsFullUsed}/${seats.modelsFullTotal} full, ${seats.modelsViewerUsed}/${seats.modelsViewerTotal} viewer.`.replace(
          '  ',
          ' ',
        )
      : 'They no longer hold a seat (W&B does not report seat counts to this session).',
    ctx.iso(),
  );
}

/** Nothing to change from here: running the step reads W&B back, as verifying does. */
export const reclaimSeatStep: StepHandler = {
  run: (ctx, c) => verify(ctx, c),
  verify: (ctx, c) => verify(ctx, c),
};
