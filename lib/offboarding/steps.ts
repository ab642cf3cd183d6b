/**
 * The checklist's steps: which are automated and which guided (from the transport's
 * capabilities), their order and dependencies, and the pure state transitions. A step becomes
 * `done` only through `completeStep`, which the background calls after W&B's own state was read
 * back and matched (or, for the local snapshot and alarm steps, after the extension's own state
 * was).
 */
import type { CaseEvent, Impact, OffboardingCapabilities, OffboardingCase, Step, StepId } from './model';

/** What each step is called in the checklist and the record. */
export const STEP_TITLES: Record<StepId, string> = {
  snapshot: 'Record a snapshot',
  reassign: 'Reassign team admin',
  deactivate: 'Deactivate their account',
  automation: 'Identify and rotate automation using their key',
  'remove-teams': 'Remove from each team',
  'remove-org': 'Remove from the organization',
  'revoke-keys': 'Revoke their API keys',
  'reclaim-seat': 'Reclaim the seat',
  recheck: 'Schedule a re-check',
};

/** Steps that must be done or skipped before a step may run (the checklist's order where it matters). */
const DEPENDS_ON: Record<StepId, StepId[]> = {
  snapshot: [],
  reassign: ['snapshot'],
  // A deactivated sole team admin would leave the team with no active admin.
  deactivate: ['snapshot', 'reassign'],
  automation: ['snapshot'],
  'remove-teams': ['snapshot', 'reassign'],
  'remove-org': ['snapshot', 'reassign', 'deactivate', 'remove-teams'],
  'revoke-keys': ['snapshot'],
  'reclaim-seat': ['remove-org'],
  recheck: ['remove-org'],
};

/** The explanation shown on a step whose dependencies are not settled. */
const WAITS_FOR: Partial<Record<StepId, string>> = {
  deactivate: 'Waits until every team they are the only admin of has another admin.',
  'remove-teams': 'Blocked until every team they are the only admin of has another admin.',
  'remove-org': 'Blocked until the steps above are done (deactivate: done or skipped).',
  'reclaim-seat': 'Waits for the removal from the organization.',
  recheck: 'Waits for the removal from the organization.',
};

export const LAST_ADMIN_REASON =
  'Refused: this member is the last org admin. W&B requires at least one org admin, and the toolkit never removes the last one. Make another member an org admin on the Members page first, then open a new case.';

/** How each state reads in the checklist and the record. */
export const STATE_LABELS: Record<Step['state'], string> = {
  todo: 'To do',
  done: 'Done',
  reviewed: 'Reviewed by admin',
  skipped: 'Skipped',
  blocked: 'Blocked',
};

/** The case's status in words: what is left, or that it is closed and its record final. */
export function caseStatusText(c: Pick<OffboardingCase, 'status' | 'steps'>): string {
  const settled = c.steps.filter(isSettled).length;
  if (c.status === 'closed')
    return settled === c.steps.length
      ? 'closed, every step settled; this record is final'
      : `closed by the admin with ${settled} of ${c.steps.length} steps settled; this record is final`;
  return `open, ${settled} of ${c.steps.length} steps settled`;
}

/** Whether a step is settled (nothing left to do). */
export function isSettled(step: Pick<Step, 'state'>): boolean {
  return step.state === 'done' || step.state === 'reviewed' || step.state === 'skipped';
}

/** Why there is no deactivation on wandb.ai, said on the skipped step (one line, issue 13). */
export const NO_DEACTIVATION_REASON =
  'wandb.ai has no deactivation that keeps the member (SCIM active: false removes the user there), so access ends at “Remove from the organization”.';

/** Deactivation: automated with the admin key, guided on the organization dashboard, or not offered (wandb.ai). */
function deactivateStep(impact: Impact, caps: OffboardingCapabilities, now: string): Step {
  if (caps.deactivate === 'unavailable')
    return { id: 'deactivate', mode: 'local', state: 'skipped', note: NO_DEACTIVATION_REASON, at: now };
  const mode = caps.deactivate === 'key' ? 'automated' : 'guided';
  return impact.lastOrgAdmin
    ? { id: 'deactivate', mode, state: 'blocked', note: LAST_ADMIN_REASON }
    : { id: 'deactivate', mode, state: 'todo' };
}

/** The steps of a new case, planned from the impact and what the transport can do. */
export function planSteps(impact: Impact, caps: OffboardingCapabilities, now: string): Step[] {
  const steps: Step[] = [
    {
      id: 'snapshot',
      mode: 'local',
      state: 'done',
      note: 'Member, org role, seats, teams and team roles recorded from W&B.',
      at: now,
    },
    impact.soleAdminTeams.length === 0
      ? {
          id: 'reassign',
          mode: 'local',
          state: 'skipped',
          note: 'They are not the only admin of any team.',
          at: now,
        }
      : { id: 'reassign', mode: caps.promoteTeamAdmin === 'manual' ? 'guided' : 'automated', state: 'todo' },
    deactivateStep(impact, caps, now),
    { id: 'automation', mode: 'guided', state: 'todo' },
    impact.member.teams.length === 0
      ? { id: 'remove-teams', mode: 'local', state: 'skipped', note: 'They are in no team.', at: now }
      : {
          id: 'remove-teams',
          mode: caps.removeFromTeam === 'manual' ? 'guided' : 'automated',
          state: 'todo',
        },
    impact.lastOrgAdmin
      ? {
          id: 'remove-org',
          mode: caps.removeFromOrg === 'manual' ? 'guided' : 'automated',
          state: 'blocked',
          note: LAST_ADMIN_REASON,
        }
      : { id: 'remove-org', mode: caps.removeFromOrg === 'manual' ? 'guided' : 'automated', state: 'todo' },
    { id: 'revoke-keys', mode: 'guided', state: 'todo' },
    { id: 'reclaim-seat', mode: 'guided', state: 'todo' },
    { id: 'recheck', mode: 'local', state: 'todo' },
  ];
  return applyDependencies(steps, impact);
}

/** The steps with `blocked` set (or lifted) from their dependencies; settled steps are left alone. */
export function applyDependencies(steps: Step[], impact: Pick<Impact, 'lastOrgAdmin'>): Step[] {
  const byId = new Map(steps.map((step) => [step.id, step]));
  return steps.map((step) => {
    if (isSettled(step)) return step;
    if ((step.id === 'remove-org' || step.id === 'deactivate') && impact.lastOrgAdmin)
      return { ...step, state: 'blocked', note: LAST_ADMIN_REASON };
    const waiting = DEPENDS_ON[step.id].some((dep) => {
      const other = byId.get(dep);
      return !other || !isSettled(other);
    });
    if (waiting)
      return { ...step, state: 'blocked', note: WAITS_FOR[step.id] ?? 'Waits for an earlier step.' };
    if (step.state === 'blocked' && step.note === (WAITS_FOR[step.id] ?? 'Waits for an earlier step.')) {
      const { note: _note, ...rest } = step;
      return { ...rest, state: 'todo' };
    }
    return step;
  });
}

/** Why a step may not be acted on now; null when it may. */
export function whyNotActionable(c: OffboardingCase, id: StepId): string | null {
  if (c.status !== 'open') return 'This case is closed.';
  const step = stepOf(c, id);
  if (step.state === 'done') return `${STEP_TITLES[id]} is already done.`;
  if (step.state === 'reviewed') return `${STEP_TITLES[id]} was already reviewed by the admin.`;
  if (step.state === 'skipped') {
    const reason = step.note ?? 'no reason recorded';
    return `${STEP_TITLES[id]} was skipped: ${reason.endsWith('.') ? reason : `${reason}.`}`;
  }
  if (step.state === 'blocked') return step.note ?? `${STEP_TITLES[id]} is blocked.`;
  return null;
}

export function stepOf(c: Pick<OffboardingCase, 'steps'>, id: StepId): Step {
  const step = c.steps.find((entry) => entry.id === id);
  if (!step) throw new Error(`step ${id} missing`);
  return step;
}

/** The case with one step changed, an event recorded, and dependencies re-applied. */
export function updateStep(
  c: OffboardingCase,
  id: StepId,
  change: Partial<Pick<Step, 'state' | 'note' | 'mode'>>,
  event: Omit<CaseEvent, 'at' | 'step'> | null,
  now: string,
): OffboardingCase {
  const steps = c.steps.map((step) => {
    if (step.id !== id) return step;
    const next: Step = { ...step, ...change };
    if (change.state !== undefined && isSettled({ state: change.state })) next.at = now;
    else delete next.at;
    if (change.note === undefined && change.state !== undefined) delete next.note;
    return next;
  });
  return {
    ...c,
    updatedAt: now,
    steps: applyDependencies(steps, c.impact),
    events: event ? [...c.events, { at: now, step: id, ...event }] : c.events,
  };
}

/** Marks a step done: call only once W&B's (or the extension's) state was read back and matched. */
export function completeStep(c: OffboardingCase, id: StepId, detail: string, now: string): OffboardingCase {
  return updateStep(
    c,
    id,
    { state: 'done', note: detail },
    { result: 'ok', detail: `${STEP_TITLES[id]}: ${detail}` },
    now,
  );
}

/** Marks a step skipped with the admin's (or the checklist's) reason; never for a blocked step. */
export function skipStep(c: OffboardingCase, id: StepId, reason: string, now: string): OffboardingCase {
  const why = whyNotActionable(c, id);
  if (why) throw new Error(why);
  return updateStep(
    c,
    id,
    { state: 'skipped', note: reason },
    { result: 'info', detail: `${STEP_TITLES[id]} skipped: ${reason}` },
    now,
  );
}

/**
 * Settles a step on the admin's own confirmation where W&B gives no way to check it; shown as
 * *Reviewed by admin*, never as a W&B check or a skip.
 */
export function reviewStep(c: OffboardingCase, id: StepId, note: string, now: string): OffboardingCase {
  const why = whyNotActionable(c, id);
  if (why) throw new Error(why);
  return updateStep(
    c,
    id,
    { state: 'reviewed', note },
    { result: 'info', detail: `${STEP_TITLES[id]} reviewed by admin: ${note}` },
    now,
  );
}

/**
 * An open case whose every step is settled closes itself, so the bar counts only cases with work
 * left and the record is final; any other case is returned as it is.
 */
export function closeIfSettled(c: OffboardingCase, now: string): OffboardingCase {
  if (c.status !== 'open' || !c.steps.every(isSettled)) return c;
  return {
    ...c,
    status: 'closed',
    updatedAt: now,
    events: [
      ...c.events,
      { at: now, step: null, result: 'info', detail: 'Case closed: every step is settled.' },
    ],
  };
}

/** Records that a step's attempt did not complete it (the step stays as it was unless `state` is given). */
export function failStep(
  c: OffboardingCase,
  id: StepId,
  detail: string,
  now: string,
  state: Step['state'] = stepOf(c, id).state,
): OffboardingCase {
  return updateStep(
    c,
    id,
    { state, note: detail },
    { result: 'error', detail: `${STEP_TITLES[id]}: ${detail}` },
    now,
  );
}

/**
 * Fresh data showed a new team where the member is the only admin: the team joins the reassign
 * step (which goes back to todo), so the team and org removals block again.
 */
export function addSoleAdminTeam(
  c: OffboardingCase,
  team: string,
  candidates: { username: string; name: string }[],
  mode: Step['mode'],
  reason: string,
  now: string,
): OffboardingCase {
  const impact = c.impact.soleAdminTeams.some((entry) => entry.team === team)
    ? c.impact
    : { ...c.impact, soleAdminTeams: [...c.impact.soleAdminTeams, { team, candidates }] };
  const reassign = c.reassign.some((entry) => entry.team === team)
    ? c.reassign
    : [...c.reassign, { team, to: null }];
  const changed = { ...c, impact, reassign };
  return updateStep(
    changed,
    'reassign',
    { state: 'todo', mode, note: reason },
    { result: 'error', detail: reason },
    now,
  );
}
