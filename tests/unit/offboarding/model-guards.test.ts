/**
 * Guards of the stored offboarding case (`lib/offboarding/model.ts`): a case of every shape the
 * background writes reads back whole, a damaged or foreign one is refused rather than trusted, and
 * the storage migration leaves what it does not understand alone (found by mutation testing,
 * issue #17).
 *
 * The schema is built when the module loads. `freshModel()` loads it inside the test (after
 * `vi.resetModules()`, as `migration.test.ts`'s storage test does): Stryker (`--ignoreStatic`)
 * runs a module-level mutant only with the tests that load the module inside a test, so a schema
 * imported at the top of this file would be checked by no test under mutation.
 */
import { describe, expect, it, vi } from 'vitest';
import { addDeactivateStep, type OffboardingCase, type Step } from '@/lib/offboarding/model';
import { directoryOf, member } from '../export/fixtures';
import { caseFor, T0 } from './case-fixture';

const T1 = '2026-11-29T09:00:00.000Z';

async function freshModel() {
  vi.resetModules();
  return import('@/lib/offboarding/model');
}

const STEPS: Step[] = [
  { id: 'snapshot', mode: 'local', state: 'done', note: 'Recorded.', at: T0 },
  { id: 'reassign', mode: 'automated', state: 'done', at: T1 },
  { id: 'deactivate', mode: 'guided', state: 'skipped', note: 'Not offered.', at: T0 },
  { id: 'automation', mode: 'guided', state: 'reviewed', at: T1 },
  { id: 'remove-teams', mode: 'automated', state: 'todo' },
  { id: 'remove-org', mode: 'automated', state: 'blocked', note: 'Waits.' },
  { id: 'revoke-keys', mode: 'guided', state: 'todo' },
  { id: 'reclaim-seat', mode: 'guided', state: 'todo' },
  { id: 'recheck', mode: 'local', state: 'todo' },
];

/** A case with every optional part filled: reads made, a sole-admin team, re-check fired, re-invited. */
function fullCase(): OffboardingCase {
  const directory = directoryOf([
    member({ username: 'alice', orgRole: 'admin' }),
    member({ username: 'bob', orgRole: 'admin' }),
    member({ username: 'frank', teams: [{ team: 'vision', role: 'admin' }] }),
    member({ username: 'zoe', teams: [{ team: 'vision', role: 'member' }] }),
    member({ username: 'ci-bot', accountType: 'service', teams: [{ team: 'vision', role: 'member' }] }),
  ]);
  const c = caseFor(directory, 'frank', {
    reads: {
      apiKeys: { status: 'read', items: [{ name: 'laptop', lastUsedAt: null }], note: 'names only' },
      runs: {
        status: 'read',
        items: [{ team: 'vision', project: 'p', name: 'r', createdAt: T0, heartbeatAt: T1 }],
      },
    },
  });
  return {
    ...c,
    impact: {
      ...c.impact,
      sentInvites: { status: 'read', items: [{ email: 'x@acme.test', team: 'vision' }] },
    },
    steps: STEPS,
    reassign: [{ team: 'vision', to: 'zoe' }],
    reviewed: ['run:vision/p/r'],
    after: { ...c.impact.member, teams: [], takenAt: T1 },
    recheck: { dueAt: T1, firedAt: T1, result: 'clear', seen: true },
    reinvite: { jobId: 'job-1', at: T1 },
    events: [
      { at: T0, step: null, result: 'info', detail: 'Opened.' },
      { at: T1, step: 'reassign', result: 'ok', detail: 'zoe is admin.' },
      { at: T1, step: 'remove-teams', result: 'error', detail: 'W&B answered 502.' },
    ],
  };
}

describe('stored case guards', () => {
  it('guard "every shape the background writes reads back whole"', async () => {
    const { offboardingCaseSchema } = await freshModel();
    const full = fullCase();
    expect(full.impact.otherOrgAdmins).toBe(2);
    expect(full.impact.soleAdminTeams).toEqual([
      { team: 'vision', candidates: [{ username: 'zoe', name: 'zoe' }] },
    ]);
    expect(full.impact.serviceAccounts).toHaveLength(1);
    expect(offboardingCaseSchema.parse(full)).toEqual(full);
    const other = fullCase();
    const unread = {
      ...other,
      status: 'closed',
      impact: {
        ...other.impact,
        member: { ...other.impact.member, accountType: 'service' },
        apiKeys: { status: 'unreadable', reason: 'no' },
      },
      after: 'removed',
      recheck: { dueAt: T1, result: 'back', seen: false },
    };
    expect(offboardingCaseSchema.parse(unread)).toEqual(unread);
  });

  it.each([
    ['an id that is not a case id', { id: 'x/case-abc-def' }],
    ['an id with a path after it', { id: 'case-abc-def/../x' }],
    ['an unknown status', { status: 'archived' }],
    ['a note over 4,000 characters', { steps: STEPS.map((s) => ({ ...s, note: 'n'.repeat(4001) })) }],
    [
      'more than 2,000 events',
      { events: Array.from({ length: 2001 }, () => ({ at: T0, step: null, result: 'ok', detail: '.' })) },
    ],
    ['an unknown event result', { events: [{ at: T0, step: null, result: 'maybe', detail: '.' }] }],
    ['an unknown re-check result', { recheck: { dueAt: T1, result: 'gone', seen: true } }],
    ['an extra field on the case', { deleteEverything: true }],
  ])('guard "a damaged or foreign case is refused": %s', async (_, change) => {
    const { offboardingCaseSchema } = await freshModel();
    expect(offboardingCaseSchema.safeParse({ ...fullCase(), ...change }).success).toBe(false);
  });

  it('guard "a negative count of other org admins is refused"', async () => {
    const { offboardingCaseSchema } = await freshModel();
    const c = fullCase();
    expect(
      offboardingCaseSchema.safeParse({ ...c, impact: { ...c.impact, otherOrgAdmins: -1 } }).success,
    ).toBe(false);
  });

  it('guard "the session alone automates team removal only"', async () => {
    const { SESSION_CAPABILITIES } = await freshModel();
    expect(SESSION_CAPABILITIES).toEqual({
      deactivate: 'unavailable',
      removeFromTeam: 'session',
      removeFromOrg: 'manual',
      promoteTeamAdmin: 'manual',
    });
  });
});

describe('storage migration guards', () => {
  const v1Steps = () => STEPS.filter((step) => step.id !== 'deactivate');

  it('guard "what is not a case with a step list is left for validation": null, a string, steps that are no list', () => {
    const stored = { a: null, b: 'not a case', c: { steps: 'broken', createdAt: T0 } };
    expect(addDeactivateStep(stored)).toEqual(stored);
  });

  it('guard "a damaged step entry does not stop the migration"', () => {
    const out = addDeactivateStep({
      x: { steps: [null, { id: 'reassign' }, { id: 'automation' }], createdAt: T0 },
    });
    expect(out.x).toEqual({
      createdAt: T0,
      steps: [
        null,
        { id: 'reassign' },
        {
          id: 'deactivate',
          mode: 'local',
          state: 'skipped',
          note: 'Not offered when this case was opened.',
          at: T0,
        },
        { id: 'automation' },
      ],
    });
  });

  it('guard "no creation date, no settled time": the added step then has no `at`', () => {
    const out = addDeactivateStep({ x: { steps: v1Steps() } }) as Record<string, { steps: Step[] }>;
    expect(out.x?.steps[2]).toStrictEqual({
      id: 'deactivate',
      mode: 'local',
      state: 'skipped',
      note: 'Not offered when this case was opened.',
    });
  });
});
