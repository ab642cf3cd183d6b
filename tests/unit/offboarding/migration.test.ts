/**
 * Storage version 2 of `local:offboardingCases` adds the deactivation step: a case stored by the
 * previous version (eight steps) must still open, with the new step recorded as not offered then.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { analyseImpact } from '@/lib/offboarding/impact';
import { addDeactivateStep, offboardingCaseSchema, SESSION_CAPABILITIES } from '@/lib/offboarding/model';
import { planSteps } from '@/lib/offboarding/steps';
import { directoryOf, member } from '../export/fixtures';

const T0 = '2026-11-28T10:00:00.000Z';

/** A case as version 1 stored it: the same fields, and no `deactivate` step. */
function storedV1() {
  const directory = directoryOf([
    member({ username: 'alice', orgRole: 'admin', teams: [] }),
    member({ username: 'frank', teams: [{ team: 'vision', role: 'member' }] }),
  ]);
  const impact = analyseImpact(
    directory,
    'frank',
    { apiKeys: { status: 'unreadable', reason: 'no' }, runs: { status: 'read', items: [] } },
    T0,
  );
  return {
    id: 'case-abc-def',
    appOrigin: 'https://acme.wandb.io',
    org: 'acme',
    actor: 'alice',
    createdAt: T0,
    updatedAt: T0,
    status: 'open',
    impact,
    steps: planSteps(impact, SESSION_CAPABILITIES, T0).filter((step) => step.id !== 'deactivate'),
    reassign: [],
    reviewed: [],
    after: null,
    recheck: null,
    reinvite: null,
    events: [],
  };
}

describe('offboarding cases stored before the deactivation step', () => {
  it('get the step after "reassign", skipped as not offered then, and validate again', () => {
    const v1 = storedV1();
    expect(v1.steps).toHaveLength(8);
    expect(offboardingCaseSchema.safeParse(v1).success).toBe(false);
    const migrated = addDeactivateStep({ [v1.id]: v1, junk: 'not a case' });
    const c = offboardingCaseSchema.parse(migrated[v1.id]);
    expect(c.steps.map((step) => step.id)).toEqual([
      'snapshot',
      'reassign',
      'deactivate',
      'automation',
      'remove-teams',
      'remove-org',
      'revoke-keys',
      'reclaim-seat',
      'recheck',
    ]);
    expect(c.steps[2]).toEqual({
      id: 'deactivate',
      mode: 'local',
      state: 'skipped',
      note: 'Not offered when this case was opened.',
      at: T0,
    });
    // Anything else is left for validation to report; a migrated store is not changed again.
    expect(migrated.junk).toBe('not a case');
    expect(addDeactivateStep(migrated)).toEqual(migrated);
  });

  it('are migrated by the storage item itself when the extension reads them', async () => {
    fakeBrowser.reset();
    const v1 = storedV1();
    await fakeBrowser.storage.local.set({ offboardingCases: { [v1.id]: v1 }, offboardingCases$: { v: 1 } });
    vi.resetModules();
    const { offboardingCasesItem } = await import('@/lib/storage');
    const stored = (await offboardingCasesItem.getValue()) as Record<string, { steps: { id: string }[] }>;
    expect(stored[v1.id]?.steps.map((step) => step.id)).toContain('deactivate');
    expect(offboardingCaseSchema.safeParse(stored[v1.id]).success).toBe(true);
    expect((await fakeBrowser.storage.local.get('offboardingCases$')).offboardingCases$).toEqual({ v: 2 });
  });
});

beforeEach(() => {
  fakeBrowser.reset();
});
