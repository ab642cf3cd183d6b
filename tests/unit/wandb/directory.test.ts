import { describe, expect, it } from 'vitest';
import {
  accountTypeOf,
  createDirectoryLoader,
  type Directory,
  type DirectoryLoaderOptions,
  type LoadProgress,
  normaliseOrgRole,
  normaliseSeat,
  teamRoleOf,
} from '@/lib/wandb/directory';
import { createGraphqlTransport } from '@/lib/wandb/graphql';
import {
  acmeWorld,
  createFakeFetch,
  type FixtureWorld,
  fakeWandbServer,
  instantRetry,
  orgRow,
  type RecordedRequest,
  type ScriptedReply,
  teamRow,
} from './fakeWandb';

const REJECT_USED_SEATS = { type: 'Organization', field: 'usedSeats' };

function setUp(
  world: FixtureWorld,
  options: DirectoryLoaderOptions = {},
  override?: (request: RecordedRequest) => ScriptedReply | undefined,
) {
  const server = fakeWandbServer(world);
  const fake = createFakeFetch((request) => override?.(request) ?? server(request));
  const transport = createGraphqlTransport({
    apiOrigin: 'https://api.wandb.ai',
    appOrigin: 'https://wandb.ai',
    fetch: fake.fetch,
  });
  const { retry, waits } = instantRetry();
  const loader = createDirectoryLoader(transport, { retry, ...options });
  return { loader, fake, waits };
}

/** What both ways of reading must agree on: identity, account type, teams with team roles. */
function comparable(directory: Directory) {
  return {
    members: directory.members.map(({ username, name, email, accountType, teams }) => ({
      username,
      name,
      email,
      accountType,
      teams,
    })),
    teams: directory.teams,
    invites: directory.invites.map(({ id, email, team }) => ({ id, email, team })),
  };
}

describe('loadSummary, org scope, org query accepted', () => {
  it('reports members, pending invites, seats and that the viewer is an org admin', async () => {
    const { loader, fake } = setUp(acmeWorld());
    const summary = await loader.loadSummary({ kind: 'org', org: 'acme' });
    expect(summary).toEqual({
      scope: { kind: 'org', org: 'acme' },
      source: 'org-query',
      fallbackReason: null,
      memberCount: 4,
      pendingInvites: 1,
      seats: { modelsFullUsed: 4, modelsFullTotal: 50, modelsViewerUsed: 1, modelsViewerTotal: 20 },
      viewer: { username: 'alice', isOrgAdmin: true, isTeamAdmin: null },
      visibleTeams: 2,
      complete: true,
      org: { id: 'org-1', name: 'acme' },
      requests: 2,
    });
    expect(fake.operations().sort()).toEqual(['OrgDirectory', 'Viewer']);
    expect(fake.requests.find((request) => request.operationName === 'OrgDirectory')?.variables).toEqual({
      org: 'acme',
    });
    expect(loader.strategy).toBe('org-query');
  });

  it('says the viewer is not an org admin when their own row is not admin', async () => {
    const world = acmeWorld();
    world.viewer = { id: 'u-bob', username: 'bob', email: 'bob@acme.test', teams: ['vision', 'nlp'] };
    const { loader } = setUp(world);
    const summary = await loader.loadSummary({ kind: 'org', org: 'acme' });
    expect(summary.viewer).toEqual({ username: 'bob', isOrgAdmin: false, isTeamAdmin: null });
  });

  it('reports no seat use when the server leaves a seat figure out', async () => {
    const world = acmeWorld();
    world.orgs[0]!.seatAvailability = null;
    const { loader } = setUp(world);
    expect((await loader.loadSummary({ kind: 'org', org: 'acme' })).seats).toBeNull();
  });

  it('throws not-found for an org that W&B does not show', async () => {
    const { loader } = setUp(acmeWorld());
    await expect(loader.loadSummary({ kind: 'org', org: 'initech' })).rejects.toMatchObject({
      kind: 'not-found',
      message: expect.stringContaining('no organization named "initech"'),
    });
  });

  it('throws not-signed-in when viewer is null', async () => {
    const { loader } = setUp(acmeWorld({ viewer: null }));
    await expect(loader.loadSummary({ kind: 'org', org: 'acme' })).rejects.toMatchObject({
      kind: 'not-signed-in',
    });
  });

  it('aborts the org query still in flight when the viewer read already failed', async () => {
    const { loader, fake } = setUp(acmeWorld({ viewer: null }), {}, (request) =>
      request.operationName === 'OrgDirectory' ? { hang: true } : undefined,
    );
    await expect(loader.loadSummary({ kind: 'org', org: 'acme' })).rejects.toMatchObject({
      kind: 'not-signed-in',
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(fake.abortedHangs()).toBe(1);
  });

  it('passes not-admin through instead of falling back (only a schema mismatch falls back)', async () => {
    const { loader } = setUp(acmeWorld({ orgQueryDenied: true }));
    await expect(loader.loadSummary({ kind: 'org', org: 'acme' })).rejects.toMatchObject({
      kind: 'not-admin',
    });
    expect(loader.strategy).toBe('unknown');
  });
});

describe('loadSummary, org scope, per-team fallback', () => {
  it('builds the figures from the viewer’s teams in this org, and says what it could not see', async () => {
    const { loader, fake } = setUp(acmeWorld({ rejectOrgField: REJECT_USED_SEATS }));
    const summary = await loader.loadSummary({ kind: 'org', org: 'acme' });
    expect(summary).toEqual({
      scope: { kind: 'org', org: 'acme' },
      source: 'per-team',
      fallbackReason:
        'This W&B server rejected Organization.usedSeats, so the member list was built team by team.',
      // alice, bob, svc-bot (vision) + dave, frank (nlp); alice and bob counted once; zed (globex) left out.
      memberCount: 5,
      pendingInvites: 1,
      seats: null,
      viewer: { username: 'alice', isOrgAdmin: null, isTeamAdmin: true },
      visibleTeams: 2,
      complete: false,
      org: { id: 'org-1', name: 'acme' },
      requests: 6,
    });
    expect(fake.operations().sort()).toEqual([
      'OrgDirectory',
      'OrgLookup',
      'TeamMembers',
      'TeamMembers',
      'TeamMembers',
      'Viewer',
    ]);
    expect(
      fake.requests
        .filter((request) => request.operationName === 'TeamMembers')
        .map((request) => request.variables.name)
        .sort(),
    ).toEqual(['globex-research', 'nlp', 'vision']);
    expect(loader.strategy).toBe('per-team');
    expect(loader.rejectedField).toBe('Organization.usedSeats');
  });

  it('remembers the rejection: the second call does not send the org query again', async () => {
    const { loader, fake } = setUp(acmeWorld({ rejectOrgField: REJECT_USED_SEATS }));
    await loader.loadSummary({ kind: 'org', org: 'acme' });
    const sentBefore = fake.requests.length;
    const again = await loader.loadSummary({ kind: 'org', org: 'acme' });
    const secondCall = fake.operations().slice(sentBefore);
    expect(secondCall).not.toContain('OrgDirectory');
    expect(secondCall.sort()).toEqual(['OrgLookup', 'TeamMembers', 'TeamMembers', 'TeamMembers', 'Viewer']);
    expect(again.requests).toBe(5);
    expect(again.fallbackReason).toContain('Organization.usedSeats');
  });

  it('counts members and pending entries once each, by username (else id) and by invite id', async () => {
    const world = acmeWorld({ rejectOrgField: REJECT_USED_SEATS });
    const nlp = world.teams.find((team) => team.name === 'nlp')!;
    nlp.members.push(
      teamRow('carol', 'member', { id: 'inv-carol', username: null, name: '', pending: true }),
      teamRow('carol', 'member', { id: 'inv-carol', username: null, name: '', pending: true }),
      teamRow('ghost', 'member', { username: null, id: 'u-ghost', name: 'Ghost' }),
      teamRow('ghost', 'member', { username: null, id: 'u-ghost', name: 'Ghost' }),
    );
    const { loader } = setUp(world);
    const summary = await loader.loadSummary({ kind: 'org', org: 'acme' });
    expect(summary.memberCount).toBe(6);
    expect(summary.pendingInvites).toBe(1);
  });

  it('cannot tell team admin rights when the viewer administers none of the visible teams', async () => {
    const world = acmeWorld({ rejectOrgField: REJECT_USED_SEATS });
    world.viewer = { id: 'u-dave', username: 'dave', email: 'dave@acme.test', teams: ['nlp'] };
    const { loader } = setUp(world);
    const summary = await loader.loadSummary({ kind: 'org', org: 'acme' });
    expect(summary.viewer).toEqual({ username: 'dave', isOrgAdmin: null, isTeamAdmin: false });
    expect(summary.visibleTeams).toBe(1);
    expect(summary.memberCount).toBe(4);
  });

  it('still reports not-found for an org that does not exist', async () => {
    const { loader } = setUp(acmeWorld({ rejectOrgField: REJECT_USED_SEATS }));
    await expect(loader.loadSummary({ kind: 'org', org: 'initech' })).rejects.toMatchObject({
      kind: 'not-found',
    });
  });

  it('starts from a remembered fallback and reports changes so they can be stored', async () => {
    const changes: [string, string | null][] = [];
    const remembered = setUp(acmeWorld(), { initialStrategy: 'per-team' });
    const summary = await remembered.loader.loadSummary({ kind: 'org', org: 'acme' });
    expect(remembered.fake.operations()).not.toContain('OrgDirectory');
    expect(summary.fallbackReason).toBe(
      'This W&B server rejected the organization member query, so the member list was built team by team.',
    );

    const fresh = setUp(acmeWorld({ rejectOrgField: REJECT_USED_SEATS }), {
      onStrategyChange: (strategy, field) => {
        changes.push([strategy, field]);
      },
    });
    await fresh.loader.loadSummary({ kind: 'org', org: 'acme' });
    await fresh.loader.loadSummary({ kind: 'org', org: 'acme' });
    expect(changes).toEqual([['per-team', 'Organization.usedSeats']]);
  });
});

describe('loadSummary, team scope', () => {
  it('counts the team, tells whether the viewer is its admin, and takes seats from the org query', async () => {
    const { loader, fake } = setUp(acmeWorld());
    const summary = await loader.loadSummary({ kind: 'team', team: 'nlp', org: null });
    expect(summary).toMatchObject({
      scope: { kind: 'team', team: 'nlp', org: null },
      source: 'org-query',
      fallbackReason: null,
      memberCount: 4,
      pendingInvites: 0,
      seats: { modelsFullUsed: 4, modelsFullTotal: 50, modelsViewerUsed: 1, modelsViewerTotal: 20 },
      viewer: { username: 'alice', isOrgAdmin: true, isTeamAdmin: false },
      visibleTeams: 1,
      complete: true,
      org: { id: 'org-1', name: 'acme' },
    });
    expect(fake.operations().sort()).toEqual(['OrgDirectory', 'TeamMembers', 'Viewer']);

    const vision = await loader.loadSummary({ kind: 'team', team: 'vision', org: 'acme' });
    expect(vision).toMatchObject({ memberCount: 3, pendingInvites: 1, viewer: { isTeamAdmin: true } });
  });

  it('shows no seats when the org query is rejected, and remembers that', async () => {
    const { loader, fake } = setUp(acmeWorld({ rejectOrgField: REJECT_USED_SEATS }));
    const summary = await loader.loadSummary({ kind: 'team', team: 'vision', org: 'acme' });
    expect(summary).toMatchObject({
      source: 'per-team',
      seats: null,
      memberCount: 3,
      pendingInvites: 1,
      viewer: { isOrgAdmin: null, isTeamAdmin: true },
      fallbackReason: expect.stringContaining('Organization.usedSeats'),
      org: { id: 'org-1', name: 'acme' },
    });
    expect(loader.strategy).toBe('per-team');
    await loader.loadSummary({ kind: 'team', team: 'vision', org: 'acme' });
    expect(fake.operations().filter((name) => name === 'OrgDirectory')).toHaveLength(1);
  });

  it('shows the team without org figures when the viewer may not read the org', async () => {
    const { loader } = setUp(acmeWorld({ orgQueryDenied: true }));
    const summary = await loader.loadSummary({ kind: 'team', team: 'vision', org: 'acme' });
    expect(summary).toMatchObject({
      seats: null,
      memberCount: 3,
      viewer: { isOrgAdmin: null, isTeamAdmin: true },
    });
  });

  it('throws not-found for a team W&B does not show', async () => {
    const { loader } = setUp(acmeWorld());
    await expect(loader.loadSummary({ kind: 'team', team: 'nope', org: null })).rejects.toMatchObject({
      kind: 'not-found',
    });
  });
});

describe('loadDirectory', () => {
  it('org query mode: org roles, seats, status and last activity from the org query; team roles from team lists', async () => {
    const { loader, fake } = setUp(acmeWorld());
    const directory = await loader.loadDirectory({ kind: 'org', org: 'acme' });

    expect(directory.source).toBe('org-query');
    expect(directory.complete).toBe(true);
    expect(directory.requests).toBe(4);
    expect(fake.operations().sort()).toEqual(['OrgDirectory', 'TeamMembers', 'TeamMembers', 'Viewer']);
    expect(directory.members.map((member) => member.username)).toEqual([
      'alice',
      'bob',
      'dave',
      'frank',
      'svc-bot',
    ]);
    expect(directory.members[0]).toEqual({
      id: 'u-alice',
      username: 'alice',
      name: 'Alice',
      email: 'alice@acme.test',
      orgRole: 'admin',
      modelsSeat: 'full',
      weaveAccess: 'full',
      status: 'active',
      accountType: 'user',
      teams: [
        { team: 'nlp', role: 'member' },
        { team: 'vision', role: 'admin' },
      ],
      lastActiveAt: '2026-10-01T10:00:00Z',
    });
    const byName = Object.fromEntries(directory.members.map((member) => [member.username, member]));
    expect(byName.bob).toMatchObject({ orgRole: 'member', modelsSeat: 'viewer', weaveAccess: 'no-access' });
    expect(byName.dave).toMatchObject({
      orgRole: 'viewer',
      modelsSeat: 'no-access',
      status: 'deactivated',
      lastActiveAt: null,
      teams: [{ team: 'nlp', role: 'view-only' }],
    });
    expect(byName.frank).toMatchObject({
      orgRole: 'ml-auditor',
      modelsSeat: 'SEAT_PLUS',
      teams: [{ team: 'nlp', role: 'ml-reviewer' }],
    });
    expect(byName['svc-bot']).toMatchObject({
      accountType: 'service',
      orgRole: null,
      modelsSeat: null,
      email: null,
      name: 'CI bot',
    });
    expect(directory.invites).toEqual([
      {
        id: 'inv-carol',
        email: 'carol@acme.test',
        team: 'vision',
        role: 'member',
        createdAt: '2026-11-01T00:00:00Z',
      },
    ]);
    expect(directory.teams).toEqual([
      { name: 'nlp', memberCount: 4 },
      { name: 'vision', memberCount: 3 },
    ]);
    expect(directory.seats).toEqual({
      modelsFullUsed: 4,
      modelsFullTotal: 50,
      modelsViewerUsed: 1,
      modelsViewerTotal: 20,
    });
    expect(directory.viewer).toEqual({ username: 'alice', isOrgAdmin: true, isTeamAdmin: true });
  });

  it('per-team mode gives the same members, teams and team roles when the viewer is in every team', async () => {
    const byOrgQuery = await setUp(acmeWorld()).loader.loadDirectory({ kind: 'org', org: 'acme' });
    const { loader } = setUp(acmeWorld({ rejectOrgField: REJECT_USED_SEATS }));
    const byTeams = await loader.loadDirectory({ kind: 'org', org: 'acme' });

    expect(comparable(byTeams)).toEqual(comparable(byOrgQuery));
    expect(byTeams).toMatchObject({
      source: 'per-team',
      complete: false,
      seats: null,
      visibleTeams: 2,
      org: { id: 'org-1', name: 'acme' },
      viewer: { username: 'alice', isOrgAdmin: null, isTeamAdmin: true },
      fallbackReason:
        'This W&B server rejected Organization.usedSeats, so the member list was built team by team.',
    });
    // What only the org query knows is null, not guessed.
    expect(byTeams.members.every((member) => member.orgRole === null && member.modelsSeat === null)).toBe(
      true,
    );
    expect(
      byTeams.members.every((member) => member.lastActiveAt === null && member.status === 'active'),
    ).toBe(true);
    expect(byTeams.invites).toEqual([
      { id: 'inv-carol', email: 'carol@acme.test', team: 'vision', role: 'member', createdAt: null },
    ]);
  });

  it('per-team mode cannot see teams the viewer is not in, nor members only in those', async () => {
    const world = acmeWorld();
    world.teams.push({ id: 't-secret', name: 'secret', org: 'acme', members: [teamRow('gina', 'admin')] });
    world.orgs[0]!.teams.push({ id: 't-secret', name: 'secret', memberCount: 1 });
    world.orgs[0]!.members.push(orgRow('gina', 'MEMBER', ['secret']), orgRow('erin', 'MEMBER', []));

    const full = await setUp(world).loader.loadDirectory({ kind: 'org', org: 'acme' });
    expect(full.members.map((member) => member.username)).toEqual([
      'alice',
      'bob',
      'dave',
      'erin',
      'frank',
      'gina',
      'svc-bot',
    ]);
    expect(full.members.find((member) => member.username === 'erin')?.teams).toEqual([]);
    expect(full.complete).toBe(true);

    const partial = await setUp({ ...world, rejectOrgField: REJECT_USED_SEATS }).loader.loadDirectory({
      kind: 'org',
      org: 'acme',
    });
    expect(partial.members.map((member) => member.username)).toEqual([
      'alice',
      'bob',
      'dave',
      'frank',
      'svc-bot',
    ]);
    expect(partial.teams.map((team) => team.name)).toEqual(['nlp', 'vision']);
    expect(partial.complete).toBe(false);
  });

  it('skips a team W&B does not show and marks the directory incomplete', async () => {
    const { loader } = setUp(acmeWorld({ invisibleTeams: ['nlp'] }));
    const directory = await loader.loadDirectory({ kind: 'org', org: 'acme' });
    expect(directory.complete).toBe(false);
    const dave = directory.members.find((member) => member.username === 'dave');
    expect(dave?.teams).toEqual([{ team: 'nlp', role: 'unknown' }]);
    expect(directory.teams).toEqual([
      { name: 'nlp', memberCount: 4 },
      { name: 'vision', memberCount: 3 },
    ]);
  });

  it('treats "permission denied" on one team as not visible rather than failing the whole directory', async () => {
    const { loader } = setUp(acmeWorld(), {}, (request) =>
      request.operationName === 'TeamMembers' && request.variables.name === 'nlp'
        ? { json: { data: { entity: null }, errors: [{ message: 'permission denied' }] } }
        : undefined,
    );
    const directory = await loader.loadDirectory({ kind: 'org', org: 'acme' });
    expect(directory.complete).toBe(false);
    expect(directory.members).toHaveLength(5);
  });

  it('team scope: only that team’s members and invites, each member’s teams restricted to it', async () => {
    const { loader } = setUp(acmeWorld());
    const directory = await loader.loadDirectory({ kind: 'team', team: 'vision', org: 'acme' });
    expect(directory.members.map((member) => [member.username, member.orgRole, member.teams])).toEqual([
      ['alice', 'admin', [{ team: 'vision', role: 'admin' }]],
      ['bob', 'member', [{ team: 'vision', role: 'member' }]],
      ['svc-bot', null, [{ team: 'vision', role: 'member' }]],
    ]);
    expect(directory.invites.map((invite) => invite.email)).toEqual(['carol@acme.test']);
    expect(directory.teams).toEqual([{ name: 'vision', memberCount: 3 }]);
    expect(directory).toMatchObject({ complete: true, visibleTeams: 1, source: 'org-query' });
  });

  it('team scope without the org query still lists the team', async () => {
    const { loader } = setUp(acmeWorld({ rejectOrgField: REJECT_USED_SEATS }));
    const directory = await loader.loadDirectory({ kind: 'team', team: 'nlp', org: null });
    expect(directory.members.map((member) => [member.username, member.teams[0]?.role])).toEqual([
      ['alice', 'member'],
      ['bob', 'admin'],
      ['dave', 'view-only'],
      ['frank', 'ml-reviewer'],
    ]);
    expect(directory).toMatchObject({ source: 'per-team', seats: null, org: { id: 'org-1', name: 'acme' } });
  });

  it('reports progress through the organization and then the teams', async () => {
    const progress: LoadProgress[] = [];
    const { loader } = setUp(acmeWorld(), { concurrency: 1 });
    await loader.loadDirectory({ kind: 'org', org: 'acme' }, { onProgress: (step) => progress.push(step) });
    expect(progress).toEqual([
      { done: 0, total: 1, phase: 'organization' },
      { done: 1, total: 1, phase: 'organization' },
      { done: 0, total: 2, phase: 'teams' },
      { done: 1, total: 2, phase: 'teams' },
      { done: 2, total: 2, phase: 'teams' },
    ]);
  });

  it('reads teams concurrently up to the limit', async () => {
    const world = acmeWorld({ rejectOrgField: REJECT_USED_SEATS });
    for (let i = 0; i < 12; i++) {
      world.teams.push({
        id: `t-${i}`,
        name: `team-${i}`,
        org: 'acme',
        members: [teamRow('alice', 'admin')],
      });
      world.viewer!.teams.push(`team-${i}`);
    }
    const { loader, fake } = setUp(world, { concurrency: 4 });
    const directory = await loader.loadDirectory({ kind: 'org', org: 'acme' });
    expect(directory.visibleTeams).toBe(14);
    expect(fake.maxInFlight()).toBe(4);
  });

  it('retries a rate-limited team read, waiting at least Retry-After, and counts both requests', async () => {
    let limited = false;
    const { loader, waits } = setUp(acmeWorld(), {}, (request) => {
      if (request.operationName === 'TeamMembers' && !limited) {
        limited = true;
        return { status: 429, headers: { 'Retry-After': '2' }, text: '' };
      }
      return undefined;
    });
    const directory = await loader.loadDirectory({ kind: 'org', org: 'acme' });
    expect(waits).toEqual([2000]);
    expect(directory.requests).toBe(5);
    expect(directory.complete).toBe(true);
  });

  it('rejects with cancelled when aborted while teams are being read', async () => {
    const controller = new AbortController();
    const { loader } = setUp(acmeWorld(), {}, (request) =>
      request.operationName === 'TeamMembers' ? { hang: true } : undefined,
    );
    const pending = loader.loadDirectory(
      { kind: 'org', org: 'acme' },
      {
        signal: controller.signal,
        onProgress: (step) => {
          if (step.phase === 'teams') setTimeout(() => controller.abort(), 5);
        },
      },
    );
    await expect(pending).rejects.toMatchObject({ kind: 'cancelled' });
  });

  it('rejects at once with cancelled when the signal is already aborted', async () => {
    const { loader, fake } = setUp(acmeWorld());
    await expect(
      loader.loadDirectory({ kind: 'org', org: 'acme' }, { signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({ kind: 'cancelled' });
    expect(fake.requests).toHaveLength(0);
  });

  it('fails with bad-response naming the path when a team list is malformed', async () => {
    const { loader } = setUp(acmeWorld(), {}, (request) =>
      request.operationName === 'TeamMembers'
        ? {
            json: { data: { entity: { id: 't', name: 'x', isTeam: true, members: [{ id: '1', name: 7 }] } } },
          }
        : undefined,
    );
    await expect(loader.loadDirectory({ kind: 'org', org: 'acme' })).rejects.toMatchObject({
      kind: 'bad-response',
      message: expect.stringContaining('entity.members[0].name: expected string, got number'),
    });
  });
});

describe('resolveEntity', () => {
  it('resolves an org name to org scope with one verified lookup', async () => {
    const { loader, fake } = setUp(acmeWorld());
    await expect(loader.resolveEntity('acme')).resolves.toEqual({ kind: 'org', org: 'acme' });
    expect(fake.operations()).toEqual(['OrgLookup']);
  });

  it('resolves a team name to team scope with its organization', async () => {
    const { loader, fake } = setUp(acmeWorld());
    await expect(loader.resolveEntity('vision')).resolves.toEqual({
      kind: 'team',
      team: 'vision',
      org: 'acme',
    });
    expect(fake.operations()).toEqual(['OrgLookup', 'TeamMembers']);
  });

  it('throws not-found when the name is neither', async () => {
    const { loader } = setUp(acmeWorld());
    await expect(loader.resolveEntity('nobody')).rejects.toMatchObject({
      kind: 'not-found',
      message: expect.stringContaining('"nobody"'),
    });
  });
});

describe("resolveInstanceOrg (a dedicated instance's /org/dashboard names no org)", () => {
  const viewerWithTeams = (...teams: [string, string | null][]) => ({
    json: {
      data: {
        viewer: {
          id: 'u1',
          username: 'alice',
          email: 'alice@acme.test',
          admin: false,
          teams: {
            edges: teams.map(([name, org]) => ({ node: { name, organization: org ? { name: org } : null } })),
          },
        },
      },
    },
  });

  it("is the one organization of the viewer's teams, read with one viewer query", async () => {
    const { loader, fake } = setUp(acmeWorld(), {}, (request) =>
      request.operationName === 'KeyOwner'
        ? viewerWithTeams(['vision', 'acme'], ['nlp', 'acme'], ['alice', null])
        : undefined,
    );
    await expect(loader.resolveInstanceOrg()).resolves.toEqual({ kind: 'org', org: 'acme' });
    expect(fake.operations()).toEqual(['KeyOwner']);
  });

  it('says which organizations when the teams name several, and when they name none', async () => {
    const several = setUp(acmeWorld(), {}, (request) =>
      request.operationName === 'KeyOwner'
        ? viewerWithTeams(['vision', 'acme'], ['ops', 'globex'])
        : undefined,
    );
    await expect(several.loader.resolveInstanceOrg()).rejects.toMatchObject({
      kind: 'not-found',
      message: expect.stringContaining('several organizations (acme, globex)'),
    });
    const none = setUp(acmeWorld(), {}, (request) =>
      request.operationName === 'KeyOwner' ? viewerWithTeams(['alice', null]) : undefined,
    );
    await expect(none.loader.resolveInstanceOrg()).rejects.toMatchObject({
      kind: 'not-found',
      message: expect.stringContaining('None of your teams'),
    });
  });
});

describe('normalisation', () => {
  it.each([
    ['FULL', 'full'],
    ['full', 'full'],
    [' Full ', 'full'],
    ['VIEWER', 'viewer'],
    ['viewer', 'viewer'],
    ['NO_ACCESS', 'no-access'],
    ['no access', 'no-access'],
    ['no-access', 'no-access'],
    ['NoAccess', 'no-access'],
    ['none', 'no-access'],
    ['NONE', 'no-access'],
    ['SEAT_PLUS', 'SEAT_PLUS'],
    ['', null],
    [null, null],
    [undefined, null],
  ])('seat %j → %j', (value, expected) => {
    expect(normaliseSeat(value)).toBe(expected);
  });

  it.each([
    ['ADMIN', 'admin'],
    ['Member', 'member'],
    ['viewer', 'viewer'],
    ['ML Auditor', 'ML Auditor'],
    [null, null],
  ])('org role %j → %j', (value, expected) => {
    expect(normaliseOrgRole(value)).toBe(expected);
  });

  it.each([
    [{ role: 'ADMIN', admin: false }, 'admin'],
    [{ role: 'VIEW_ONLY', admin: false }, 'view-only'],
    [{ role: 'view only', admin: null }, 'view-only'],
    [{ role: 'ml-reviewer', admin: false }, 'ml-reviewer'],
    [{ role: null, admin: true }, 'admin'],
    [{ role: null, admin: false }, 'member'],
    [{ role: null, admin: null }, 'member'],
  ])('team role %j → %j', (row, expected) => {
    expect(teamRoleOf(row)).toBe(expected);
  });

  it.each([
    ['SERVICE', 'service'],
    ['service_account', 'service'],
    ['USER', 'user'],
    [null, 'user'],
  ] as const)('account type %j → %j', (value, expected) => {
    expect(accountTypeOf(value)).toBe(expected);
  });
});

describe('names with bidi controls', () => {
  it('are made visible in the directory (org query and per-team rows), usernames untouched', async () => {
    const world = acmeWorld();
    world.orgs[0]!.members.find((m) => m.username === 'bob')!.name = 'Bob \u202Egnp.exe';
    world.teams.find((t) => t.name === 'nlp')!.members.find((m) => m.username === 'dave')!.name =
      '\u2067Dave\u2069';
    const { loader } = setUp(world);
    const directory = await loader.loadDirectory({ kind: 'org', org: 'acme' });
    const byUsername = new Map(directory.members.map((m) => [m.username, m]));
    expect(byUsername.get('bob')?.name).toBe('Bob [U+202E]gnp.exe');
    expect(byUsername.get('dave')?.name).toMatch(/^(\[U\+2067\]Dave\[U\+2069\]|Dave)$/);
    expect(JSON.stringify(directory.members)).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
  });
});
