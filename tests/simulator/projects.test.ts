import { parse, validate } from 'graphql';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createActivityReader } from '@/lib/wandb/activity';
import { createGraphqlTransport, type FetchLike } from '@/lib/wandb/graphql';
import { PROJECT_RUNS_QUERY, TEAM_PROJECTS_QUERY } from '@/lib/wandb/operations';
import { generateOrg } from './generate';
import { fullSchema, strictSchema } from './schema';
import { DEFAULT_SEED_PATH, loadSeedFile, parseSeed, SeedError } from './seed';
import { type Simulator, startSimulator } from './server';
import { OrgState } from './state';
import { simFetch, simGraphql, simLogin } from './test-client';

// biome-ignore lint/suspicious/noExplicitAny: assertions walk JSON answers whose shape the assertions themselves check
type Json = Record<string, any>;

function seedWith(projects: unknown): Record<string, unknown> {
  return {
    org: { id: 'org-1', name: 'acme', seats: { models: 10, modelsViewer: 5 } },
    admin: 'alice',
    members: [
      {
        username: 'alice',
        name: 'Alice',
        email: 'alice@acme.test',
        orgRole: 'admin',
        modelsSeat: 'full',
        weaveAccess: 'full',
        accountType: 'user',
      },
      {
        username: 'bob',
        name: 'Bob',
        email: 'bob@acme.test',
        orgRole: 'member',
        modelsSeat: 'full',
        weaveAccess: 'full',
        accountType: 'user',
      },
    ],
    teams: [
      { name: 'vision', members: [{ username: 'alice', role: 'admin' }] },
      { name: 'nlp', members: [{ username: 'bob', role: 'member' }] },
    ],
    projects,
  };
}

function issuesOf(json: unknown): string[] {
  try {
    parseSeed(json);
  } catch (error) {
    expect(error).toBeInstanceOf(SeedError);
    return (error as SeedError).issues.map((i) => `${i.path}: ${i.message}`);
  }
  throw new Error('expected the seed to be rejected');
}

const run = (name: string, user: string | null, createdAt: string, heartbeatAt: string | null) => ({
  name,
  user,
  createdAt,
  heartbeatAt,
});

describe('seed key "projects"', () => {
  it('is optional and fills defaults (createdAt, runs)', () => {
    expect(parseSeed(seedWith(undefined)).projects).toEqual([]);
    const seed = parseSeed(seedWith([{ team: 'vision', name: 'p1' }]));
    expect(seed.projects).toEqual([
      { team: 'vision', name: 'p1', createdAt: '2025-01-01T00:00:00Z', runs: [] },
    ]);
  });

  it('accepts null heartbeats and authorless runs', () => {
    const seed = parseSeed(
      seedWith([
        {
          team: 'vision',
          name: 'p1',
          runs: [
            run('r1', 'alice', '2026-10-01T00:00:00Z', null),
            run('r2', null, '2026-10-01T00:00:00Z', '2026-10-02T00:00:00Z'),
          ],
        },
      ]),
    );
    expect(seed.projects[0]!.runs.map((r) => [r.user, r.heartbeatAt])).toEqual([
      ['alice', null],
      [null, '2026-10-02T00:00:00Z'],
    ]);
  });

  it('reports shape problems with their JSON paths', () => {
    expect(
      issuesOf(
        seedWith([
          {
            team: 'vision',
            name: 'p1',
            colour: 'red',
            runs: [
              { name: 'r1', user: 'alice', createdAt: 'yesterday', heartbeatAt: null },
              { name: 'r2', user: 'alice', createdAt: '2026-10-01T00:00:00Z' },
            ],
          },
        ]),
      ),
    ).toEqual([
      'projects[0].runs[0].createdAt: expected an ISO 8601 date-time',
      'projects[0].runs[1].heartbeatAt: required',
      'projects[0].colour: unknown key',
    ]);
  });

  it('cross-checks teams, users, duplicates and dates', () => {
    expect(
      issuesOf(
        seedWith([
          { team: 'robotics', name: 'p1' },
          {
            team: 'vision',
            name: 'p1',
            runs: [
              run('r1', 'mallory', '2026-10-01T00:00:00Z', null),
              run('r1', 'alice', '2026-10-02T00:00:00Z', '2026-10-01T00:00:00Z'),
            ],
          },
          { team: 'vision', name: 'p1' },
          // another team may use the same project name
          { team: 'nlp', name: 'p1', runs: [run('r1', 'bob', '2026-10-01T00:00:00Z', null)] },
        ]),
      ),
    ).toEqual([
      'projects[0].team: no team named "robotics"',
      'projects[1].runs[0].user: "mallory" is not a listed member',
      'projects[1].runs[1].name: duplicate run "r1" in "p1"',
      'projects[1].runs[1].heartbeatAt: is before createdAt',
      'projects[2].name: duplicate project "p1" in team "vision"',
    ]);
  });

  it('round-trips through the state, also after the author leaves the org', () => {
    const seed = parseSeed(
      seedWith([
        {
          team: 'nlp',
          name: 'p1',
          createdAt: '2026-01-01T00:00:00Z',
          runs: [run('r1', 'bob', '2026-10-01T00:00:00Z', '2026-10-01T01:00:00Z')],
        },
        { team: 'vision', name: 'p2', runs: [] },
      ]),
    );
    const state = new OrgState(seed);
    expect(parseSeed(JSON.parse(JSON.stringify(state.toSeed())))).toEqual(seed);
    state.removeFromOrg('bob');
    const after = parseSeed(JSON.parse(JSON.stringify(state.toSeed())));
    expect(after.projects[0]!.runs[0]!.user).toBeNull();
  });

  it('is in the default seed: 4 projects over vision, nlp and robotics, one run without a heartbeat', () => {
    const seed = loadSeedFile(DEFAULT_SEED_PATH);
    expect(seed.projects.map((p) => `${p.team}/${p.name}`)).toEqual([
      'vision/resnet-sweeps',
      'vision/segmentation',
      'nlp/llm-finetune',
      'robotics/grasping',
    ]);
    const runs = seed.projects.flatMap((p) => p.runs);
    expect(runs.filter((r) => r.heartbeatAt === null)).toHaveLength(1);
    expect(new Set(runs.map((r) => r.user)).size).toBeGreaterThanOrEqual(8);
  });

  it('is generated deterministically, 1–2 projects per team with valid authors, without changing members', () => {
    const a = generateOrg({ members: 300, teams: 10, seed: 5 });
    const b = generateOrg({ members: 300, teams: 10, seed: 5 });
    expect(JSON.stringify(a.projects)).toBe(JSON.stringify(b.projects));
    const parsed = parseSeed(a);
    for (const team of parsed.teams) {
      const own = parsed.projects.filter((p) => p.team === team.name);
      expect(own.length).toBeGreaterThanOrEqual(1);
      expect(own.length).toBeLessThanOrEqual(2);
      const members = new Set(team.members.map((m) => m.username));
      for (const p of own) {
        expect(p.runs.length).toBeGreaterThanOrEqual(2);
        for (const r of p.runs) expect(members.has(r.user!)).toBe(true);
      }
    }
    expect(parsed.projects.flatMap((p) => p.runs).some((r) => r.heartbeatAt === null)).toBe(true);
  });
});

describe('projects and runs over HTTPS (acme seed)', () => {
  let sim: Simulator;
  let alice: string;
  let frank: string;
  beforeAll(async () => {
    sim = await startSimulator();
    alice = await simLogin(sim, 'alice'); // org admin
    frank = await simLogin(sim, 'frank'); // member of nlp and others, not of vision
  });
  afterAll(() => sim.close());
  afterEach(() => sim.setConfig({ strictVerified: false }));

  const projectsQuery = `query P($entity: String, $order: String, $first: Int, $after: String) {
    projects(entityName: $entity, order: $order, first: $first, after: $after) {
      edges { node { id name createdAt } cursor }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    } }`;
  const runsQuery = `query R($entity: String, $project: String, $order: String, $first: Int, $after: String, $filters: JSONString) {
    project(name: $project, entityName: $entity) {
      name
      runs(order: $order, first: $first, after: $after, filters: $filters) {
        totalCount
        edges { node { name createdAt heartbeatAt user { username name } } cursor }
        pageInfo { hasNextPage endCursor }
      } } }`;

  async function runNames(variables: Json, cookie = alice): Promise<(string | null)[]> {
    const r = await simGraphql(sim, runsQuery, variables, { cookie });
    expect(r.body.errors).toBeUndefined();
    return (r.body.data!.project as Json).runs.edges.map((e: Json) => e.node.name);
  }

  it('lists a team\'s projects in creation order, or by "-created_at" / "name"', async () => {
    const names = async (order?: string) => {
      const r = await simGraphql(sim, projectsQuery, { entity: 'vision', order }, { cookie: alice });
      expect(r.body.errors).toBeUndefined();
      return (r.body.data!.projects as Json).edges.map((e: Json) => e.node.name);
    };
    expect(await names()).toEqual(['resnet-sweeps', 'segmentation']);
    expect(await names('-created_at')).toEqual(['segmentation', 'resnet-sweeps']);
    expect(await names('-name')).toEqual(['segmentation', 'resnet-sweeps']);
    const r = await simGraphql(sim, projectsQuery, { entity: 'vision' }, { cookie: alice });
    expect((r.body.data!.projects as Json).edges[0].node).toEqual({
      id: expect.stringMatching(/^project-/),
      name: 'resnet-sweeps',
      createdAt: '2026-09-15T08:00:00Z',
    });
  });

  it('pages projects with first/after', async () => {
    const p1 = await simGraphql(sim, projectsQuery, { entity: 'vision', first: 1 }, { cookie: alice });
    const c1 = p1.body.data!.projects as Json;
    expect(c1.edges.map((e: Json) => e.node.name)).toEqual(['resnet-sweeps']);
    expect(c1.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(c1.pageInfo.endCursor).toBe(c1.edges[0].cursor);
    const p2 = await simGraphql(
      sim,
      projectsQuery,
      { entity: 'vision', first: 1, after: c1.pageInfo.endCursor },
      { cookie: alice },
    );
    const c2 = p2.body.data!.projects as Json;
    expect(c2.edges.map((e: Json) => e.node.name)).toEqual(['segmentation']);
    expect(c2.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const bad = await simGraphql(sim, projectsQuery, { entity: 'vision', after: 'nope' }, { cookie: alice });
    expect(bad.body.errors![0]!.message).toBe('invalid cursor "nope"');
  });

  it('orders runs by "-heartbeat_at" (null last), "+heartbeat_at" (null first) and "-created_at"', async () => {
    const base = { entity: 'vision', project: 'resnet-sweeps' };
    expect(await runNames({ ...base, order: '-heartbeat_at' })).toEqual([
      'v1a2b3c4',
      'v1g8h9i0',
      'v1d5e6f7',
      'v1m4n5o6',
      'v1j1k2l3',
    ]);
    expect(await runNames({ ...base, order: '+heartbeat_at' })).toEqual([
      'v1j1k2l3',
      'v1m4n5o6',
      'v1d5e6f7',
      'v1g8h9i0',
      'v1a2b3c4',
    ]);
    expect(await runNames({ ...base, order: 'heartbeat_at' })).toEqual(
      await runNames({ ...base, order: '+heartbeat_at' }),
    );
    expect(await runNames({ ...base, order: '-created_at' })).toEqual([
      'v1a2b3c4',
      'v1g8h9i0',
      'v1j1k2l3',
      'v1d5e6f7',
      'v1m4n5o6',
    ]);
  });

  it('answers the run fields the SDK selects, with first, totalCount and pageInfo', async () => {
    const r = await simGraphql(
      sim,
      runsQuery,
      { entity: 'vision', project: 'resnet-sweeps', order: '-heartbeat_at', first: 2 },
      { cookie: alice },
    );
    const runs = (r.body.data!.project as Json).runs;
    expect(runs.totalCount).toBe(5);
    expect(runs.pageInfo.hasNextPage).toBe(true);
    expect(runs.edges[0].node).toEqual({
      name: 'v1a2b3c4',
      createdAt: '2026-11-12T07:40:00Z',
      heartbeatAt: '2026-11-12T09:05:00Z',
      user: { username: 'carol', name: 'Carol Chen' },
    });
    const next = await runNames({
      entity: 'vision',
      project: 'resnet-sweeps',
      order: '-heartbeat_at',
      first: 2,
      after: runs.pageInfo.endCursor,
    });
    expect(next).toEqual(['v1d5e6f7', 'v1m4n5o6']);
    expect(await runNames({ entity: 'vision', project: 'resnet-sweeps', first: 0 })).toEqual([]);
  });

  it('accepts "{}" as filters but refuses filter keys and unknown orders', async () => {
    const base = { entity: 'nlp', project: 'llm-finetune' };
    expect(await runNames({ ...base, filters: '{}' })).toHaveLength(4);
    const filtered = await simGraphql(
      sim,
      runsQuery,
      { ...base, filters: JSON.stringify({ username: 'frank' }) },
      { cookie: alice },
    );
    expect(filtered.body.errors![0]!.message).toBe('run filters are not simulated');
    const order = await simGraphql(
      sim,
      runsQuery,
      { ...base, order: '-summary_metrics.loss' },
      { cookie: alice },
    );
    expect(order.body.errors![0]!.message).toMatch(/^unsupported order "-summary_metrics.loss"/);
  });

  it('shows projects like their team: members and org admins; null for others and unknown names', async () => {
    const projects = async (entity: string, cookie: string) =>
      (await simGraphql(sim, projectsQuery, { entity }, { cookie })).body.data!.projects as Json | null;
    expect(await projects('vision', frank)).toBeNull();
    expect((await projects('nlp', frank))!.edges.map((e: Json) => e.node.name)).toEqual(['llm-finetune']);
    expect(await projects('no-such-team', alice)).toBeNull();
    expect((await projects('frank', frank))!.edges).toEqual([]);
    const hidden = await simGraphql(
      sim,
      runsQuery,
      { entity: 'vision', project: 'resnet-sweeps' },
      { cookie: frank },
    );
    expect(hidden.body).toEqual({ data: { project: null } });
    const missing = await simGraphql(
      sim,
      runsQuery,
      { entity: 'vision', project: 'nope' },
      { cookie: alice },
    );
    expect(missing.body).toEqual({ data: { project: null } });
    const anonymous = await simGraphql(sim, projectsQuery, { entity: 'vision' });
    expect(anonymous.body.errors![0]!.message).toBe('permission denied');
  });

  it('keeps both operations in strict-verified mode (they use verified fields only)', async () => {
    expect(validate(strictSchema, parse(TEAM_PROJECTS_QUERY))).toEqual([]);
    expect(validate(strictSchema, parse(PROJECT_RUNS_QUERY))).toEqual([]);
    expect(validate(fullSchema, parse(PROJECT_RUNS_QUERY))).toEqual([]);
    sim.setConfig({ strictVerified: true });
    const projects = await simGraphql(sim, TEAM_PROJECTS_QUERY, { entity: 'robotics' }, { cookie: alice });
    expect(projects.status).toBe(200);
    expect(projects.body.data).toEqual({
      projects: {
        edges: [{ node: { id: expect.any(String), name: 'grasping' } }],
        pageInfo: { endCursor: expect.any(String), hasNextPage: false },
      },
    });
    const runs = await simGraphql(
      sim,
      PROJECT_RUNS_QUERY,
      { project: 'grasping', entity: 'robotics', order: '-heartbeat_at' },
      { cookie: alice },
    );
    expect(runs.status).toBe(200);
    expect(
      (runs.body.data!.project as Json).runs.edges.map((e: Json) => [
        e.node.user.username,
        e.node.heartbeatAt,
      ]),
    ).toEqual([
      ['zoe', '2026-11-08T19:10:00Z'],
      ['dave', '2026-11-01T10:30:00Z'],
      ['anders.oyelaran', '2026-10-12T08:00:00Z'],
    ]);
  });

  it('lets the activity reader find the latest heartbeat per member, skipping teams the viewer cannot see', async () => {
    const fetchAs =
      (cookie: string): FetchLike =>
      async (url, init) =>
        simFetch(sim, url, {
          method: init.method ?? 'POST',
          headers: { ...(init.headers as Record<string, string>), cookie },
          body: String(init.body),
        });
    const transport = (cookie: string) =>
      createGraphqlTransport({
        apiOrigin: 'https://api.wandb.ai',
        appOrigin: 'https://wandb.ai',
        fetch: fetchAs(cookie),
      });

    const all = await createActivityReader(transport(alice)).latestHeartbeats(['vision', 'nlp', 'robotics']);
    expect(all).toMatchObject({ projectsRead: 4, runsRead: 15, requests: 7, complete: true });
    expect(Object.fromEntries(all.byUsername)).toEqual({
      carol: '2026-11-12T09:05:00Z',
      dave: '2026-11-14T08:15:00Z',
      judy: '2026-10-05T09:20:00Z',
      'john.doe': '2026-10-28T17:00:00Z',
      erin: '2026-11-10T23:30:00Z',
      frank: '2026-11-05T16:40:00Z',
      lina: '2026-10-25T11:50:00Z',
      zoe: '2026-11-08T19:10:00Z',
      'anders.oyelaran': '2026-10-12T08:00:00Z',
    });

    const partial = await createActivityReader(transport(frank)).latestHeartbeats(['vision', 'nlp']);
    expect(partial).toMatchObject({
      complete: false,
      skipped: [{ team: 'vision', project: null }],
      projectsRead: 1,
    });
    expect([...partial.byUsername.keys()].sort()).toEqual(['erin', 'frank', 'lina']);
  });
});
