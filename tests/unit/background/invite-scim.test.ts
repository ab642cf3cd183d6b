/**
 * Bulk invite's SCIM transport (issue #15, "org role at invite"), end to end in the background:
 * rows parsed and classified by the real dry run, a job run by the real job engine, the real
 * admin-key service and SCIM client, against the in-process simulator. Asserts what W&B received
 * (the request log) and what it shows afterwards (its state).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { auditLogItem } from '@/lib/audit/storage';
import { createAdminKeyService } from '@/lib/background/admin-key';
import { createInviteJobs } from '@/lib/background/invite-jobs';
import { type ClassifiedRow, classifyInviteRows } from '@/lib/invite/classify';
import type { InviteJob } from '@/lib/invite/job';
import { parseInviteInput } from '@/lib/invite/parse';
import { clearVaultKey } from '@/lib/settings/key-vault';
import { inviteJobsItem } from '@/lib/storage';
import { createWandbClient } from '@/lib/wandb/client';
import type { FetchLike } from '@/lib/wandb/graphql';
import { type Simulator, startSimulator } from '@/tests/simulator/server';
import { deriveApiKeySecret } from '@/tests/simulator/state';
import { simFetch } from '@/tests/simulator/test-client';

const SELF_MANAGED = 'wandb.acme.test';
const ALICE_KEY = deriveApiKeySecret('org-1', 'alice', 'alice-admin-key');

let sim: Simulator;
let cookie: string;
/** Set by a test: the simulator handles the matching request, then the answer is lost (a network error). */
let loseAnswerTo: ((method: string, url: string) => boolean) | null = null;
/** Set by a test: the simulator answers the matching request 503 (its `errorNext` fault). */
let failNext: ((method: string, body: string) => boolean) | null = null;

beforeEach(async () => {
  fakeBrowser.reset();
  await clearVaultKey();
  loseAnswerTo = null;
  failNext = null;
  sim = await startSimulator({ extraHosts: [SELF_MANAGED] });
  cookie = `wandb=${sim.createSession('alice')}`;
});
afterEach(async () => {
  await sim.close();
});
vi.setConfig({ testTimeout: 60_000 });

const viaSim: FetchLike = async (url, init) => {
  const method = init.method ?? 'GET';
  if (failNext?.(method, typeof init.body === 'string' ? init.body : '')) {
    failNext = null;
    sim.setConfig({ errorNext: 1 });
  }
  const answer = await simFetch(sim, url, {
    method,
    headers: { ...Object.fromEntries(new Headers(init.headers).entries()), cookie },
    ...(typeof init.body === 'string' ? { body: init.body } : {}),
  });
  if (loseAnswerTo?.(method, String(url))) {
    loseAnswerTo = null;
    throw new TypeError('Failed to fetch');
  }
  return answer;
};

async function setup(origin: string, { key = true } = {}) {
  const keys = createAdminKeyService({ fetch: viaSim, retry: { sleep: async () => {}, random: () => 0 } });
  if (key) {
    const tested = await keys.testKey({ appOrigin: origin, key: ALICE_KEY, kind: 'user', remember: false });
    expect(tested.ok).toBe(true);
  }
  const client = createWandbClient({ appOrigin: origin, fetch: viaSim });
  const jobs = createInviteJobs({ clientFor: async () => client, adminKey: keys, keepAwake: () => {} });
  const directory = await client.directory.loadDirectory({ kind: 'org', org: 'acme' });
  /** The dry run of `csv`, as the dialog makes it (with the key working when `orgRolesByKey`). */
  const dryRun = (csv: string, orgRolesByKey: boolean): ClassifiedRow[] => {
    const parsed = parseInviteInput({ text: csv });
    if (!parsed.ok) throw new Error(parsed.error.message);
    return classifyInviteRows(parsed.records, parsed.mapping, directory, { orgRolesByKey });
  };
  sim.clearRequests();
  return { jobs, dryRun, keys };
}

async function finished(jobId: string): Promise<InviteJob> {
  for (let i = 0; i < 400; i++) {
    const job = (await inviteJobsItem.getValue())[jobId]?.job;
    if (job && (job.status === 'done' || job.status === 'cancelled')) return job;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the job did not finish');
}

const CSV = [
  'email,teams,team_role,org_role',
  'nadia@acme.test,vision;nlp,admin,admin',
  'omar@acme.test,vision,member,member',
  'pia@acme.test,nlp,member,viewer',
].join('\n');

const scimRequests = () => sim.requests().filter((r) => r.kind === 'scim' && r.method !== 'GET');
const memberOf = (username: string) => sim.state.toSeed().members.find((m) => m.username === username);
const rolesIn = (username: string) =>
  sim.state
    .toSeed()
    .teams.flatMap((t) => t.members.filter((m) => m.username === username).map((m) => `${t.name}:${m.role}`))
    .sort();

describe('bulk invite with the admin key: the org role at invite through SCIM', () => {
  it('the dry run says which transport each row uses: SCIM for org role admin, team invites for the rest', async () => {
    const { dryRun } = await setup('https://wandb.ai');
    const withKey = dryRun(CSV, true);
    expect(withKey.map((r) => [r.email, r.via ?? 'invite'])).toEqual([
      ['nadia@acme.test', 'scim'],
      ['omar@acme.test', 'invite'],
      ['pia@acme.test', 'invite'],
    ]);
    expect(withKey[0]?.reason).toBe(
      'Create through SCIM with the admin key in vision, nlp as team admin, org role admin (W&B adds them to the organization at once: no invite to accept).',
    );
    expect(withKey[2]?.reason).toBe(
      'Invite to nlp as team member; org role viewer cannot be given through SCIM (W&B maps it to member): set it on the Members page after they join.',
    );
    // Without the key, nothing goes through SCIM and the row says what the key would do.
    const without = dryRun(CSV, false);
    expect(without.map((r) => r.via)).toEqual([undefined, undefined, undefined]);
    expect(without[0]?.reason).toContain('org role admin needs the admin key');
  });

  it('wandb.ai: one POST /scim/Users with the teams extension, then the roles; the other rows as team invites', async () => {
    const { jobs, dryRun } = await setup('https://wandb.ai');
    const id = await jobs.start('https://wandb.ai', 'acme', 'org:acme', 'alice', dryRun(CSV, true), 2);
    const job = await finished(id);

    const posts = scimRequests().filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.path).toMatch(/^\/scim\/Users$/);
    expect(posts[0]?.body).toMatchObject({
      userName: 'nadia',
      emails: [{ primary: true, value: 'nadia@acme.test' }],
      'urn:ietf:params:scim:schemas:extension:teams:2.0:User': { teams: ['vision', 'nlp'] },
    });
    expect(scimRequests().map((r) => `${r.method} ${r.path.replace(/user-\d+/, 'ID')}`)).toEqual([
      'POST /scim/Users',
      'PATCH /scim/Users/ID',
      'PATCH /scim/Users/ID',
    ]);
    expect(memberOf('nadia')).toMatchObject({ orgRole: 'admin', email: 'nadia@acme.test' });
    expect(rolesIn('nadia')).toEqual(['nlp:admin', 'vision:admin']);
    // omar and pia: one createInvite each, no SCIM.
    const invites = sim.requests().filter((r) => r.operationName === 'CreateInvite');
    const sentTo = invites.map((r) => r.variables as { entity: string; email: string; admin: boolean });
    expect(sentTo.sort((a, b) => a.email.localeCompare(b.email))).toEqual([
      { entity: 'vision', email: 'omar@acme.test', admin: false },
      { entity: 'nlp', email: 'pia@acme.test', admin: false },
    ]);
    expect(memberOf('omar')).toBeUndefined();

    const nadia = job.units.find((u) => u.email === 'nadia@acme.test');
    expect(nadia).toMatchObject({ state: 'invited', via: 'scim', team: 'vision; nlp', attempts: 1 });
    expect(nadia?.reason).toMatch(
      /^Created through SCIM with the admin key \(user user-\d+\), org role admin\.$/,
    );
    // Audited before the job showed it, naming the transport.
    const audit = (await auditLogItem.getValue()).entries.filter((e) => e.action === 'invite');
    expect(audit.find((e) => e.target.startsWith('nadia@acme.test'))).toMatchObject({
      target: 'nadia@acme.test → vision; nlp (admin) (SCIM, org role admin)',
      result: 'ok',
    });
  });

  it('guard "never two creations": a creation whose answer was lost is looked up again, not sent again', async () => {
    const { jobs, dryRun } = await setup('https://wandb.ai');
    loseAnswerTo = (method, url) => method === 'POST' && url.endsWith('/scim/Users');
    const rows = dryRun(CSV, true).slice(0, 1);
    const id = await jobs.start('https://wandb.ai', 'acme', 'org:acme', 'alice', rows, 1);
    const job = await finished(id);
    // W&B received one creation; the retry read SCIM by email and found the person.
    expect(scimRequests().filter((r) => r.method === 'POST')).toHaveLength(1);
    const lookups = sim
      .requests()
      .filter((r) => r.kind === 'scim' && r.method === 'GET' && r.path.startsWith('/scim/Users'));
    expect(lookups.length).toBeGreaterThanOrEqual(1);
    expect(job.units[0]).toMatchObject({ state: 'invited', attempts: 2 });
    expect(job.units[0]?.uncertain).toBeUndefined();
    expect(memberOf('nadia')).toMatchObject({ orgRole: 'admin' });
    expect(rolesIn('nadia')).toEqual(['nlp:admin', 'vision:admin']);
  });

  it('a self-managed host: no teams extension; the teams are joined through SCIM Groups', async () => {
    const origin = `https://${SELF_MANAGED}`;
    const { jobs, dryRun } = await setup(origin);
    const rows = dryRun(CSV, true).slice(0, 1);
    const job = await finished(await jobs.start(origin, 'acme', 'org:acme', 'alice', rows, 1));
    const writes = scimRequests();
    expect(writes[0]?.body).not.toHaveProperty(['urn:ietf:params:scim:schemas:extension:teams:2.0:User']);
    expect(writes.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(writes.filter((r) => r.method === 'PATCH' && r.path.startsWith('/scim/Groups/'))).toHaveLength(2);
    expect(rolesIn('nadia')).toEqual(['nlp:admin', 'vision:admin']);
    expect(memberOf('nadia')).toMatchObject({ orgRole: 'admin' });
    expect(job.units[0]?.state).toBe('invited');
  });

  it("a role W&B refuses after the creation is the unit's note, and is not retried by creating again", async () => {
    const { jobs, dryRun } = await setup('https://wandb.ai');
    failNext = (method, body) => method === 'PATCH' && body.includes('organizationRole');
    const rows = dryRun(CSV, true).slice(0, 1);
    const job = await finished(await jobs.start('https://wandb.ai', 'acme', 'org:acme', 'alice', rows, 1));
    expect(scimRequests().filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(job.units[0]).toMatchObject({ state: 'invited', attempts: 1 });
    expect(job.units[0]?.reason).toMatch(
      /^Created through SCIM with the admin key \(user user-\d+\), but org role admin not set: .*503.*\. Finish it on W&B's Members page\.$/,
    );
    // What W&B shows: the person and their team roles, the org role not changed.
    expect(memberOf('nadia')).toMatchObject({ orgRole: 'member' });
    expect(rolesIn('nadia')).toEqual(['nlp:admin', 'vision:admin']);
  });

  it('refuses to start SCIM rows when the key no longer works for the host, sending nothing', async () => {
    const { jobs, dryRun, keys } = await setup('https://wandb.ai');
    const rows = dryRun(CSV, true);
    await keys.forgetKey();
    sim.clearRequests();
    await expect(jobs.start('https://wandb.ai', 'acme', 'org:acme', 'alice', rows, 1)).rejects.toThrow(
      /admin key no longer works for wandb\.ai\. Nothing was sent/,
    );
    expect(sim.requests().filter((r) => r.method !== 'GET' && r.kind !== 'graphql')).toHaveLength(0);
    expect(sim.requests().filter((r) => r.operationName === 'CreateInvite')).toHaveLength(0);
    expect(await inviteJobsItem.getValue()).toEqual({});
  });
});
