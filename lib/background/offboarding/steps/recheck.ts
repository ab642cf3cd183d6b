/**
 * Schedule a re-check: a browser alarm that reads W&B again later (SSO or domain capture may add
 * the member back) and points the action badge at the result; kept alive across browser restarts.
 */

import { BadRequest } from '@/lib/background/bad-request';
import type { OffboardingCase } from '@/lib/offboarding/model';
import { completeStep, failStep } from '@/lib/offboarding/steps';
import type { Directory } from '@/lib/wandb/directory';
import type { OffboardingContext } from '../context';
import type { StepAction } from '../types';
import type { StepHandler } from './step';

export const RECHECK_ALARM_PREFIX = 'offboard-recheck:';
export const DEFAULT_RECHECK_DAYS = 30;
const DAY_MS = 86_400_000;

/** A case id's alarm name, and back. */
export function recheckAlarmName(caseId: string): string {
  return `${RECHECK_ALARM_PREFIX}${caseId}`;
}

async function schedule(
  ctx: OffboardingContext,
  c: OffboardingCase,
  request: StepAction,
): Promise<OffboardingCase> {
  const days = 'days' in request ? request.days : DEFAULT_RECHECK_DAYS;
  const when = ctx.deps.now() + days * DAY_MS;
  await ctx.deps.alarms.create(recheckAlarmName(c.id), when);
  const alarm = await ctx.deps.alarms.get(recheckAlarmName(c.id));
  if (!alarm) return failStep(c, 'recheck', 'The browser did not keep the alarm.', ctx.iso());
  const dueAt = new Date(alarm.scheduledTime).toISOString();
  return {
    ...completeStep(
      c,
      'recheck',
      `Re-check scheduled for ${dueAt.slice(0, 10)}: the toolkit reads W&B again and shows a badge.`,
      ctx.iso(),
    ),
    recheck: { dueAt, seen: false },
  };
}

/** Running and verifying both (re)schedule the alarm and read it back from the browser. */
export const recheckStep: StepHandler = {
  run: (ctx, c, _actions, request) => schedule(ctx, c, request),
  verify: (ctx, c, _actions, request) => schedule(ctx, c, request),
};

/** Shows the badge for re-check results not yet seen, naming who is back; clears it when none. */
export async function updateBadge(ctx: OffboardingContext): Promise<void> {
  const due = Object.values(await ctx.readAll()).filter((c) => c.recheck?.result && !c.recheck.seen);
  const back = due.filter((c) => c.recheck?.result === 'back');
  await ctx.deps.setBadge(
    due.length,
    due.length === 0
      ? ''
      : back.length > 0
        ? `Offboarding re-check: ${back.map((c) => c.impact.member.username).join(', ')} back in W&B — click to open the case`
        : 'Offboarding re-check done — click to see the result',
  );
}

/** The admin has seen the re-check result: the badge stops pointing at it. */
export async function acknowledgeRecheck(
  ctx: OffboardingContext,
  c: OffboardingCase,
): Promise<OffboardingCase> {
  if (!c.recheck) throw new BadRequest('No re-check has run for this case.');
  const saved = await ctx.save({ ...c, recheck: { ...c.recheck, seen: true } });
  await updateBadge(ctx);
  return saved;
}

/** The re-check alarm fired: read W&B again and point the badge at the case. */
export async function runRecheck(ctx: OffboardingContext, caseId: string): Promise<void> {
  const c = (await ctx.readAll())[caseId];
  if (!c) return;
  const username = c.impact.member.username;
  const email = c.impact.member.email?.toLowerCase() ?? null;
  let directory: Directory;
  try {
    directory = await ctx.freshDirectory(c.appOrigin, c.org);
  } catch (error) {
    // Signed out, offline: try again in an hour rather than report a result never read.
    await ctx.deps.alarms.create(recheckAlarmName(caseId), ctx.deps.now() + 3_600_000);
    await ctx.save({
      ...c,
      events: [
        ...c.events,
        {
          at: ctx.iso(),
          step: 'recheck',
          result: 'error',
          detail: `Re-check could not read W&B (${error instanceof Error ? error.message : String(error)}); retrying in an hour.`,
        },
      ],
    });
    return;
  }
  const back =
    directory.members.some(
      (m) => m.username === username || (email !== null && m.email?.toLowerCase() === email),
    ) ||
    (email !== null && directory.invites.some((i) => i.email.toLowerCase() === email));
  const now = ctx.iso();
  await ctx.save({
    ...c,
    updatedAt: now,
    recheck: {
      dueAt: c.recheck?.dueAt ?? now,
      firedAt: now,
      result: back ? 'back' : 'clear',
      seen: false,
    },
    events: [
      ...c.events,
      {
        at: now,
        step: 'recheck',
        result: back ? 'error' : 'ok',
        detail: back
          ? `Re-check: ${username} is back in ${c.org} (a member or a pending invite) — SSO or domain capture may have added them.`
          : `Re-check: ${username} is not in ${c.org}.`,
      },
    ],
  });
  await updateBadge(ctx);
}

/**
 * On worker start: re-creates any re-check alarm the browser dropped (Chrome may clear alarms
 * on restart) and restores the badge, which does not survive a browser restart.
 */
export async function restoreRechecks(ctx: OffboardingContext): Promise<void> {
  for (const c of Object.values(await ctx.readAll())) {
    if (!c.recheck || c.recheck.firedAt) continue;
    const name = recheckAlarmName(c.id);
    if (await ctx.deps.alarms.get(name)) continue;
    await ctx.deps.alarms.create(name, Math.max(Date.parse(c.recheck.dueAt), ctx.deps.now() + 60_000));
  }
  await updateBadge(ctx);
}
