import { describe, expect, it } from 'vitest';
import {
  type ActivityProgress,
  type ActivityReaderOptions,
  createActivityReader,
} from '@/lib/wandb/activity';
import { WandbError } from '@/lib/wandb/errors';
import { createGraphqlTransport } from '@/lib/wandb/graphql';
import { createFakeFetch, instantRetry, type RecordedRequest, type ScriptedReply } from './fakeWandb';

interface FakeRun {
  name: string;
  user: string | null;
  heartbeatAt: string | null;
}

/** team → project → runs; `null` for a team or project the viewer cannot see. */
type World = Record<string, Record<string, FakeRun[] | null> | null>;

const run = (name: string, user: string | null, heartbeatAt: string | null): FakeRun => ({
  name,
  user,
  heartbeatAt,
});

/** A scripted W&B answering TeamProjects (paged by `$perPage`/`$cursor`) and Runs (ordered by -heartbeat_at). */
function server(world: World) {
  return (request: RecordedRequest): ScriptedReply => {
    const v = request.variables;
    if (request.operationName === 'TeamProjects') {
      const team = world[v.entity as string];
      if (team === undefined || team === null) return { json: { data: { projects: null } } };
      const names = Object.keys(team);
      const start = v.cursor ? names.indexOf(v.cursor as string) + 1 : 0;
      const page = names.slice(start, start + (v.perPage as number));
      return {
        json: {
          data: {
            projects: {
              edges: page.map((name) => ({ node: { id: `id-${name}`, name } })),
              pageInfo: { endCursor: page.at(-1) ?? null, hasNextPage: start + page.length < names.length },
            },
          },
        },
      };
    }
    if (request.operationName === 'Runs') {
      const runs = world[v.entity as string]?.[v.project as string];
      if (!runs) return { json: { data: { project: null } } };
      const sorted = [...runs].sort(
        (a, b) =>
          (b.heartbeatAt === null ? -Infinity : Date.parse(b.heartbeatAt)) -
          (a.heartbeatAt === null ? -Infinity : Date.parse(a.heartbeatAt)),
      );
      const page = sorted.slice(0, v.perPage as number);
      return {
        json: {
          data: {
            project: {
              runs: {
                edges: page.map((r) => ({
                  node: {
                    name: r.name,
                    createdAt: '2026-09-01T00:00:00Z',
                    heartbeatAt: r.heartbeatAt,
                    user: r.user === null ? null : { name: r.user.toUpperCase(), username: r.user },
                  },
                  cursor: `c-${r.name}`,
                })),
                pageInfo: { endCursor: page.at(-1)?.name ?? null, hasNextPage: sorted.length > page.length },
              },
            },
          },
        },
      };
    }
    throw new Error(`unexpected operation ${request.operationName}`);
  };
}

function setUp(
  world: World,
  options: ActivityReaderOptions = {},
  override?: (request: RecordedRequest) => ScriptedReply | Promise<ScriptedReply> | undefined,
) {
  const answer = server(world);
  const fake = createFakeFetch(async (request) => (await override?.(request)) ?? answer(request));
  const transport = createGraphqlTransport({
    apiOrigin: 'https://api.wandb.ai',
    appOrigin: 'https://wandb.ai',
    fetch: fake.fetch,
  });
  const { retry, waits } = instantRetry();
  const reader = createActivityReader(transport, { retry, ...options });
  return { reader, fake, waits };
}

const WORLD: World = {
  vision: {
    sweeps: [
      run('a', 'carol', '2026-11-12T09:05:00Z'),
      run('b', 'dave', '2026-10-20T18:30:00Z'),
      run('c', 'atticus', null),
    ],
    segmentation: [run('d', 'dave', '2026-11-14T08:15:00Z'), run('e', 'carol', '2026-10-02T12:00:00Z')],
  },
  nlp: {
    finetune: [
      run('f', 'carol', '2026-11-20T00:00:00Z'),
      // 10:00 at +02:00 is 08:00Z: earlier than 09:00Z although it sorts later as text
      run('g', 'erin', '2026-11-01T10:00:00+02:00'),
      run('h', 'erin', '2026-11-01T09:00:00Z'),
      run('i', null, '2026-12-01T00:00:00Z'),
    ],
  },
};

describe('latestHeartbeats', () => {
  it('keeps the latest heartbeat per username across projects and teams, ignoring null heartbeats and authors', async () => {
    const { reader } = setUp(WORLD);
    const result = await reader.latestHeartbeats(['vision', 'nlp']);
    expect(Object.fromEntries(result.byUsername)).toEqual({
      carol: '2026-11-20T00:00:00Z',
      dave: '2026-11-14T08:15:00Z',
      erin: '2026-11-01T09:00:00Z',
    });
    expect(result.byUsername.has('atticus')).toBe(false);
    expect(result).toMatchObject({
      projectsRead: 3,
      runsRead: 9,
      complete: true,
      skipped: [],
      truncatedProjects: 0,
    });
  });

  it('sends one project listing per team and one Runs request per project, ordered by -heartbeat_at', async () => {
    const { reader, fake } = setUp(WORLD);
    const result = await reader.latestHeartbeats(['vision', 'nlp', 'vision']);
    expect(result.requests).toBe(5);
    expect(fake.requests).toHaveLength(5);
    expect(fake.operations().slice(0, 2)).toEqual(['TeamProjects', 'TeamProjects']);
    expect(fake.requests[0]!.variables).toEqual({ entity: 'vision', cursor: null, perPage: 100 });
    const runReads = fake.requests.filter((r) => r.operationName === 'Runs').map((r) => r.variables);
    expect(runReads).toContainEqual({
      project: 'sweeps',
      entity: 'vision',
      perPage: 50,
      order: '-heartbeat_at',
    });
    for (const variables of runReads) expect(variables).not.toHaveProperty('filters');
    expect(fake.requests.every((r) => r.url === 'https://api.wandb.ai/graphql')).toBe(true);
  });

  it('pages through a team with many projects and honours runsPerProject', async () => {
    const many: World = {
      big: Object.fromEntries(
        Array.from({ length: 5 }, (_, i) => [
          `p${i}`,
          [run(`r${i}`, `u${i}`, `2026-10-0${i + 1}T00:00:00Z`)],
        ]),
      ),
    };
    const { reader, fake } = setUp(many, { projectsPerPage: 2, runsPerProject: 7 });
    const result = await reader.latestHeartbeats(['big']);
    const listings = fake.requests.filter((r) => r.operationName === 'TeamProjects').map((r) => r.variables);
    expect(listings).toEqual([
      { entity: 'big', cursor: null, perPage: 2 },
      { entity: 'big', cursor: 'p1', perPage: 2 },
      { entity: 'big', cursor: 'p3', perPage: 2 },
    ]);
    expect(result).toMatchObject({ projectsRead: 5, requests: 8, complete: true });
    expect(
      fake.requests.filter((r) => r.operationName === 'Runs').every((r) => r.variables.perPage === 7),
    ).toBe(true);
  });

  it('counts projects with more runs than it reads as truncated', async () => {
    const { reader } = setUp(WORLD, { runsPerProject: 2 });
    const result = await reader.latestHeartbeats(['vision', 'nlp']);
    expect(result.truncatedProjects).toBe(2);
    expect(result.runsRead).toBe(6);
    expect(result.complete).toBe(true);
  });

  it('skips a team or project the viewer cannot see (null or permission denied) and reports complete: false', async () => {
    const world: World = {
      ...WORLD,
      secret: null,
      robotics: { hidden: null, grasping: [run('z', 'zoe', null)] },
    };
    const { reader } = setUp(world, {}, (request) =>
      request.variables.entity === 'denied'
        ? { status: 200, json: { data: { projects: null }, errors: [{ message: 'permission denied' }] } }
        : undefined,
    );
    const result = await reader.latestHeartbeats(['vision', 'secret', 'denied', 'robotics']);
    expect(result.complete).toBe(false);
    expect(result.skipped).toEqual([
      { team: 'secret', project: null },
      { team: 'denied', project: null },
      { team: 'robotics', project: 'hidden' },
    ]);
    expect(result.projectsRead).toBe(3);
    expect(result.byUsername.get('dave')).toBe('2026-11-14T08:15:00Z');
  });

  it('retries transient failures and counts every attempt', async () => {
    let failed = false;
    const { reader, waits } = setUp(WORLD, {}, (request) => {
      if (request.operationName === 'Runs' && !failed) {
        failed = true;
        return { status: 503, text: 'busy' };
      }
      return undefined;
    });
    const result = await reader.latestHeartbeats(['vision', 'nlp']);
    expect(result.requests).toBe(6);
    expect(waits).toHaveLength(1);
    expect(result.complete).toBe(true);
  });

  it('rejects on a failure that is not about visibility (a lost session)', async () => {
    const { reader } = setUp(WORLD, {}, (request) =>
      request.operationName === 'Runs'
        ? { status: 401, json: { errors: [{ message: 'relogin required' }] } }
        : undefined,
    );
    await expect(reader.latestHeartbeats(['vision'])).rejects.toMatchObject({ kind: 'not-signed-in' });
  });

  it('stays within the concurrency limit and reports progress per phase', async () => {
    const world: World = Object.fromEntries(
      Array.from({ length: 6 }, (_, t) => [
        `team${t}`,
        { a: [run(`a${t}`, `u${t}`, '2026-10-01T00:00:00Z')], b: [] },
      ]),
    );
    const { reader, fake } = setUp(world, { concurrency: 2 });
    const progress: ActivityProgress[] = [];
    const result = await reader.latestHeartbeats(Object.keys(world), { onProgress: (p) => progress.push(p) });
    expect(fake.maxInFlight()).toBeLessThanOrEqual(2);
    expect(result.requests).toBe(18);
    expect(progress[0]).toEqual({ done: 0, total: 6, phase: 'projects' });
    expect(progress.filter((p) => p.phase === 'projects').at(-1)).toEqual({
      done: 6,
      total: 6,
      phase: 'projects',
    });
    expect(progress.find((p) => p.phase === 'runs')).toEqual({ done: 0, total: 12, phase: 'runs' });
    expect(progress.at(-1)).toEqual({ done: 12, total: 12, phase: 'runs' });
    const runsDone = progress.filter((p) => p.phase === 'runs').map((p) => p.done);
    expect(runsDone).toEqual([...runsDone].sort((a, b) => a - b));
  });

  it('rejects with "cancelled" when the signal aborts mid-read, and aborts the requests in flight', async () => {
    const controller = new AbortController();
    const { reader, fake } = setUp(WORLD, {}, (request) => {
      if (request.operationName === 'Runs') {
        controller.abort();
        return { hang: true };
      }
      return undefined;
    });
    const error = await reader
      .latestHeartbeats(['vision', 'nlp'], { signal: controller.signal })
      .catch((e) => e);
    expect(error).toBeInstanceOf(WandbError);
    expect(error.kind).toBe('cancelled');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(fake.abortedHangs()).toBeGreaterThanOrEqual(1);
  });

  it('sends nothing when the signal is already aborted', async () => {
    const { reader, fake } = setUp(WORLD);
    const controller = new AbortController();
    controller.abort();
    await expect(reader.latestHeartbeats(['vision'], { signal: controller.signal })).rejects.toMatchObject({
      kind: 'cancelled',
    });
    expect(fake.requests).toHaveLength(0);
  });

  it('reads nothing for no teams', async () => {
    const { reader, fake } = setUp(WORLD);
    const result = await reader.latestHeartbeats([]);
    expect(result).toMatchObject({ projectsRead: 0, runsRead: 0, requests: 0, complete: true });
    expect(result.byUsername.size).toBe(0);
    expect(fake.requests).toHaveLength(0);
  });
});

describe('estimate', () => {
  it('counts one request per distinct team at least and explains the per-project cost', () => {
    const { reader } = setUp(WORLD);
    const estimate = reader.estimate(['vision', 'nlp', 'vision', ' ']);
    expect(estimate.requestsAtLeast).toBe(2);
    expect(estimate.explanation).toContain('the projects of 2 teams: at least 2 requests');
    expect(estimate.explanation).toContain('the 50 most recent runs of every project');
    expect(estimate.explanation).toContain('one request per project');
    expect(estimate.explanation).toContain('cancel');
  });

  it('follows the configured page sizes and handles one team and none', () => {
    const { reader } = setUp(WORLD, { runsPerProject: 20, projectsPerPage: 30 });
    const one = reader.estimate(['vision']);
    expect(one.requestsAtLeast).toBe(1);
    expect(one.explanation).toContain('the projects of 1 team: at least 1 request,');
    expect(one.explanation).toContain('every further 30 projects');
    expect(one.explanation).toContain('the 20 most recent runs');
    expect(reader.estimate([])).toEqual({
      requestsAtLeast: 0,
      explanation: 'No teams are selected, so nothing would be read.',
    });
  });
});
