/**
 * Test doubles for the W&B client: a fake `fetch` that records exactly what was sent and answers
 * from a script, and a small scripted W&B GraphQL server over an org fixture. No network.
 */
import type { FetchLike } from '@/lib/wandb/graphql';

/** One request as the fake server saw it. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  credentials: RequestCredentials | undefined;
  operationName: string | undefined;
  variables: Record<string, unknown>;
  query: string;
}

/** A scripted answer: a JSON body (default status 200), a raw text body, a thrown error, or "never answer". */
export type ScriptedReply =
  | { status?: number; headers?: Record<string, string>; json: unknown }
  | { status?: number; headers?: Record<string, string>; text: string }
  | { throws: unknown }
  | { hang: true };

/** A fake fetch answering every request with `script(request)`; `requests` lists what was sent, in order. */
export function createFakeFetch(
  script: (request: RecordedRequest) => ScriptedReply | Promise<ScriptedReply>,
) {
  const requests: RecordedRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let abortedHangs = 0;
  const fetch: FetchLike = async (input, init) => {
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    const body = JSON.parse(String(init.body)) as {
      query: string;
      variables: Record<string, unknown>;
      operationName?: string;
    };
    const request: RecordedRequest = {
      method: init.method ?? 'GET',
      url: input,
      headers,
      credentials: init.credentials,
      operationName: body.operationName,
      variables: body.variables,
      query: body.query,
    };
    requests.push(request);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      // A tick before answering, so concurrent requests really overlap.
      await new Promise((resolve) => setTimeout(resolve, 0));
      const reply = await script(request);
      if ('throws' in reply) throw reply.throws;
      if ('hang' in reply) {
        return await new Promise<Response>((_resolve, reject) => {
          const signal = init.signal;
          if (!signal) return;
          const abort = () => {
            abortedHangs++;
            reject(new DOMException('The operation was aborted.', 'AbortError'));
          };
          if (signal.aborted) abort();
          else signal.addEventListener('abort', abort, { once: true });
        });
      }
      if (init.signal?.aborted) throw new DOMException('The operation was aborted.', 'AbortError');
      const text = 'json' in reply ? JSON.stringify(reply.json) : reply.text;
      return new Response(text, {
        status: reply.status ?? 200,
        headers: { 'Content-Type': 'application/json', ...reply.headers },
      });
    } finally {
      inFlight--;
    }
  };
  return {
    fetch,
    requests,
    /** The operation names sent, in order. */
    operations: () => requests.map((request) => request.operationName),
    /** The largest number of requests that were in flight at once. */
    maxInFlight: () => maxInFlight,
    /** How many never-answered requests were aborted by the client. */
    abortedHangs: () => abortedHangs,
  };
}

// ---- A scripted W&B server over an org fixture. ----

/** A team member row as `entity.members` returns it. */
export interface FixtureTeamMember {
  id: string | null;
  username: string | null;
  name: string;
  email: string | null;
  admin: boolean | null;
  pending: boolean | null;
  accountType: string | null;
  role: string | null;
}

/** A team of the fixture, with the org it belongs to. */
export interface FixtureTeam {
  id: string;
  name: string;
  org: string | null;
  members: FixtureTeamMember[];
}

/** An org member row as the [3P] org query returns it. */
export interface FixtureOrgMember {
  id: string | null;
  username: string | null;
  name: string | null;
  email: string | null;
  admin: boolean | null;
  role: string | null;
  modelsSeat: string | null;
  weaveRole: string | null;
  user: { id: string | null; loggedInAt: string | null; deletedAt: string | null } | null;
  teams: { edges: { node: { id: string; name: string } }[] };
}

/** An org as the org query returns it. */
export interface FixtureOrg {
  id: string;
  name: string;
  usedSeats: number | null;
  usedViewOnlySeats: number | null;
  seatAvailability: { seats: number | null; viewOnlySeats: number | null } | null;
  teams: { id: string; name: string; memberCount: number }[];
  members: FixtureOrgMember[];
  pendingInvites: {
    id: string | null;
    email: string | null;
    entity: { id: string; name: string } | null;
    role: string | null;
    createdAt: string | null;
  }[];
}

/** Everything the fake server knows. */
export interface FixtureWorld {
  viewer: { id: string; username: string; email: string; teams: string[] } | null;
  orgs: FixtureOrg[];
  teams: FixtureTeam[];
  /** When set, the org query fails validation naming this `Type.field`, as a server without it would. */
  rejectOrgField?: { type: string; field: string };
  /** When set, the org query answers "permission denied". */
  orgQueryDenied?: boolean;
  /** Team names whose `entity` query answers null (not visible). */
  invisibleTeams?: string[];
}

function teamEntity(world: FixtureWorld, name: string) {
  const team = world.teams.find((candidate) => candidate.name === name);
  if (!team || world.invisibleTeams?.includes(name)) return null;
  const org = world.orgs.find((candidate) => candidate.name === team.org);
  return {
    id: team.id,
    name: team.name,
    isTeam: true,
    organization: org ? { id: org.id, name: org.name } : null,
    members: team.members,
    // An extra field the schema does not know must be ignored.
    photoUrl: 'https://example.test/team.png',
  };
}

/** A script answering the operations of `operations.ts` from `world`, like a W&B server would. */
export function fakeWandbServer(world: FixtureWorld) {
  return (request: RecordedRequest): ScriptedReply => {
    switch (request.operationName) {
      case 'Viewer':
        return {
          json: {
            data: {
              viewer: world.viewer && {
                id: world.viewer.id,
                username: world.viewer.username,
                email: world.viewer.email,
                teams: {
                  edges: world.viewer.teams.map((name) => ({
                    node: { id: world.teams.find((team) => team.name === name)?.id ?? `id-${name}`, name },
                  })),
                },
              },
            },
          },
        };
      case 'OrgDirectory': {
        if (world.rejectOrgField) {
          const { type, field } = world.rejectOrgField;
          return {
            status: 400,
            json: {
              errors: [{ message: `Cannot query field "${field}" on type "${type}".`, locations: [] }],
            },
          };
        }
        if (world.orgQueryDenied) {
          return { json: { data: { organization: null }, errors: [{ message: 'permission denied' }] } };
        }
        const org = world.orgs.find((candidate) => candidate.name === request.variables.org) ?? null;
        return { json: { data: { organization: org } } };
      }
      case 'OrgLookup': {
        const org = world.orgs.find((candidate) => candidate.name === request.variables.org) ?? null;
        return { json: { data: { organization: org && { id: org.id, name: org.name } } } };
      }
      case 'TeamMembers':
        return { json: { data: { entity: teamEntity(world, String(request.variables.name)) } } };
      default:
        return {
          status: 400,
          json: { errors: [{ message: `unexpected operation ${request.operationName}` }] },
        };
    }
  };
}

/** A team member row with defaults for the fields a test does not care about. */
export function teamRow(
  username: string,
  role: string,
  extra: Partial<FixtureTeamMember> = {},
): FixtureTeamMember {
  return {
    id: `u-${username}`,
    username,
    name: `${username[0]?.toUpperCase()}${username.slice(1)}`,
    email: `${username}@acme.test`,
    admin: role === 'admin',
    pending: false,
    accountType: 'USER',
    role,
    ...extra,
  };
}

/** An org member row with defaults; `teams` names the teams the org query says they are in. */
export function orgRow(
  username: string,
  role: string,
  teams: string[],
  extra: Partial<FixtureOrgMember> = {},
): FixtureOrgMember {
  return {
    id: `u-${username}`,
    username,
    name: `${username[0]?.toUpperCase()}${username.slice(1)}`,
    email: `${username}@acme.test`,
    admin: role === 'ADMIN',
    role,
    modelsSeat: 'FULL',
    weaveRole: 'FULL',
    user: { id: `u-${username}`, loggedInAt: '2026-10-01T10:00:00Z', deletedAt: null },
    teams: { edges: teams.map((name) => ({ node: { id: `t-${name}`, name } })) },
    ...extra,
  };
}

/**
 * The org "acme" with teams vision and nlp, where the viewer alice is in every team, plus a team
 * of another org (globex) that alice is also in. Every acme member is in at least one team, so the
 * org query and the per-team fallback must agree on members, teams and team roles.
 */
export function acmeWorld(overrides: Partial<FixtureWorld> = {}): FixtureWorld {
  const vision: FixtureTeam = {
    id: 't-vision',
    name: 'vision',
    org: 'acme',
    members: [
      teamRow('alice', 'admin'),
      teamRow('bob', 'member'),
      teamRow('svc-bot', 'member', { name: 'CI bot', email: null, accountType: 'SERVICE' }),
      teamRow('carol', 'member', { id: 'inv-carol', username: null, name: '', pending: true }),
    ],
  };
  const nlp: FixtureTeam = {
    id: 't-nlp',
    name: 'nlp',
    org: 'acme',
    members: [
      teamRow('alice', 'member'),
      teamRow('bob', 'admin'),
      teamRow('dave', 'VIEW_ONLY', { admin: false }),
      teamRow('frank', 'ml-reviewer'),
    ],
  };
  const globexTeam: FixtureTeam = {
    id: 't-globex',
    name: 'globex-research',
    org: 'globex',
    members: [teamRow('alice', 'admin'), teamRow('zed', 'member')],
  };
  const acme: FixtureOrg = {
    id: 'org-1',
    name: 'acme',
    usedSeats: 4,
    usedViewOnlySeats: 1,
    seatAvailability: { seats: 50, viewOnlySeats: 20 },
    teams: [
      { id: 't-nlp', name: 'nlp', memberCount: 4 },
      { id: 't-vision', name: 'vision', memberCount: 3 },
    ],
    members: [
      orgRow('alice', 'ADMIN', ['vision', 'nlp']),
      orgRow('bob', 'MEMBER', ['vision', 'nlp'], { modelsSeat: 'VIEWER', weaveRole: 'NO_ACCESS' }),
      orgRow('dave', 'VIEWER', ['nlp'], {
        modelsSeat: 'no access',
        user: { id: 'u-dave', loggedInAt: null, deletedAt: '2026-09-01T00:00:00Z' },
      }),
      orgRow('frank', 'ml-auditor', ['nlp'], { modelsSeat: 'SEAT_PLUS' }),
    ],
    pendingInvites: [
      {
        id: 'inv-carol',
        email: 'carol@acme.test',
        entity: { id: 't-vision', name: 'vision' },
        role: 'member',
        createdAt: '2026-11-01T00:00:00Z',
      },
    ],
  };
  const globex: FixtureOrg = {
    ...acme,
    id: 'org-2',
    name: 'globex',
    teams: [{ id: 't-globex', name: 'globex-research', memberCount: 2 }],
    members: [],
    pendingInvites: [],
  };
  return {
    viewer: {
      id: 'u-alice',
      username: 'alice',
      email: 'alice@acme.test',
      teams: ['vision', 'nlp', 'globex-research'],
    },
    orgs: [acme, globex],
    teams: [vision, nlp, globexTeam],
    ...overrides,
  };
}

/** Retry settings for tests: no real waiting, waits recorded. */
export function instantRetry() {
  const waits: number[] = [];
  return {
    waits,
    retry: {
      sleep: async (ms: number) => {
        waits.push(ms);
      },
      random: () => 0.5,
    },
  };
}
