/**
 * Export (the member directory load) under one fault: the org's full directory through
 * `createDirectoryJobs` (lib/background/directory-jobs.ts) and the real client, as the export
 * dialog asks for it: start, poll, then read it page by page. Loads only read; member data lives
 * in the worker's memory and is never written to storage.
 */
import { expect } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { createDirectoryJobs, type DirectoryJobs } from '@/lib/background/directory-jobs';
import { createWandbClient } from '@/lib/wandb/client';
import type { DirectoryInvite, DirectoryMember } from '@/lib/wandb/directory';
import { APP_ORIGIN, countBy, type Env, type FaultId, type Figures, ORG, waitFor } from './harness';

const TAB = 7;
const SCOPE = { kind: 'org', org: ORG } as const;

function loaderOn(env: Env) {
  const worker = env.worker();
  const client = createWandbClient({ appOrigin: APP_ORIGIN, fetch: worker.sessionFetch });
  const jobs = createDirectoryJobs((_origin, scope, options) =>
    client.directory.loadDirectory(scope, options),
  );
  return { worker, jobs };
}

/** What the tab sees once the load settles: the whole directory, or the error it shows. */
async function settle(jobs: DirectoryJobs, id: string, tab = TAB) {
  const state = await waitFor('the load to settle', async () => {
    const s = jobs.status(id, tab);
    return s.status === 'loading' ? undefined : s;
  });
  if (state.status === 'error') return { error: state.error };
  const pages = async <T>(list: 'members' | 'invites', total: number): Promise<T[]> => {
    const out: T[] = [];
    while (out.length < total) out.push(...(jobs.page(id, tab, list, out.length, 50) as T[]));
    return out;
  };
  return {
    meta: state.meta,
    members: await pages<DirectoryMember>('members', state.meta.memberCount),
    invites: await pages<DirectoryInvite>('invites', state.meta.inviteCount),
  };
}

const storedKeys = async () => Object.keys(await fakeBrowser.storage.local.get(null)).sort();

export async function exportCell(env: Env, fault: FaultId): Promise<Figures> {
  const startedAt = performance.now();
  let adminActions = 0;
  let note = '';
  let { worker, jobs } = loaderOn(env);
  const before = await storedKeys();

  let result: Awaited<ReturnType<typeof settle>>;
  if (fault === 'session-expiry') {
    env.sim.setConfig({ expireSessionAfter: 3 });
    const failed = await settle(jobs, jobs.start(TAB, APP_ORIGIN, SCOPE));
    expect(failed.error?.kind, 'the load stops with "sign in again"').toBe('not-signed-in');
    note = `stopped with "${failed.error?.message}"; loaded again after sign-in`;
    await env.signInAgain();
    adminActions += 2;
    result = await settle(jobs, jobs.start(TAB, APP_ORIGIN, SCOPE));
  } else if (fault === 'worker-stopped') {
    const gate = env.sim.hold({ pathPrefix: '/graphql', count: 1, phase: 'answer' });
    const id = jobs.start(TAB, APP_ORIGIN, SCOPE);
    await gate.waitForHeld(1);
    worker.stop();
    ({ worker, jobs } = loaderOn(env));
    gate.open();
    // The tab polls the new worker, which never heard of the load: it says so, and the admin starts again.
    expect(() => jobs.status(id, TAB)).toThrow('That member list is no longer loaded; start again.');
    adminActions += 1;
    result = await settle(jobs, jobs.start(TAB, APP_ORIGIN, SCOPE));
    note = 'the new worker answers "no longer loaded; start again"; the second load is complete';
  } else if (fault === 'tab-closed') {
    const gate = env.sim.hold({ pathPrefix: '/graphql', count: 1, phase: 'arrival' });
    const id = jobs.start(TAB, APP_ORIGIN, SCOPE);
    await gate.waitForHeld(1);
    gate.open();
    // Nobody reads the closed tab's load; another tab cannot read it either, and starts its own.
    await waitFor('the orphaned load', async () =>
      jobs.status(id, TAB).status === 'loading' ? undefined : true,
    );
    expect(() => jobs.status(id, TAB + 1)).toThrow('no longer loaded');
    adminActions += 1;
    result = await settle(jobs, jobs.start(TAB + 1, APP_ORIGIN, SCOPE), TAB + 1);
    note =
      "the closed tab's load finishes in memory, unread and readable by no other tab; a new tab loads its own";
  } else {
    env.applyFault(fault);
    result = await settle(jobs, jobs.start(TAB, APP_ORIGIN, SCOPE));
  }

  expect(result.error, 'the load completes').toBeUndefined();
  const seed = env.sim.state.toSeed();
  // Every member and invite exactly once, none missing, none extra.
  expect(result.meta?.complete).toBe(true);
  expect(countBy(result.members ?? [], (m) => m.username ?? `(no username: ${m.email})`)).toEqual(
    new Map(seed.members.map((m) => [m.username, 1])),
  );
  expect(countBy(result.invites ?? [], (i) => `${i.email}|${i.team}`)).toEqual(
    new Map(seed.invites.map((i) => [`${i.email}|${i.team}`, 1])),
  );
  // A load never writes: nothing at W&B, no member data in storage.
  expect(env.apiLog().filter((e) => e.result !== undefined)).toEqual([]);
  expect(await storedKeys()).toEqual(before);
  return env.figures(startedAt, adminActions, note);
}
