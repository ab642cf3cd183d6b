/**
 * Offboarding steps under one fault: frank (member of three teams, not a sole admin) is taken
 * through the case as an admin would with the admin key entered — open the case (impact),
 * *Remove from each team* (session `deleteInvite`), *Remove from the organization* (SCIM DELETE,
 * typed confirmation) and *Reclaim the seat* (verify) — through `createOffboarding`
 * (lib/background/offboarding.ts) with the session and admin-key actions the background builds.
 * Steps' writes are not retried by the toolkit (a step re-reads W&B before every change, so the
 * admin's next *Run* is the retry); the table counts those clicks.
 */
import { expect } from 'vitest';
import { readAuditLog } from '@/lib/audit/writer';
import { createAdminKeyService } from '@/lib/background/admin-key';
import { createOffboarding, type Offboarding, type StepAction } from '@/lib/background/offboarding';
import { withAdminKeyActions } from '@/lib/background/offboarding-actions';
import { createSessionActions } from '@/lib/offboarding/actions';
import type { OffboardingCase, StepId } from '@/lib/offboarding/model';
import { createWandbClient } from '@/lib/wandb/client';
import { deriveApiKeySecret } from '../simulator/state';
import { ADMIN, APP_ORIGIN, countBy, type Env, type FaultId, type Figures, ORG, waitFor } from './harness';

const LEAVER = 'frank';
const PLACE = { appOrigin: APP_ORIGIN, org: ORG };
const MAX_CLICKS = 8;

async function offboardingOn(env: Env): Promise<{ stop(): void; offboarding: Offboarding }> {
  const worker = env.worker();
  const client = createWandbClient({ appOrigin: APP_ORIGIN, fetch: worker.sessionFetch });
  const keys = createAdminKeyService({ fetch: worker.plainFetch });
  const offboarding = createOffboarding({
    clientFor: async () => client,
    actionsFor: async () =>
      withAdminKeyActions(createSessionActions(client), keys, PLACE, await keys.capabilitiesFor(APP_ORIGIN)),
    startInviteJob: async () => {
      throw new Error('not used');
    },
    alarms: { create: async () => {}, get: async () => undefined },
    setBadge: async () => {},
    now: Date.now,
  });
  return { stop: worker.stop, offboarding };
}

const stepState = (c: OffboardingCase, step: StepId) => c.steps.find((s) => s.id === step)?.state;

export async function offboardingCell(env: Env, fault: FaultId): Promise<Figures> {
  const startedAt = performance.now();
  let adminActions = 0;
  let note = '';
  const teams = env.sim.state
    .toSeed()
    .teams.filter((t) => t.members.some((m) => m.username === LEAVER))
    .map((t) => t.name)
    .sort();
  expect(teams.length).toBeGreaterThan(1);

  // The admin key, entered and tested before the job (not part of the cell's fault).
  const setup = await offboardingOn(env);
  const keyService = createAdminKeyService({ fetch: env.worker().plainFetch });
  const tested = await keyService.testKey({
    appOrigin: APP_ORIGIN,
    key: deriveApiKeySecret('org-1', ADMIN, 'alice-admin-key'),
    kind: 'user',
    remember: false,
  });
  expect(tested.ok).toBe(true);
  env.sim.clearRequests();
  let { offboarding, stop } = setup;

  /** The admin clicks until the step is done (a click that throws or leaves the step undone is clicked again). */
  const clickUntil = async <T>(what: string, click: () => Promise<T>, done: (value: T) => boolean) => {
    const seen: string[] = [];
    for (let i = 0; i < MAX_CLICKS; i++) {
      if (i > 0) adminActions++;
      try {
        const value = await click();
        if (done(value)) return value;
        seen.push('not done');
      } catch (error) {
        seen.push(error instanceof Error ? error.message : String(error));
      }
    }
    throw new Error(`${what}: not done after ${MAX_CLICKS} clicks (${seen.join(' | ')})`);
  };
  const run = (id: string, action: StepAction, step: StepId) =>
    clickUntil(
      `${step} ${action.action}`,
      () => offboarding.act(id, PLACE, action),
      (c) => stepState(c, step) === 'done',
    );

  if (fault !== 'worker-stopped' && fault !== 'tab-closed' && fault !== 'session-expiry')
    env.applyFault(fault);
  let c = await clickUntil(
    'open the case',
    () => offboarding.start(APP_ORIGIN, ORG, ADMIN, LEAVER),
    () => true,
  );

  if (fault === 'session-expiry') {
    env.sim.setConfig({ expireSessionAfter: 3 });
    const failed = await offboarding.act(c.id, PLACE, { step: 'remove-teams', action: 'run' }).then(
      (x) => x.steps.find((s) => s.id === 'remove-teams')?.note ?? 'not done',
      (e: Error) => e.message,
    );
    note = `remove-teams stopped: "${failed}"; signed in again and ran it again`;
    await env.signInAgain();
    adminActions += 1;
  } else if (fault === 'worker-stopped') {
    const gate = env.sim.hold({ operation: 'DeleteInvite', count: 1, phase: 'answer' });
    offboarding.act(c.id, PLACE, { step: 'remove-teams', action: 'run' }).catch(() => {});
    await gate.waitForHeld(1);
    stop();
    ({ offboarding, stop } = await offboardingOn(env));
    gate.open();
    note = 'one team removal made at W&B, its answer lost with the worker; the new worker ran the step again';
  } else if (fault === 'tab-closed') {
    const gate = env.sim.hold({ operation: 'DeleteInvite', count: 1, phase: 'arrival' });
    // The tab sent "run", then closed: nothing awaits the answer; a new tab lists the case.
    offboarding.act(c.id, PLACE, { step: 'remove-teams', action: 'run' }).catch(() => {});
    await gate.waitForHeld(1);
    gate.open();
    c = await waitFor('the step, seen from a new tab', async () => {
      const found = (await offboarding.list(APP_ORIGIN, ORG)).find((x) => x.id === c.id);
      return found && stepState(found, 'remove-teams') === 'done' ? found : undefined;
    });
    note = 'the step finished in the background; a new tab found it done';
  }
  if (stepState(c, 'remove-teams') !== 'done')
    c = await run(c.id, { step: 'remove-teams', action: 'run' }, 'remove-teams');
  c = await run(c.id, { step: 'remove-org', action: 'run', confirm: LEAVER }, 'remove-org');
  c = await run(c.id, { step: 'reclaim-seat', action: 'verify' }, 'reclaim-seat');

  // The member is gone from every team and from the org; one case, its steps done.
  const seed = env.sim.state.toSeed();
  expect(seed.members.some((m) => m.username === LEAVER)).toBe(false);
  expect(seed.teams.filter((t) => t.members.some((m) => m.username === LEAVER)).map((t) => t.name)).toEqual(
    [],
  );
  const cases = await offboarding.list(APP_ORIGIN, ORG);
  expect(cases.map((x) => x.id)).toEqual([c.id]);
  expect(['remove-teams', 'remove-org', 'reclaim-seat'].map((s) => stepState(c, s as StepId))).toEqual([
    'done',
    'done',
    'done',
  ]);

  // No duplicate write: each removal reached W&B's logic once, and none was refused.
  const log = env.apiLog().filter((e) => e.fault === null);
  const removals = log.filter((e) => e.operationName === 'DeleteInvite');
  expect(removals.filter((e) => e.result !== 'ok').map((e) => e.error)).toEqual([]);
  expect(countBy(removals, (e) => (e.variables as { entity: string }).entity)).toEqual(
    new Map(teams.map((t) => [t, 1])),
  );
  const scimWrites = log.filter((e) => e.kind === 'scim' && e.method !== 'GET');
  expect(scimWrites.map((e) => `${e.method} ${e.result}`)).toEqual(['DELETE ok']);

  // The audit log: every change W&B made is there once, as ok.
  const audit = await readAuditLog();
  const ok = audit.filter((e) => e.result === 'ok');
  expect(
    countBy(
      ok.filter((e) => e.action === 'remove-from-team'),
      (e) => e.target,
    ),
  ).toEqual(new Map(teams.map((t) => [`${LEAVER} → ${t}`, 1])));
  // The SCIM removal is recorded once, by the step (which names the transport in its detail).
  expect(
    ok
      .filter((e) => e.action === 'remove-from-org')
      .map((e) => e.target)
      .sort(),
  ).toEqual([`${LEAVER} → ${ORG}`]);
  for (const title of ['Remove from each team', 'Remove from the organization', 'Reclaim'])
    expect(
      ok.some((e) => e.action === 'offboarding-step' && e.target.startsWith(`${LEAVER}: ${title}`)),
    ).toBe(true);

  return env.figures(startedAt, adminActions, note);
}
