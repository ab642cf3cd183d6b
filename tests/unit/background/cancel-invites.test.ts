/**
 * Seat hygiene's bulk cancellation of stale invites, in the background: the real job store and
 * engine, the real W&B client and the in-process simulator. Asserts what W&B received (one
 * `deleteInvite` per invite, never two) and what it shows afterwards.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { auditLogItem } from '@/lib/audit/storage';
import { createInviteJobs } from '@/lib/background/invite-jobs';
import { cancelResultsCsvChunks, createCancelJob } from '@/lib/hygiene/cancel-job';
import { hygieneLists } from '@/lib/hygiene/lists';
import type { InviteJob } from '@/lib/invite/job';
import { inviteJobsItem } from '@/lib/storage';
import { createWandbClient } from '@/lib/wandb/client';
import type { FetchLike } from '@/lib/wandb/graphql';
import { type Simulator, startSimulator } from '@/tests/simulator/server';
import { simFetch } from '@/tests/simulator/test-client';

const origin = 'https://wandb.ai';
let sim: Simulator;
let cookie: string;
/** Set by a test: the simulator handles the matching GraphQL operation, then its answer is lost. */
let loseAnswerTo: string | null = null;

beforeEach(async () => {
  fakeBrowser.reset();
  loseAnswerTo = null;
  sim = await startSimulator({});
  cookie = `wandb=${sim.createSession('alice')}`;
});
afterEach(async () => {
  await sim.close();
});
vi.setConfig({ testTimeout: 60_000 });

const viaSim: FetchLike = async (url, init) => {
  const body = typeof init.body === 'string' ? init.body : '';
  const answer = await simFetch(sim, url, {
    method: init.method ?? 'GET',
    headers: { ...Object.fromEntries(new Headers(init.headers).entries()), cookie },
    ...(body ? { body } : {}),
  });
  if (loseAnswerTo && body.includes(`"operationName":"${loseAnswerTo}"`)) {
    loseAnswerTo = null;
    throw new TypeError('Failed to fetch');
  }
  return answer;
};

async function setup() {
  const client = createWandbClient({ appOrigin: origin, fetch: viaSim });
  const jobs = createInviteJobs({ clientFor: async () => client, keepAwake: () => {} });
  const directory = await client.directory.loadDirectory({ kind: 'org', org: 'acme' });
  // Every pending invite is stale at 0 days.
  const stale = hygieneLists(directory, 0, new Date()).staleInvites;
  expect(stale.length).toBeGreaterThanOrEqual(3);
  sim.clearRequests();
  return { jobs, stale };
}

async function finished(jobId: string): Promise<InviteJob> {
  for (let i = 0; i < 400; i++) {
    const job = (await inviteJobsItem.getValue())[jobId]?.job;
    if (job && (job.status === 'done' || job.status === 'cancelled')) return job;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the job did not finish');
}

const deletes = () => sim.requests().filter((r) => r.operationName === 'DeleteInvite');
const newJob = (stale: Parameters<typeof createCancelJob>[0]) =>
  createCancelJob(stale, {
    id: `invite-${Math.random().toString(36).slice(2, 8)}-x`,
    org: 'acme',
    now: Date.now(),
  });

describe('cancelling stale invites in bulk', () => {
  it('sends exactly one deleteInvite per invite, and W&B lists none of them afterwards; each is audited', async () => {
    const { jobs, stale } = await setup();
    const job = await finished(await jobs.begin(origin, 'alice', newJob(stale)));
    expect(
      deletes()
        .map((r) => (r.variables as { id: string }).id)
        .sort(),
    ).toEqual(stale.map((i) => i.id).sort());
    expect(sim.state.toSeed().invites).toEqual([]);
    expect(job.units.every((u) => u.state === 'invited' && u.attempts === 1)).toBe(true);
    const audit = (await auditLogItem.getValue()).entries.filter((e) => e.action === 'cancel-invite');
    expect(audit.map((e) => e.target).sort()).toEqual(stale.map((i) => `${i.email} → ${i.team}`).sort());
    expect(audit.every((e) => e.result === 'ok' && e.detail.startsWith('cancelled invite '))).toBe(true);
    const csv = [...cancelResultsCsvChunks(job, { delimiter: ',', bom: false })].join('');
    expect(csv.split('\r\n')[0]).toBe('email,team,invite_id,status,reason,at');
    expect(csv.split('\r\n').filter((line) => line.includes(',cancelled,'))).toHaveLength(stale.length);
  });

  it('guard "exactly once": a deleteInvite whose answer was lost is settled by reading the team, not sent again', async () => {
    const { jobs, stale } = await setup();
    loseAnswerTo = 'DeleteInvite';
    const job = await finished(await jobs.begin(origin, 'alice', newJob(stale.slice(0, 1))));
    expect(deletes()).toHaveLength(1);
    expect(job.units[0]).toMatchObject({ state: 'invited', attempts: 2 });
    expect(job.units[0]?.reason).toBe('W&B no longer lists it (read again after an unanswered request).');
    expect(sim.state.toSeed().invites.map((i) => i.email)).not.toContain(stale[0]?.email);
  });

  it('an invite accepted before its turn is skipped as no longer pending, and the others are cancelled', async () => {
    const { jobs, stale } = await setup();
    const [first, ...rest] = stale;
    sim.state.acceptInvite(first?.id as string);
    const job = await finished(await jobs.begin(origin, 'alice', newJob(stale)));
    const unit = job.units.find((u) => u.inviteId === first?.id);
    expect(unit).toMatchObject({ state: 'skipped' });
    expect(unit?.reason).toContain('no longer lists this invite as pending');
    expect(job.units.filter((u) => u.state === 'invited')).toHaveLength(rest.length);
  });

  it('an identical cancellation started again is refused: nothing is sent twice', async () => {
    const { jobs, stale } = await setup();
    const id = await jobs.begin(origin, 'alice', newJob(stale));
    await expect(jobs.begin(origin, 'alice', newJob(stale))).rejects.toThrow(
      /A job with the same cancellations for acme was already started/,
    );
    await finished(id);
    expect(deletes()).toHaveLength(stale.length);
  });
});
