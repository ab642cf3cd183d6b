/**
 * The background's offboarding cases against the in-process simulator (acme seed), signed in as
 * alice with her session only: what W&B received and what its state is after each step.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { auditLogItem } from '@/lib/audit/storage';
import { createOffboarding, recheckAlarmName } from '@/lib/background/offboarding';
import type { ClassifiedRow } from '@/lib/invite/classify';
import { createSessionActions, type OffboardingActions } from '@/lib/offboarding/actions';
import { stepOf } from '@/lib/offboarding/steps';
import { offboardingCasesItem } from '@/lib/storage';
import { createWandbClient } from '@/lib/wandb/client';
import { type Simulator, startSimulator } from '@/tests/simulator/server';
import { simFetch, simLogin } from '@/tests/simulator/test-client';

let sim: Simulator;
let cookie: string;

beforeAll(async () => {
  sim = await startSimulator({});
  cookie = await simLogin(sim, 'alice');
});
afterAll(async () => {
  await sim.close();
});

function setup(actionsFor?: (client: ReturnType<typeof createWandbClient>) => OffboardingActions) {
  const client = createWandbClient({
    appOrigin: 'https://wandb.ai',
    fetch: (url, init) =>
      simFetch(sim, url, {
        method: init.method ?? 'GET',
        headers: { ...Object.fromEntries(new Headers(init.headers).entries()), cookie },
        body: String(init.body),
      }),
  });
  const alarms = new Map<string, number>();
  const badge = { count: 0, title: '' };
  const invites: ClassifiedRow[][] = [];
  let now = Date.parse('2026-11-28T10:00:00Z');
  const offboarding = createOffboarding({
    clientFor: async () => client,
    actionsFor: async () => (actionsFor ? actionsFor(client) : createSessionActions(client)),
    startInviteJob: async (_origin, _org, _actor, rows) => {
      invites.push(rows);
      return 'invite-test-1';
    },
    alarms: {
      create: async (name, when) => {
        alarms.set(name, when);
      },
      get: async (name) => (alarms.has(name) ? { scheduledTime: alarms.get(name) as number } : undefined),
    },
    setBadge: async (count, title) => {
      badge.count = count;
      badge.title = title;
    },
    now: () => now,
  });
  return { offboarding, alarms, badge, invites, advance: (ms: number) => (now += ms) };
}

const origin = 'https://wandb.ai';
const acme = { appOrigin: origin, org: 'acme' };
const deleteInvites = () =>
  sim.requests().filter((r) => r.operationName === 'DeleteInvite' && r.status === 200);

beforeEach(async () => {
  fakeBrowser.reset();
  sim.clearRequests();
});

describe('offboarding in the background (session only)', () => {
  it('dave, the only admin of robotics: blocked until W&B shows another admin, then removed and verified', async () => {
    const { offboarding, alarms, badge, invites, advance } = setup();
    let c = await offboarding.start(origin, 'acme', 'alice', 'dave');
    expect(c.impact.soleAdminTeams.map((t) => t.team)).toEqual(['robotics']);
    expect(c.impact.runs.status === 'read' && c.impact.runs.items.map((r) => r.name).sort()).toEqual([
      'r9m6n7o8',
      's7p8q9r0',
      'v1d5e6f7',
      'v1g8h9i0',
    ]);
    expect(c.impact.apiKeys.status).toBe('unreadable');
    expect(stepOf(c, 'remove-teams').state).toBe('blocked');
    await expect(offboarding.act(c.id, acme, { step: 'remove-teams', action: 'run' })).rejects.toThrow(
      /only admin/,
    );

    c = await offboarding.act(c.id, acme, {
      step: 'reassign',
      action: 'choose',
      team: 'robotics',
      to: 'zoe',
    });
    c = await offboarding.act(c.id, acme, { step: 'reassign', action: 'verify' });
    expect(stepOf(c, 'reassign')).toMatchObject({
      state: 'todo',
      note: expect.stringContaining('no other admin of robotics'),
    });

    sim.state.setTeamRole('zoe', 'robotics', 'admin'); // what the admin does on W&B's team page
    c = await offboarding.act(c.id, acme, { step: 'reassign', action: 'verify' });
    expect(stepOf(c, 'reassign').state).toBe('done');

    c = await offboarding.act(c.id, acme, { step: 'remove-teams', action: 'run' });
    expect(stepOf(c, 'remove-teams').state).toBe('done');
    expect(deleteInvites().map((r) => r.variables)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ entity: 'robotics' }),
        expect.objectContaining({ entity: 'vision' }),
      ]),
    );
    expect(deleteInvites()).toHaveLength(2);
    expect(sim.state.toSeed().teams.filter((t) => t.members.some((m) => m.username === 'dave'))).toEqual([]);

    await expect(
      offboarding.act(c.id, acme, { step: 'remove-org', action: 'run', confirm: 'dave' }),
    ).rejects.toThrow(/guided/);
    c = await offboarding.act(c.id, acme, { step: 'remove-org', action: 'verify' });
    expect(stepOf(c, 'remove-org')).toMatchObject({
      state: 'todo',
      note: expect.stringContaining('still lists dave'),
    });

    sim.state.removeFromOrg('dave'); // the Members page's "Remove member"
    c = await offboarding.act(c.id, acme, { step: 'remove-org', action: 'verify' });
    expect(stepOf(c, 'remove-org').state).toBe('done');
    expect(c.after).toBe('removed');
    c = await offboarding.act(c.id, acme, { step: 'reclaim-seat', action: 'verify' });
    expect(stepOf(c, 'reclaim-seat')).toMatchObject({
      state: 'done',
      note: expect.stringContaining('Models seats now'),
    });

    c = await offboarding.act(c.id, acme, { step: 'revoke-keys', action: 'verify' });
    expect(stepOf(c, 'revoke-keys')).toMatchObject({
      state: 'todo',
      note: expect.stringContaining('Cannot be verified'),
    });
    c = await offboarding.act(c.id, acme, { step: 'revoke-keys', action: 'confirm' });
    // The admin's own confirmation reads as such, not as a skip or a W&B check.
    expect(stepOf(c, 'revoke-keys')).toMatchObject({
      state: 'reviewed',
      note: 'alice confirmed revoking them on W&B’s API keys page.',
    });

    c = await offboarding.act(c.id, acme, { step: 'recheck', action: 'run', days: 30 });
    expect(alarms.get(recheckAlarmName(c.id))).toBe(Date.parse('2026-11-28T10:00:00Z') + 30 * 86_400_000);
    expect(stepOf(c, 'recheck').state).toBe('done');
    // One step is left (the automation review): the case stays open until it is settled too,
    // then closes itself and nothing in it can be acted on again.
    expect(c.status).toBe('open');
    c = await offboarding.act(c.id, acme, { step: 'automation', action: 'confirm' });
    expect(stepOf(c, 'automation')).toMatchObject({
      state: 'reviewed',
      note: expect.stringMatching(/^alice checked 0 items\./),
    });
    expect(c.status).toBe('closed');
    expect(c.events.at(-1)?.detail).toBe('Case closed: every step is settled.');
    await expect(offboarding.act(c.id, acme, { step: 'recheck', action: 'run', days: 5 })).rejects.toThrow(
      'This case is closed.',
    );

    advance(30 * 86_400_000);
    await offboarding.recheck(c.id);
    expect(badge.count).toBe(1);
    let [stored] = await offboarding.list(origin, 'acme');
    expect(stored?.recheck).toMatchObject({ result: 'clear', seen: false });

    // Re-invite: the snapshot's teams, admin where they were admin, through the bulk-invite engine.
    const reinvite = await offboarding.reinvite(c.id, acme);
    expect(reinvite.jobId).toBe('invite-test-1');
    expect(invites[0]?.[0]).toMatchObject({
      email: 'dave@acme.test',
      status: 'new',
      sends: [
        { team: 'robotics', admin: true },
        { team: 'vision', admin: false },
      ],
    });

    // SSO brings them back: the next re-check says so and the badge points at it.
    sim.state.createUser({ userName: 'dave', email: 'dave@acme.test' });
    await offboarding.recheck(c.id);
    [stored] = await offboarding.list(origin, 'acme');
    expect(stored?.recheck).toMatchObject({ result: 'back', seen: false });
    expect(badge.title).toContain('dave back in W&B');
    await offboarding.act(c.id, acme, { step: 'recheck', action: 'ack' });
    expect(badge.count).toBe(0);

    const audit = (await auditLogItem.getValue()).entries;
    expect(audit.filter((e) => e.action === 'remove-from-team').map((e) => [e.target, e.result])).toEqual(
      expect.arrayContaining([
        ['dave → robotics', 'ok'],
        ['dave → vision', 'ok'],
      ]),
    );
    expect(audit.filter((e) => e.action === 'offboarding-step').length).toBeGreaterThanOrEqual(6);

    const md = await offboarding.record(c.id, acme, 'md');
    expect(md.fileName).toBe('wandb-acme-offboarding-dave-2026-11-28.md');
    expect(md.text).toContain('| 6 | Remove from the organization | guided | Done |');
    expect(md.text).toContain(
      '| 4 | Identify and rotate automation using their key | guided | Reviewed by admin | alice checked 0 items.',
    );
    expect(md.text).toContain('- Status: closed, every step settled; this record is final\n');
    // Read as plain text: an address and ordinary punctuation are not backslashed.
    expect(md.text).toContain('- Email: dave@acme.test\n');
    expect(md.text).not.toMatch(/\\[.()@-]/);
  });

  it('stale data: a co-admin demoted after the impact stops team removal before anything is sent', async () => {
    const { offboarding } = setup();
    let c = await offboarding.start(origin, 'acme', 'alice', 'frank');
    expect(stepOf(c, 'reassign').state).toBe('skipped');
    expect(stepOf(c, 'remove-teams').state).toBe('todo');
    sim.state.setTeamRole('alice', 'data', 'member');
    c = await offboarding.act(c.id, acme, { step: 'remove-teams', action: 'run' });
    expect(deleteInvites()).toEqual([]);
    expect(stepOf(c, 'reassign')).toMatchObject({
      state: 'todo',
      note: expect.stringContaining('only admin of data'),
    });
    expect(stepOf(c, 'remove-teams').state).toBe('blocked');
    expect(c.reassign).toEqual([{ team: 'data', to: null }]);
    expect(sim.state.toSeed().teams.find((t) => t.name === 'data')?.members).toContainEqual({
      username: 'frank',
      role: 'admin',
    });
    sim.state.setTeamRole('alice', 'data', 'admin');
  });

  it('the last org admin: no case is opened', async () => {
    const { offboarding } = setup();
    sim.state.setOrgRole('bob', 'member');
    try {
      await expect(offboarding.start(origin, 'acme', 'alice', 'alice')).rejects.toThrow(/last org admin/);
      expect(await offboardingCasesItem.getValue()).toEqual({});
      const impact = await offboarding.impact(origin, 'acme', 'alice');
      expect(impact.lastOrgAdmin).toBe(true);
    } finally {
      sim.state.setOrgRole('bob', 'admin');
    }
  });

  it('changes to one case run one at a time: a tick during a W&B read is not lost', async () => {
    const { offboarding } = setup();
    const c = await offboarding.start(origin, 'acme', 'alice', 'erin');
    // The key check waits for W&B; the tick arrives meanwhile and must survive the check's save.
    const check = offboarding.act(c.id, acme, { step: 'revoke-keys', action: 'verify' });
    const tick = offboarding.act(c.id, acme, {
      step: 'automation',
      action: 'review',
      reviewed: ['sa:ci-bot'],
    });
    await Promise.all([check, tick]);
    const [stored] = (await offboarding.list(origin, 'acme')).filter((x) => x.id === c.id);
    expect(stored?.reviewed).toEqual(['sa:ci-bot']);
    expect(stepOf(stored!, 'revoke-keys').note).toContain('Cannot be verified');
  });

  it('on worker start, a re-check alarm the browser dropped is created again and the badge restored', async () => {
    const { offboarding, alarms, badge } = setup();
    const c = await offboarding.start(origin, 'acme', 'alice', 'grace');
    const cases = await offboardingCasesItem.getValue();
    const due = '2026-12-28T10:00:00.000Z';
    await offboardingCasesItem.setValue({
      ...cases,
      [c.id]: { ...(cases[c.id] as object), recheck: { dueAt: due, seen: false } },
      'case-old-one': {
        ...(cases[c.id] as object),
        id: 'case-old-one',
        recheck: { dueAt: due, firedAt: due, result: 'back', seen: false },
      },
    });
    await offboarding.restore();
    expect([...alarms.entries()]).toEqual([[recheckAlarmName(c.id), Date.parse(due)]]);
    expect(badge.count).toBe(1);
  });

  it('an invalid stored case is ignored, not used', async () => {
    const { offboarding } = setup();
    await offboardingCasesItem.setValue({
      'case-x-y': { id: 'case-x-y', appOrigin: origin, org: 'acme', steps: 'tampered' },
    });
    expect(await offboarding.list(origin, 'acme')).toEqual([]);
    await expect(offboarding.act('case-x-y', acme, { step: 'remove-org', action: 'verify' })).rejects.toThrow(
      /not known/,
    );
    const valid = await offboarding.start(origin, 'acme', 'alice', 'oscar');
    // A case is used only from its own org's pages on its own host.
    await expect(
      offboarding.act(
        valid.id,
        { appOrigin: origin, org: 'globex' },
        { step: 'recheck', action: 'run', days: 1 },
      ),
    ).rejects.toThrow(/not known/);
    await expect(
      offboarding.record(valid.id, { appOrigin: 'https://acme.wandb.io', org: 'acme' }, 'md'),
    ).rejects.toThrow(/not known/);
  });
});

vi.setConfig({ testTimeout: 60_000 });

describe('offboarding through the seam with admin-key capabilities (a stand-in for the SCIM actions of #5)', () => {
  /** Key actions that change the simulator's state as SCIM would, recording what they were asked. */
  function keyActions(client: ReturnType<typeof createWandbClient>, calls: string[]): OffboardingActions {
    const session = createSessionActions(client);
    return {
      capabilities: {
        deactivate: 'unavailable',
        removeFromTeam: 'key',
        removeFromOrg: 'key',
        promoteTeamAdmin: 'key',
      },
      removeFromTeam: (input) => {
        calls.push(`team ${input.team}`);
        return session.removeFromTeam(input);
      },
      removeFromOrg: async ({ username }) => {
        calls.push(`org ${username}`);
        sim.state.removeFromOrg(username);
        return { ok: true, detail: 'SCIM answered 204.' };
      },
      promoteTeamAdmin: async ({ team, username }) => {
        calls.push(`promote ${username} ${team}`);
        sim.state.setTeamRole(username, team, 'admin');
        return { ok: true, detail: 'SCIM answered 200.' };
      },
      // wandb.ai: no deactivation that keeps the member.
      deactivate: session.deactivate,
      isDeactivated: session.isDeactivated,
    };
  }

  it('every step automated: promote, remove from teams, remove from the org after the username is typed', async () => {
    const calls: string[] = [];
    const { offboarding } = setup((client) => keyActions(client, calls));
    sim.state.setTeamRole('zoe', 'robotics', 'member');
    const username = 'nils.adeyemi';
    let c = await offboarding.start(origin, 'acme', 'alice', username);
    expect(c.steps.map((s) => s.mode)).toEqual([
      'local',
      'local',
      'local',
      'guided',
      'automated',
      'automated',
      'guided',
      'guided',
      'local',
    ]);
    c = await offboarding.act(c.id, acme, { step: 'remove-teams', action: 'run' });
    expect(stepOf(c, 'remove-teams').state).toBe('done');
    await expect(
      offboarding.act(c.id, acme, { step: 'remove-org', action: 'run', confirm: 'nils' }),
    ).rejects.toThrow(`Type ${username} to confirm`);
    expect(calls.filter((call) => call.startsWith('org'))).toEqual([]);
    c = await offboarding.act(c.id, acme, { step: 'remove-org', action: 'run', confirm: username });
    expect(stepOf(c, 'remove-org').state).toBe('done');
    expect(calls.at(-1)).toBe(`org ${username}`);
    expect(sim.state.toSeed().members.some((m) => m.username === username)).toBe(false);
    const audit = (await auditLogItem.getValue()).entries;
    expect(audit.filter((e) => e.action === 'remove-from-org')).toEqual([
      expect.objectContaining({
        target: `${username} → acme`,
        result: 'ok',
        actor: 'alice',
        host: 'wandb.ai',
      }),
    ]);
  });

  it('promotes the chosen member, then verifies it in W&B', async () => {
    const calls: string[] = [];
    const { offboarding } = setup((client) => keyActions(client, calls));
    let c = await offboarding.start(origin, 'acme', 'alice', 'erin');
    expect(c.impact.soleAdminTeams).toEqual([]);
    // erin is admin of nlp next to alice; demote alice there so erin becomes its only admin.
    sim.state.setTeamRole('alice', 'nlp', 'member');
    c = await offboarding.act(c.id, acme, { step: 'remove-teams', action: 'run' });
    expect(stepOf(c, 'reassign')).toMatchObject({ state: 'todo', mode: 'automated' });
    await expect(offboarding.act(c.id, acme, { step: 'reassign', action: 'run' })).rejects.toThrow(
      /Choose the new admin of nlp/,
    );
    c = await offboarding.act(c.id, acme, { step: 'reassign', action: 'choose', team: 'nlp', to: 'frank' });
    c = await offboarding.act(c.id, acme, { step: 'reassign', action: 'run' });
    expect(calls).toEqual(['promote frank nlp']);
    expect(stepOf(c, 'reassign')).toMatchObject({
      state: 'done',
      note: expect.stringContaining('nlp: frank admin'),
    });
    sim.state.setTeamRole('alice', 'nlp', 'admin');
  });

  it('the last org admin is refused at the moment of removal, even when the case was opened while another admin existed', async () => {
    const calls: string[] = [];
    const { offboarding } = setup((client) => keyActions(client, calls));
    let c = await offboarding.start(origin, 'acme', 'alice', 'bob');
    c = await offboarding.act(c.id, acme, { step: 'remove-teams', action: 'run' });
    expect(stepOf(c, 'remove-org').state).toBe('todo');
    sim.state.setOrgRole('alice', 'member');
    try {
      c = await offboarding.act(c.id, acme, { step: 'remove-org', action: 'run', confirm: 'bob' });
      expect(calls.filter((call) => call.startsWith('org'))).toEqual([]);
      expect(stepOf(c, 'remove-org')).toMatchObject({
        state: 'todo',
        note: expect.stringContaining('bob is the last org admin'),
      });
      expect(sim.state.toSeed().members.some((m) => m.username === 'bob')).toBe(true);
    } finally {
      sim.state.setOrgRole('alice', 'admin');
    }
  });
});
