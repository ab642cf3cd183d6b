/**
 * Guards of the impact's extra reads (`lib/offboarding/reads.ts`): what is asked of W&B, that a
 * partial read says it is partial, that only the member's own runs and keys are listed, that a read
 * W&B refuses says why instead of reading as "none", and that a cancelled read stops (found by
 * mutation testing, issue #17).
 */
import { describe, expect, it } from 'vitest';
import { readApiKeys, readMemberRuns } from '@/lib/offboarding/reads';
import { WandbError } from '@/lib/wandb/errors';
import type { GraphqlTransport } from '@/lib/wandb/graphql';
import { PROJECT_RUNS_QUERY, TEAM_PROJECTS_QUERY, USER_API_KEYS_QUERY } from '@/lib/wandb/operations';

type Answer = (variables: Record<string, unknown>) => unknown;

/** A transport answering each document with `answers[name]`, recording what was asked (and with which signal). */
function fakeTransport(answers: { projects?: Answer; runs?: Answer; keys?: Answer }) {
  const asked: { query: string; variables: Record<string, unknown>; signal: AbortSignal | undefined }[] = [];
  const names = new Map([
    [TEAM_PROJECTS_QUERY, 'projects'],
    [PROJECT_RUNS_QUERY, 'runs'],
    [USER_API_KEYS_QUERY, 'keys'],
  ] as const);
  const transport = {
    endpoint: 'https://api.wandb.ai/graphql',
    appOrigin: 'https://wandb.ai',
    async request(
      document: string,
      variables: Record<string, unknown>,
      schema: { parse(v: unknown): unknown },
      options?: { signal?: AbortSignal },
    ) {
      const query = names.get(document as never) ?? 'unknown';
      asked.push({ query, variables, signal: options?.signal });
      if (options?.signal?.aborted)
        throw new WandbError({ kind: 'cancelled', message: 'The request was cancelled.' });
      const answer = answers[query as keyof typeof answers];
      if (!answer) throw new Error(`unexpected ${query}`);
      return schema.parse(answer(variables));
    },
  } as unknown as GraphqlTransport;
  return { transport, asked };
}

const projectsOf = (names: string[], hasNextPage = false) => ({
  projects: {
    edges: names.map((name) => ({ node: { id: `id-${name}`, name } })),
    pageInfo: { endCursor: null, hasNextPage },
  },
});
const run = (
  name: string,
  username: string | null,
  heartbeatAt: string | null,
  createdAt = '2026-11-01T00:00:00Z',
) => ({
  node: { name, createdAt, heartbeatAt, user: username === null ? null : { name: username, username } },
});
const runsOf = (edges: unknown[], hasNextPage = false) => ({
  project: { runs: { edges, pageInfo: { endCursor: null, hasNextPage } } },
});

describe('recent runs', () => {
  it('guard "every project of every team is read, newest heartbeat first, and only the member\'s runs are listed"', async () => {
    const { transport, asked } = fakeTransport({
      projects: ({ entity }) => projectsOf(entity === 'vision' ? ['cars'] : ['chat']),
      runs: ({ project }) =>
        project === 'cars'
          ? runsOf([run('c1', 'frank', '2026-11-20T00:00:00Z'), run('c2', 'zoe', '2026-11-27T00:00:00Z')])
          : runsOf([run('h1', 'frank', '2026-11-25T00:00:00Z'), run('h2', null, '2026-11-28T00:00:00Z')]),
    });
    const result = await readMemberRuns(transport, ['vision', 'nlp'], 'frank');
    expect(result).toEqual({
      status: 'read',
      items: [
        {
          team: 'nlp',
          project: 'chat',
          name: 'h1',
          createdAt: '2026-11-01T00:00:00Z',
          heartbeatAt: '2026-11-25T00:00:00Z',
        },
        {
          team: 'vision',
          project: 'cars',
          name: 'c1',
          createdAt: '2026-11-01T00:00:00Z',
          heartbeatAt: '2026-11-20T00:00:00Z',
        },
      ],
    });
    expect(result).not.toHaveProperty('note');
    expect(asked.map(({ query, variables }) => [query, variables])).toEqual([
      ['projects', { entity: 'vision', perPage: 100 }],
      ['projects', { entity: 'nlp', perPage: 100 }],
      ['runs', { project: 'cars', entity: 'vision', perPage: 50, order: '-heartbeat_at' }],
      ['runs', { project: 'chat', entity: 'nlp', perPage: 50, order: '-heartbeat_at' }],
    ]);
  });

  const NOTE = 'Only the 50 most recent runs of each project were read; older runs are not listed.';

  it('guard "a read cut short says so": more projects than one page', async () => {
    const { transport } = fakeTransport({
      projects: ({ entity }) => projectsOf(['p'], entity === 'nlp'),
      runs: () => runsOf([run('r', 'frank', null)]),
    });
    expect(await readMemberRuns(transport, ['vision', 'nlp'], 'frank')).toMatchObject({
      status: 'read',
      note: NOTE,
    });
  });

  it('guard "a read cut short says so": more runs than one page in one project', async () => {
    const { transport } = fakeTransport({
      projects: () => projectsOf(['a', 'b']),
      runs: ({ project }) => runsOf([run('r', 'frank', null)], project === 'b'),
    });
    expect(await readMemberRuns(transport, ['vision'], 'frank')).toMatchObject({
      status: 'read',
      note: NOTE,
    });
  });

  it('guard "a team or project W&B does not show is no runs, not a failure"', async () => {
    const { transport, asked } = fakeTransport({
      projects: ({ entity }) => (entity === 'gone' ? { projects: null } : projectsOf(['a', 'b'])),
      runs: ({ project }) => (project === 'a' ? { project: null } : { project: { runs: null } }),
    });
    expect(await readMemberRuns(transport, ['gone', 'vision'], 'frank')).toEqual({
      status: 'read',
      items: [],
    });
    expect(asked.map(({ query, variables }) => [query, variables.entity, variables.project])).toEqual([
      ['projects', 'gone', undefined],
      ['projects', 'vision', undefined],
      ['runs', 'vision', 'a'],
      ['runs', 'vision', 'b'],
    ]);
  });

  it('guard "a refused read says why, never none"', async () => {
    const { transport } = fakeTransport({
      projects: () => {
        throw new WandbError({ kind: 'not-admin', message: 'You are not an admin of vision.' });
      },
    });
    expect(await readMemberRuns(transport, ['vision'], 'frank')).toEqual({
      status: 'unreadable',
      reason: 'Runs could not be read: You are not an admin of vision.',
    });
    const thrown = fakeTransport({
      projects: () => {
        throw 'socket hang up';
      },
    });
    expect(await readMemberRuns(thrown.transport, ['vision'], 'frank')).toEqual({
      status: 'unreadable',
      reason: 'Runs could not be read: socket hang up',
    });
  });

  it('guard "a cancelled read stops": the signal goes with every request, and no retry follows an abort', async () => {
    const controller = new AbortController();
    const { transport, asked } = fakeTransport({
      projects: () => projectsOf(['a']),
      runs: () => {
        controller.abort();
        throw new WandbError({ kind: 'server', message: 'W&B answered 502.' });
      },
    });
    await expect(readMemberRuns(transport, ['vision'], 'frank', controller.signal)).rejects.toMatchObject({
      kind: 'cancelled',
    });
    expect(asked.map((entry) => [entry.query, entry.signal === controller.signal])).toEqual([
      ['projects', true],
      ['runs', true],
    ]);
  });

  it('guard "a cancelled read stops" while the projects are read, too', async () => {
    const controller = new AbortController();
    const { transport, asked } = fakeTransport({
      projects: () => {
        controller.abort();
        throw new WandbError({ kind: 'server', message: 'W&B answered 502.' });
      },
    });
    await expect(readMemberRuns(transport, ['vision'], 'frank', controller.signal)).rejects.toMatchObject({
      kind: 'cancelled',
    });
    expect(asked.map((entry) => entry.query)).toEqual(['projects']);
  });
});

describe('API key names', () => {
  const users = (...entries: [string, string[]][]) => ({
    users: {
      edges: entries.map(([username, keys]) => ({
        node: {
          id: `id-${username}`,
          username,
          apiKeys: { edges: keys.map((name) => ({ node: { id: null, name } })) },
        },
      })),
    },
  });

  it('guard "only the member\'s own keys": a search also finding frank2 lists frank\'s keys alone, names only', async () => {
    const controller = new AbortController();
    const { transport, asked } = fakeTransport({
      keys: () => users(['frank2', ['other']], ['frank', ['ci', 'laptop']]),
    });
    expect(await readApiKeys(transport, 'frank', controller.signal)).toEqual({
      status: 'read',
      items: [
        { name: 'ci', lastUsedAt: null },
        { name: 'laptop', lastUsedAt: null },
      ],
      note: 'W&B’s API gives key names only; last use is shown on the API keys page.',
    });
    expect(asked).toEqual([{ query: 'keys', variables: { query: 'frank' }, signal: controller.signal }]);
  });

  it('guard "no such user is said, not read as no keys"', async () => {
    const { transport } = fakeTransport({ keys: () => users(['frank2', []]) });
    expect(await readApiKeys(transport, 'frank')).toEqual({
      status: 'unreadable',
      reason: 'W&B returned no user named frank to this session.',
    });
  });

  it('guard "a refused read names who can see keys"; a cancelled one stops', async () => {
    const { transport } = fakeTransport({
      keys: () => {
        throw new WandbError({ kind: 'graphql', message: 'permission denied' });
      },
    });
    expect(await readApiKeys(transport, 'frank')).toEqual({
      status: 'unreadable',
      reason:
        'Their API keys cannot be read with your session: W&B lets only instance admins list another user’s keys. See them (names and last use) on the organization’s API keys page.',
    });
    const controller = new AbortController();
    controller.abort();
    await expect(readApiKeys(transport, 'frank', controller.signal)).rejects.toMatchObject({
      kind: 'cancelled',
    });
  });
});
