/** One admin request on one step of a case: checked, applied, saved and audited. */
import type { OffboardingActions } from '@/lib/offboarding/actions';
import type { OffboardingCase } from '@/lib/offboarding/model';
import {
  closeIfSettled,
  reviewStep,
  STEP_TITLES,
  skipStep,
  stepOf,
  whyNotActionable,
} from '@/lib/offboarding/steps';
import { BadRequest } from '../bad-request';
import type { OffboardingContext } from './context';
import { STEP_HANDLERS } from './steps';
import { acknowledgeRecheck } from './steps/recheck';
import { removeOrgStep } from './steps/remove-org';
import type { Place, StepAction } from './types';

/** The admin's own changes to the case (choices, review, skip, confirmation); none touches W&B. */
function applyLocal(ctx: OffboardingContext, c: OffboardingCase, request: StepAction): OffboardingCase {
  const { step } = request;
  switch (request.action) {
    case 'choose': {
      const entry = c.impact.soleAdminTeams.find((t) => t.team === request.team);
      if (!entry?.candidates.some((p) => p.username === request.to))
        throw new BadRequest(`${request.to} is not a member of ${request.team} who could be its admin.`);
      return {
        ...c,
        updatedAt: ctx.iso(),
        reassign: c.reassign.map((r) => (r.team === request.team ? { ...r, to: request.to } : r)),
      };
    }
    case 'review':
      return { ...c, updatedAt: ctx.iso(), reviewed: [...new Set(request.reviewed)] };
    case 'skip':
      if (step === 'remove-org' || step === 'remove-teams' || step === 'reassign')
        throw new BadRequest(`${STEP_TITLES[step]} cannot be skipped: later steps depend on it.`);
      return skipStep(c, step, `${request.reason} (by ${c.actor})`, ctx.iso());
    case 'confirm':
      return step === 'automation'
        ? reviewStep(
            c,
            step,
            `${c.actor} checked ${c.reviewed.length === 1 ? '1 item' : `${c.reviewed.length} items`}. W&B cannot show which key a run or pipeline used, so this is the admin’s confirmation, not a W&B check.`,
            ctx.iso(),
          )
        : reviewStep(c, step, `${c.actor} confirmed revoking them on W&B’s API keys page.`, ctx.iso());
    default:
      return c;
  }
}

/** The case after the request: org removal checked, a step run or verified against W&B, or a local change. */
async function applyRequest(
  ctx: OffboardingContext,
  c: OffboardingCase,
  actions: OffboardingActions,
  request: StepAction,
): Promise<OffboardingCase> {
  const { step } = request;
  if (request.action === 'prepare') return removeOrgStep.plan(ctx, c, actions);
  if (request.action !== 'run' && request.action !== 'verify') return applyLocal(ctx, c, request);
  const handler = STEP_HANDLERS[step];
  if (!handler) throw new BadRequest(`${STEP_TITLES[step]} has nothing to run.`);
  return request.action === 'run'
    ? handler.run(ctx, c, actions, request)
    : handler.verify(ctx, c, actions, request);
}

export async function actOnStep(
  ctx: OffboardingContext,
  caseId: string,
  place: Place,
  request: StepAction,
): Promise<OffboardingCase> {
  const c = await ctx.stored(caseId, place);
  const actions = await ctx.deps.actionsFor(c.appOrigin, c.org);
  const { step } = request;
  if (request.action === 'ack' && step === 'recheck') return acknowledgeRecheck(ctx, c);
  const why = whyNotActionable(c, step);
  if (why) throw new BadRequest(why);
  const before = stepOf(c, step).state;
  const saved = await ctx.save(closeIfSettled(await applyRequest(ctx, c, actions, request), ctx.iso()));
  const after = stepOf(saved, step);
  if (after.state !== before || after.state === 'todo' || after.state === 'blocked')
    if (request.action !== 'choose' && request.action !== 'review') await ctx.auditStep(saved, step);
  return saved;
}
