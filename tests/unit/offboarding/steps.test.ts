import { describe, expect, it } from 'vitest';
import { analyseImpact } from '@/lib/offboarding/impact';
import { type OffboardingCase, offboardingCaseSchema, SESSION_CAPABILITIES } from '@/lib/offboarding/model';
import {
  addSoleAdminTeam,
  completeStep,
  failStep,
  LAST_ADMIN_REASON,
  planSteps,
  skipStep,
  stepOf,
  updateStep,
  whyNotActionable,
} from '@/lib/offboarding/steps';
import { directoryOf, member } from '../export/fixtures';

const T0 = '2026-11-28T10:00:00.000Z';
const reads = {
  apiKeys: { status: 'unreadable' as const, reason: 'no' },
  runs: { status: 'read' as const, items: [] },
};

function directory() {
  return directoryOf([
    member({ username: 'alice', orgRole: 'admin', teams: [{ team: 'robotics', role: 'member' }] }),
    member({
      username: 'dave',
      teams: [
        { team: 'robotics', role: 'admin' },
        { team: 'vision', role: 'member' },
      ],
    }),
    member({ username: 'frank', teams: [{ team: 'vision', role: 'member' }] }),
    member({ username: 'nemo', teams: [] }),
  ]);
}

function caseFor(username: string, caps = SESSION_CAPABILITIES): OffboardingCase {
  const impact = analyseImpact(directory(), username, reads, T0);
  return offboardingCaseSchema.parse({
    id: 'case-abc-def',
    appOrigin: 'https://wandb.ai',
    org: 'acme',
    actor: 'alice',
    createdAt: T0,
    updatedAt: T0,
    status: 'open',
    impact,
    steps: planSteps(impact, caps, T0),
    reassign: impact.soleAdminTeams.map((t) => ({ team: t.team, to: null })),
    reviewed: [],
    after: null,
    recheck: null,
    reinvite: null,
    events: [],
  });
}

const states = (c: OffboardingCase) => Object.fromEntries(c.steps.map((s) => [s.id, s.state]));
const modes = (c: OffboardingCase) => Object.fromEntries(c.steps.map((s) => [s.id, s.mode]));

describe('step planner', () => {
  it('a sole team admin: team and org removal blocked until reassigned; session makes promotion and org removal guided', () => {
    const c = caseFor('dave');
    expect(states(c)).toEqual({
      snapshot: 'done',
      reassign: 'todo',
      deactivate: 'skipped',
      automation: 'todo',
      'remove-teams': 'blocked',
      'remove-org': 'blocked',
      'revoke-keys': 'todo',
      'reclaim-seat': 'blocked',
      recheck: 'blocked',
    });
    expect(modes(c)).toMatchObject({
      reassign: 'guided',
      'remove-teams': 'automated',
      'remove-org': 'guided',
    });
    expect(whyNotActionable(c, 'remove-teams')).toMatch(/only admin/);
  });

  it('with the admin key every W&B change is automated', () => {
    const c = caseFor('dave', {
      deactivate: 'unavailable',
      removeFromTeam: 'key',
      removeFromOrg: 'key',
      promoteTeamAdmin: 'key',
    });
    expect(modes(c)).toMatchObject({
      reassign: 'automated',
      'remove-teams': 'automated',
      'remove-org': 'automated',
    });
  });

  it('nothing to reassign and no team: those steps are skipped with the reason', () => {
    const c = caseFor('nemo');
    expect(stepOf(c, 'reassign')).toMatchObject({
      state: 'skipped',
      note: 'They are not the only admin of any team.',
    });
    expect(stepOf(c, 'remove-teams')).toMatchObject({ state: 'skipped', note: 'They are in no team.' });
    expect(stepOf(c, 'remove-org').state).toBe('todo');
  });

  it('the last org admin: org removal blocked for good, whatever else is settled', () => {
    const impact = { ...caseFor('frank').impact, lastOrgAdmin: true };
    const steps = planSteps(impact, SESSION_CAPABILITIES, T0);
    expect(steps.find((s) => s.id === 'remove-org')).toMatchObject({
      state: 'blocked',
      note: LAST_ADMIN_REASON,
    });
  });
});

describe('step transitions', () => {
  it('completing the reassignment unblocks team removal; then team removal unblocks org removal, org removal the rest', () => {
    let c = caseFor('dave');
    c = completeStep(c, 'reassign', 'W&B shows robotics: alice admin.', T0);
    expect(states(c)).toMatchObject({ reassign: 'done', 'remove-teams': 'todo', 'remove-org': 'blocked' });
    c = completeStep(c, 'remove-teams', 'W&B shows them in no team.', T0);
    expect(states(c)).toMatchObject({ 'remove-org': 'todo', 'reclaim-seat': 'blocked' });
    c = completeStep(c, 'remove-org', 'gone', T0);
    expect(states(c)).toMatchObject({ 'reclaim-seat': 'todo', recheck: 'todo' });
    expect(c.events.map((e) => e.step)).toEqual(['reassign', 'remove-teams', 'remove-org']);
  });

  it('fresh data showing a new sole-admin team reopens the reassignment and blocks the removals again', () => {
    let c = caseFor('frank');
    expect(states(c)).toMatchObject({ reassign: 'skipped', 'remove-teams': 'todo' });
    c = addSoleAdminTeam(
      c,
      'vision',
      [{ username: 'alice', name: 'alice' }],
      'guided',
      'W&B’s data changed',
      T0,
    );
    expect(states(c)).toMatchObject({ reassign: 'todo', 'remove-teams': 'blocked', 'remove-org': 'blocked' });
    expect(c.reassign).toEqual([{ team: 'vision', to: null }]);
    expect(c.impact.soleAdminTeams.map((t) => t.team)).toEqual(['vision']);
    expect(c.events.at(-1)).toMatchObject({
      step: 'reassign',
      result: 'error',
      detail: 'W&B’s data changed',
    });
  });

  it('a blocked step cannot be skipped or acted on; a done one is not redone', () => {
    const c = caseFor('dave');
    expect(() => skipStep(c, 'remove-org', 'because', T0)).toThrow(/Blocked/);
    expect(whyNotActionable(c, 'snapshot')).toMatch(/already done/);
    const skipped = skipStep(c, 'revoke-keys', 'they had no keys', T0);
    expect(stepOf(skipped, 'revoke-keys')).toMatchObject({
      state: 'skipped',
      note: 'they had no keys',
      at: T0,
    });
  });

  it('stored cases are validated: an unknown step state is rejected', () => {
    const c = caseFor('dave');
    const bad = {
      ...c,
      steps: c.steps.map((s) => (s.id === 'remove-org' ? { ...s, state: 'finished' } : s)),
    };
    expect(offboardingCaseSchema.safeParse(bad).success).toBe(false);
    expect(offboardingCaseSchema.safeParse(c).success).toBe(true);
  });
});

describe('step guards', () => {
  const T1 = '2026-11-29T09:30:00.000Z';

  it('guard "a closed case acts on nothing": every step of a closed case, org removal included, is refused', () => {
    const open = caseFor('nemo');
    expect(whyNotActionable(open, 'remove-org')).toBe(null);
    const closed: OffboardingCase = { ...open, status: 'closed' };
    for (const step of closed.steps) expect(whyNotActionable(closed, step.id)).toBe('This case is closed.');
    expect(() => skipStep(closed, 'remove-org', 'not needed', T1)).toThrow('This case is closed.');
  });

  it('guard "a skipped step stays skipped": it is refused with the reason it was skipped for', () => {
    const c = caseFor('nemo');
    // The note ends the sentence: one full stop, not two.
    expect(whyNotActionable(c, 'remove-teams')).toBe(
      'Remove from each team was skipped: They are in no team.',
    );
    expect(() => skipStep(c, 'remove-teams', 'again', T1)).toThrow(/^Remove from each team was skipped/);
    const unexplained: OffboardingCase = {
      ...c,
      steps: c.steps.map((s) => (s.id === 'revoke-keys' ? { id: s.id, mode: s.mode, state: 'skipped' } : s)),
    };
    expect(whyNotActionable(unexplained, 'revoke-keys')).toBe(
      'Revoke their API keys was skipped: no reason recorded.',
    );
  });

  it('guard "a blocked step says why": its own note, or the title when it has none', () => {
    const c = caseFor('dave');
    expect(whyNotActionable(c, 'remove-org')).toBe(
      'Blocked until the steps above are done (deactivate: done or skipped).',
    );
    const bare: OffboardingCase = {
      ...c,
      steps: c.steps.map((s) => (s.id === 'remove-org' ? { id: s.id, mode: s.mode, state: 'blocked' } : s)),
    };
    expect(whyNotActionable(bare, 'remove-org')).toBe('Remove from the organization is blocked.');
  });

  it('guard "settled steps keep their time": done and skipped steps record when, a step set back loses it', () => {
    let c = caseFor('nemo');
    c = completeStep(c, 'automation', 'no automation found', T1);
    expect(stepOf(c, 'automation')).toEqual({
      id: 'automation',
      mode: 'guided',
      state: 'done',
      note: 'no automation found',
      at: T1,
    });
    expect(c.updatedAt).toBe(T1);
    expect(c.events.at(-1)).toEqual({
      at: T1,
      step: 'automation',
      result: 'ok',
      detail: 'Identify and rotate automation using their key: no automation found',
    });
    c = skipStep(c, 'revoke-keys', 'they had no keys', T1);
    expect(stepOf(c, 'revoke-keys')).toMatchObject({ state: 'skipped', at: T1 });
    const reopened = failStep(c, 'automation', 'W&B shows a new service account', T1, 'todo');
    expect(stepOf(reopened, 'automation')).toEqual({
      id: 'automation',
      mode: 'guided',
      state: 'todo',
      note: 'W&B shows a new service account',
    });
  });

  it('guard "a new state drops the old note": a state change without a note leaves no stale explanation, a note alone keeps the state', () => {
    const c = completeStep(caseFor('nemo'), 'automation', 'no automation found', T1);
    const reset = updateStep(c, 'automation', { state: 'todo' }, null, T1);
    expect(stepOf(reset, 'automation')).toEqual({ id: 'automation', mode: 'guided', state: 'todo' });
    expect(reset.events).toEqual(c.events);
    const noted = updateStep(c, 'remove-org', { note: 'Checked against W&B just now.' }, null, T1);
    expect(stepOf(noted, 'remove-org')).toEqual({
      id: 'remove-org',
      mode: 'guided',
      state: 'todo',
      note: 'Checked against W&B just now.',
    });
    const remoded = updateStep(noted, 'remove-org', { mode: 'automated' }, null, T1);
    expect(stepOf(remoded, 'remove-org')).toMatchObject({
      mode: 'automated',
      note: 'Checked against W&B just now.',
    });
  });
});
