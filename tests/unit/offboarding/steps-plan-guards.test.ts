import { describe, expect, it } from 'vitest';
import { analyseImpact } from '@/lib/offboarding/impact';
import { type OffboardingCase, SESSION_CAPABILITIES } from '@/lib/offboarding/model';
import {
  addSoleAdminTeam,
  applyDependencies,
  completeStep,
  failStep,
  LAST_ADMIN_REASON,
  NO_DEACTIVATION_REASON,
  planSteps,
  skipStep,
  stepOf,
  updateStep,
} from '@/lib/offboarding/steps';
import { directoryOf, member } from '../export/fixtures';

const T0 = '2026-11-28T10:00:00.000Z';
const T1 = '2026-11-29T09:30:00.000Z';
const reads = {
  apiKeys: { status: 'unreadable' as const, reason: 'no' },
  runs: { status: 'read' as const, items: [] },
};
const directory = directoryOf([
  member({ username: 'alice', orgRole: 'admin', teams: [{ team: 'robotics', role: 'member' }] }),
  member({ username: 'dave', teams: [{ team: 'robotics', role: 'admin' }] }),
  member({ username: 'frank', teams: [{ team: 'vision', role: 'member' }] }),
  member({ username: 'nemo', teams: [] }),
]);
/** A dedicated or self-managed host: with the admin key everything it offers is automated; without, guided. */
const KEY = {
  deactivate: 'key',
  removeFromTeam: 'key',
  removeFromOrg: 'key',
  promoteTeamAdmin: 'key',
} as const;
const MANUAL = {
  deactivate: 'manual',
  removeFromTeam: 'manual',
  removeFromOrg: 'manual',
  promoteTeamAdmin: 'manual',
} as const;

function caseFor(username: string, caps = SESSION_CAPABILITIES): OffboardingCase {
  const impact = analyseImpact(directory, username, reads, T0);
  return {
    ...{
      id: 'case-1',
      appOrigin: 'https://wandb.ai',
      org: 'acme',
      actor: 'alice',
      createdAt: T0,
      updatedAt: T0,
    },
    status: 'open',
    impact,
    steps: planSteps(impact, caps, T0),
    reassign: impact.soleAdminTeams.map((t) => ({ team: t.team, to: null })),
    ...{ reviewed: [], after: null, recheck: null, reinvite: null, events: [] },
  };
}

describe('step plan guards', () => {
  it('guard "the plan says what each step is and why": every step of a member in no team, as the checklist shows it', () => {
    expect(caseFor('nemo').steps).toEqual([
      {
        id: 'snapshot',
        mode: 'local',
        state: 'done',
        note: 'Member, org role, seats, teams and team roles recorded from W&B.',
        at: T0,
      },
      {
        id: 'reassign',
        mode: 'local',
        state: 'skipped',
        note: 'They are not the only admin of any team.',
        at: T0,
      },
      { id: 'deactivate', mode: 'local', state: 'skipped', note: NO_DEACTIVATION_REASON, at: T0 },
      { id: 'automation', mode: 'guided', state: 'todo' },
      { id: 'remove-teams', mode: 'local', state: 'skipped', note: 'They are in no team.', at: T0 },
      { id: 'remove-org', mode: 'guided', state: 'todo' },
      { id: 'revoke-keys', mode: 'guided', state: 'todo' },
      {
        id: 'reclaim-seat',
        mode: 'guided',
        state: 'blocked',
        note: 'Waits for the removal from the organization.',
      },
      {
        id: 'recheck',
        mode: 'local',
        state: 'blocked',
        note: 'Waits for the removal from the organization.',
      },
    ]);
  });

  it('guard "no verified operation, no automation": team removal is guided when it can only be done by hand', () => {
    expect(stepOf(caseFor('frank', MANUAL), 'remove-teams').mode).toBe('guided');
    expect(stepOf(caseFor('frank', KEY), 'remove-teams').mode).toBe('automated');
  });

  it('guard "cut access first where W&B offers a verified way": deactivation is automated with the key, guided without, not offered on wandb.ai', () => {
    expect(stepOf(caseFor('frank', KEY), 'deactivate')).toEqual({
      id: 'deactivate',
      mode: 'automated',
      state: 'todo',
    });
    expect(stepOf(caseFor('frank', MANUAL), 'deactivate')).toEqual({
      id: 'deactivate',
      mode: 'guided',
      state: 'todo',
    });
    expect(stepOf(caseFor('frank'), 'deactivate')).toEqual({
      id: 'deactivate',
      mode: 'local',
      state: 'skipped',
      note: NO_DEACTIVATION_REASON,
      at: T0,
    });
    // Org removal waits for it (done or skipped); a sole team admin is handed over before deactivation.
    const frank = caseFor('frank', KEY);
    expect(stepOf(completeStep(frank, 'remove-teams', 'gone', T1), 'remove-org')).toMatchObject({
      state: 'blocked',
      note: 'Blocked until the steps above are done (deactivate: done or skipped).',
    });
    const skipped = skipStep(completeStep(frank, 'remove-teams', 'gone', T1), 'deactivate', 'not needed', T1);
    expect(stepOf(skipped, 'remove-org').state).toBe('todo');
    expect(stepOf(caseFor('dave', KEY), 'deactivate')).toEqual({
      id: 'deactivate',
      mode: 'automated',
      state: 'blocked',
      note: 'Waits until every team they are the only admin of has another admin.',
    });
  });

  it('guard "the last org admin blocks org removal and deactivation only": the other steps stay open, and the mode follows the key', () => {
    for (const [caps, mode, blocked] of [
      [SESSION_CAPABILITIES, 'guided', ['remove-org']],
      [MANUAL, 'guided', ['deactivate', 'remove-org']],
      [KEY, 'automated', ['deactivate', 'remove-org']],
    ] as const) {
      const impact = { ...caseFor('nemo').impact, lastOrgAdmin: true };
      const steps = planSteps(impact, caps, T0);
      expect(steps.find((s) => s.id === 'remove-org')).toEqual({
        id: 'remove-org',
        mode,
        state: 'blocked',
        note: LAST_ADMIN_REASON,
      });
      expect(steps.filter((s) => s.note === LAST_ADMIN_REASON).map((s) => s.id)).toEqual(blocked);
      expect(steps.find((s) => s.id === 'revoke-keys')?.state).toBe('todo');
    }
  });

  it('guard "never cut off the last org admin": dependencies re-block deactivation and org removal whatever state they were given', () => {
    const impact = { ...caseFor('nemo', KEY).impact, lastOrgAdmin: true };
    const steps = caseFor('nemo', KEY).steps.map((s) =>
      s.id === 'deactivate' || s.id === 'remove-org' ? { id: s.id, mode: s.mode, state: 'todo' as const } : s,
    );
    const applied = applyDependencies(steps, impact);
    for (const id of ['deactivate', 'remove-org'] as const)
      expect(applied.find((s) => s.id === id)).toMatchObject({ state: 'blocked', note: LAST_ADMIN_REASON });
  });

  it('guard "settled steps stay settled": team removal already done stays done when a new sole-admin team reopens the reassignment', () => {
    let c = caseFor('frank');
    c = completeStep(c, 'remove-teams', 'W&B shows them in no team.', T1);
    c = addSoleAdminTeam(
      c,
      'vision',
      [{ username: 'alice', name: 'alice' }],
      'guided',
      'W&B’s data changed',
      T1,
    );
    expect(stepOf(c, 'reassign').state).toBe('todo');
    expect(stepOf(c, 'remove-teams')).toMatchObject({ state: 'done', at: T1 });
    // A second team joins the one already listed; the same team found again is not listed twice.
    const two = addSoleAdminTeam(caseFor('dave'), 'vision', [], 'guided', 'W&B’s data changed', T1);
    expect(two.reassign.map((entry) => entry.team)).toEqual(['robotics', 'vision']);
    expect(two.impact.soleAdminTeams.map((entry) => entry.team)).toEqual(['robotics', 'vision']);
    const again = addSoleAdminTeam(c, 'vision', [], 'guided', 'again', T1);
    expect(again.reassign).toEqual([{ team: 'vision', to: null }]);
    expect(again.impact.soleAdminTeams).toEqual([
      { team: 'vision', candidates: [{ username: 'alice', name: 'alice' }] },
    ]);
  });

  it('guard "only a dependency block lifts by itself": a step blocked for another reason, or open with a note, keeps it', () => {
    let c = failStep(caseFor('nemo'), 'revoke-keys', 'W&B refused: keys are locked', T1, 'blocked');
    c = completeStep(c, 'automation', 'none', T1);
    expect(stepOf(c, 'revoke-keys')).toEqual({
      id: 'revoke-keys',
      mode: 'guided',
      state: 'blocked',
      note: 'W&B refused: keys are locked',
    });
    const noted = updateStep(
      caseFor('nemo'),
      'remove-org',
      { note: 'Checked against W&B just now.' },
      null,
      T1,
    );
    const later = completeStep(noted, 'automation', 'none', T1);
    expect(stepOf(later, 'remove-org')).toMatchObject({
      state: 'todo',
      note: 'Checked against W&B just now.',
    });
    expect(applyDependencies(later.steps, later.impact)).toEqual(later.steps);
  });

  it('guard "every change is in the record": skip and failure events name the step and the reason', () => {
    let c = skipStep(caseFor('nemo'), 'revoke-keys', 'they had no keys', T1);
    c = failStep(c, 'automation', 'W&B did not answer', T1);
    expect(c.events).toEqual([
      {
        at: T1,
        step: 'revoke-keys',
        result: 'info',
        detail: 'Revoke their API keys skipped: they had no keys',
      },
      {
        at: T1,
        step: 'automation',
        result: 'error',
        detail: 'Identify and rotate automation using their key: W&B did not answer',
      },
    ]);
    expect(() => stepOf({ steps: [] }, 'recheck')).toThrow('step recheck missing');
  });

  it('guard "waiting says so": steps behind a snapshot taken again wait with a note, and open once it is done', () => {
    const retaken = failStep(caseFor('nemo'), 'snapshot', 'W&B changed; taking it again', T1, 'todo');
    for (const id of ['automation', 'revoke-keys'] as const)
      expect(stepOf(retaken, id)).toEqual({
        id,
        mode: 'guided',
        state: 'blocked',
        note: 'Waits for an earlier step.',
      });
    const done = completeStep(retaken, 'snapshot', 'recorded again', T1);
    for (const id of ['automation', 'revoke-keys'] as const)
      expect(stepOf(done, id)).toEqual({ id, mode: 'guided', state: 'todo' });
  });
});
