/**
 * Guards of the SCIM client (`lib/wandb/scim/`) that `scim.test.ts` passes through: the path
 * fallback from `/scim` to `/scim/v2` (once, before any success, and never past the last base),
 * what each request sends, what every error names, and the exact-match rules for the one user a
 * write may land on (found by mutation testing, issue #17).
 */
import { describe, expect, it } from 'vitest';
import {
  exactlyOneUser,
  groupMemberId,
  isExactUserMatch,
  primaryEmail,
  SCIM_PATCH_OP,
  type ScimUser,
} from '@/lib/wandb/scim';
import { pageQuery } from '@/lib/wandb/scim/http';
import { client, fakeFetch, json, user } from './scim-fake';

const empty = { totalResults: 0, Resources: [] };
const notFound = () => json(404, { detail: 'no such endpoint' });

describe('SCIM path fallback guards', () => {
  it('guard "a collection missing at /scim moves the client to /scim/v2, once, and it stays there"', async () => {
    const { sent, fetch } = fakeFetch((s) =>
      new URL(s.url).pathname.startsWith('/scim/v2/') ? json(200, empty) : notFound(),
    );
    const scim = client(fetch);
    expect(scim.base).toBe('https://api.wandb.ai/scim');
    await scim.listUsers();
    await scim.listUsers();
    expect(sent.map((s) => new URL(s.url).pathname)).toEqual([
      '/scim/Users',
      '/scim/v2/Users',
      '/scim/v2/Users',
    ]);
    expect(scim.base).toBe('https://api.wandb.ai/scim/v2');
  });

  it('guard "after a success the base is settled": a later 404 of a collection is an error, not a move', async () => {
    const { sent, fetch } = fakeFetch((_s, index) => (index === 0 ? json(200, empty) : notFound()));
    const scim = client(fetch);
    await scim.listUsers();
    await expect(scim.listUsers()).rejects.toMatchObject({ kind: 'not-found' });
    expect(sent.map((s) => new URL(s.url).pathname)).toEqual(['/scim/Users', '/scim/Users']);
    expect(scim.base).toBe('https://api.wandb.ai/scim');
  });

  it('guard "no base past the last": SCIM missing at both is one not-found after two requests', async () => {
    const { sent, fetch } = fakeFetch(notFound);
    await expect(client(fetch).listUsers()).rejects.toMatchObject({ kind: 'not-found' });
    expect(sent.map((s) => new URL(s.url).pathname)).toEqual(['/scim/Users', '/scim/v2/Users']);
  });

  it('guard "trailing slashes of the API origin are dropped"', async () => {
    const { sent, fetch } = fakeFetch(() => json(200, empty));
    const scim = client(fetch, undefined, { apiOrigin: 'https://wandb.acme.test//' });
    expect(scim.base).toBe('https://wandb.acme.test/scim');
    await scim.listUsers();
    expect(sent[0]?.url).toBe('https://wandb.acme.test/scim/Users');
  });
});

describe('SCIM request guards', () => {
  it('guard "a query is sent only with parameters": none gives no "?", and count stays out when not asked', () => {
    expect(pageQuery()).toBe('');
    expect(pageQuery(3)).toBe('?startIndex=3');
    expect(pageQuery(undefined, 20000)).toBe('?count=9999');
  });

  it('guard "reads ask for SCIM JSON and send no body type; writes say their body is SCIM JSON"', async () => {
    const { sent, fetch } = fakeFetch((s) =>
      s.method === 'GET' ? json(200, empty) : json(200, user('u-1', 'ann')),
    );
    const scim = client(fetch);
    await scim.listUsers();
    await scim.setActive('u-1', false);
    expect(sent[0]?.url).toBe('https://api.wandb.ai/scim/Users');
    expect(sent[0]?.headers).toEqual({
      Authorization: expect.stringMatching(/^Basic /),
      Accept: 'application/scim+json, application/json',
    });
    expect(sent[1]?.headers['Content-Type']).toBe('application/scim+json');
    expect(sent[1]?.body).toEqual({
      schemas: [SCIM_PATCH_OP],
      Operations: [{ op: 'replace', path: 'active', value: false }],
    });
  });

  it('guard "a list without Resources is empty", and the page says where it starts', async () => {
    const { fetch } = fakeFetch((_s, index) =>
      index === 0
        ? json(200, { totalResults: 0 })
        : json(200, { totalResults: 9, startIndex: 5, Resources: [] }),
    );
    const scim = client(fetch);
    expect(await scim.listUsers()).toEqual({ totalResults: 0, startIndex: 1, items: [] });
    expect((await scim.listUsers({ startIndex: 5 })).startIndex).toBe(5);
  });

  it('guard "a 3xx answer is no success"', async () => {
    const { fetch } = fakeFetch(() => json(300, empty));
    await expect(client(fetch, undefined, { retry: { retries: 0 } }).listUsers()).rejects.toMatchObject({
      kind: 'invalid-request',
    });
  });

  it('guard "an answer that is not JSON is named as such"', async () => {
    const { fetch } = fakeFetch(() => new Response('<html>proxy</html>', { status: 200 }));
    await expect(client(fetch).listUsers()).rejects.toMatchObject({
      kind: 'bad-response',
      message:
        'W&B sent an answer the toolkit does not understand (the SCIM answer to list users is not JSON). Check that the host is a W&B server; copy this message into a bug report.',
    });
  });

  it('guard "the caller\'s retry settings hold": with no retries a 503 is one request', async () => {
    const { sent, fetch } = fakeFetch(() => json(503, undefined));
    await expect(client(fetch, undefined, { retry: { retries: 0 } }).listUsers()).rejects.toMatchObject({
      kind: 'server',
    });
    expect(sent).toHaveLength(1);
  });

  it('guard "a cancelled read stops", and the timeout given is the one used', async () => {
    const hanging = (_s: unknown, _i: number, signal: AbortSignal | undefined) =>
      new Promise<Response>((_resolve, reject) =>
        signal?.addEventListener('abort', () => reject(signal.reason)),
      );
    const controller = new AbortController();
    const pending = client(fakeFetch(hanging).fetch).listUsers({}, { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ kind: 'cancelled' });
    await expect(
      client(fakeFetch(hanging).fetch, undefined, { timeoutMs: 20, retry: { retries: 0 } }).listUsers(),
    ).rejects.toMatchObject({ kind: 'timeout' });
  });
});

describe('SCIM error wording guards: each error names what was being done', () => {
  const refusing = () =>
    client(fakeFetch(() => json(400, { detail: 'nope' })).fetch, undefined, { retry: { retries: 0 } });
  const said = (what: string) => `W&B refused to ${what} (HTTP 400). W&B said: "nope".`;

  it.each([
    ['list users', (s: ReturnType<typeof refusing>) => s.listUsers()],
    ['read this user', (s: ReturnType<typeof refusing>) => s.getUser('u-1')],
    [
      'create the user zed',
      (s: ReturnType<typeof refusing>) => s.createUser({ userName: 'zed', email: 'z@x.io', teams: [] }),
    ],
    ['change the org role to "admin"', (s: ReturnType<typeof refusing>) => s.setOrgRole('u-1', 'admin')],
    [
      'change team roles (vision: admin, nlp: member)',
      (s: ReturnType<typeof refusing>) =>
        s.setTeamRoles('u-1', [
          { teamName: 'vision', roleName: 'admin' },
          { teamName: 'nlp', roleName: 'member' },
        ]),
    ],
    ['deactivate this user', (s: ReturnType<typeof refusing>) => s.setActive('u-1', false)],
    ['reactivate this user', (s: ReturnType<typeof refusing>) => s.setActive('u-1', true)],
    ['remove this user from the organization', (s: ReturnType<typeof refusing>) => s.deleteUser('u-1')],
    ['list teams', (s: ReturnType<typeof refusing>) => s.listGroups()],
    ['add members to the team', (s: ReturnType<typeof refusing>) => s.addGroupMembers('g-1', ['u-1'])],
    ['remove a member from the team', (s: ReturnType<typeof refusing>) => s.removeGroupMember('g-1', 'u-1')],
    ['list custom roles', (s: ReturnType<typeof refusing>) => s.listRoles()],
  ])('%s', async (what, act) => {
    await expect(act(refusing())).rejects.toMatchObject({ kind: 'invalid-request', message: said(what) });
  });

  it('a refusal without a detail says W&B gave no reason; a detail is trimmed and cut at 300 characters', async () => {
    const bare = client(fakeFetch(() => json(400, null)).fetch);
    await expect(bare.deleteUser('u-1')).rejects.toMatchObject({
      message: 'W&B refused to remove this user from the organization (HTTP 400). It gave no reason.',
    });
    const long = client(fakeFetch(() => json(400, { detail: `  ${'x'.repeat(400)}  ` })).fetch);
    await expect(long.deleteUser('u-1')).rejects.toMatchObject({
      message: `W&B refused to remove this user from the organization (HTTP 400). W&B said: "${'x'.repeat(300)}".`,
    });
    const blank = client(fakeFetch(() => json(400, { detail: '   ' })).fetch);
    await expect(blank.deleteUser('u-1')).rejects.toMatchObject({
      message: 'W&B refused to remove this user from the organization (HTTP 400). It gave no reason.',
    });
  });

  it.each([
    ['the SCIM user list', (s: ReturnType<typeof client>) => s.listAllUsers({ pageSize: 1 })],
    ['the SCIM team list', (s: ReturnType<typeof client>) => s.listAllGroups({ pageSize: 1 })],
    ['the SCIM role list', (s: ReturnType<typeof client>) => s.listRoles()],
  ])('a list past its page limit names %s', async (what, act) => {
    const { fetch } = fakeFetch(() =>
      json(200, { totalResults: 99, Resources: [{ id: 'x', userName: 'x', displayName: 'x', name: 'x' }] }),
    );
    const scim = client(fetch, undefined, { pageLimits: { maxPages: 2, maxItems: 1000 } });
    await expect(act(scim)).rejects.toMatchObject({
      kind: 'too-many-pages',
      message: expect.stringContaining(what),
    });
  });
});

describe('SCIM method guards', () => {
  it('guard "a user is created with the core and teams schemas", and the answer comes back with its ETag', async () => {
    const { sent, fetch } = fakeFetch(() => json(201, user('u-9', 'zed'), { ETag: 'W/"1"' }));
    const created = await client(fetch).createUser({
      userName: 'zed',
      email: 'zed@acme.test',
      teams: ['vision'],
    });
    expect(created).toEqual({ resource: expect.objectContaining({ id: 'u-9' }), etag: 'W/"1"' });
    expect(sent[0]?.body).toMatchObject({
      schemas: [
        'urn:ietf:params:scim:schemas:core:2.0:User',
        'urn:ietf:params:scim:schemas:extension:teams:2.0:User',
      ],
    });
  });

  it('guard "group changes are SCIM PatchOps", answered with the group and its ETag', async () => {
    const group = { id: 'g-1', displayName: 'vision', members: [{ value: 'u-9' }] };
    const { sent, fetch } = fakeFetch(() => json(200, group, { ETag: 'W/"2"' }));
    expect(await client(fetch).addGroupMembers('g-1', ['u-9'])).toEqual({ resource: group, etag: 'W/"2"' });
    expect(sent[0]?.body).toMatchObject({ schemas: [SCIM_PATCH_OP] });
  });

  it('guard "a quote cannot end the member filter of a group removal"', async () => {
    const { sent, fetch } = fakeFetch(() => json(200, { id: 'g-1', displayName: 'vision' }));
    await client(fetch).removeGroupMember('g-1', 'u"]or[x');
    expect(sent[0]?.body).toMatchObject({
      Operations: [{ op: 'remove', path: 'members[value eq "u]or[x"]' }],
    });
  });

  it('guard "a lookup is trimmed": " carol " finds carol', async () => {
    const { sent, fetch } = fakeFetch(() =>
      json(200, { totalResults: 1, Resources: [user('u-1', 'carol')] }),
    );
    expect((await client(fetch).findUser(' carol '))?.id).toBe('u-1');
    expect(new URL(sent[0]!.url).searchParams.get('filter')).toBe('userName eq "carol"');
  });

  it('guard "teams are listed page by page, by name when asked"', async () => {
    const teams = ['a', 'b', 'c'].map((name) => ({ id: `g-${name}`, displayName: name }));
    const { sent, fetch } = fakeFetch((s) => {
      const q = new URL(s.url).searchParams;
      const start = Number(q.get('startIndex') ?? 1);
      const count = Number(q.get('count') ?? 100);
      return json(200, { totalResults: teams.length, Resources: teams.slice(start - 1, start - 1 + count) });
    });
    const scim = client(fetch);
    expect((await scim.listAllGroups({ pageSize: 2 })).map((g) => g.id)).toEqual(['g-a', 'g-b', 'g-c']);
    await scim.listGroups({ displayName: 'vision' });
    await scim.listAllGroups();
    expect(sent.map((s) => [...new URL(s.url).searchParams].map(([k, v]) => `${k}=${v}`).join('&'))).toEqual([
      'startIndex=1&count=2',
      'startIndex=3&count=2',
      'filter=displayName eq "vision"',
      'startIndex=1&count=500',
    ]);
  });

  it('guard "roles are read page after page until the total, and an empty page ends the walk"', async () => {
    const role = (n: number) => ({ id: `r-${n}`, name: `role${n}` });
    const full = fakeFetch((s) => {
      const start = Number(new URL(s.url).searchParams.get('startIndex'));
      return json(200, { totalResults: 3, Resources: start === 1 ? [role(1), role(2)] : [role(3)] });
    });
    expect((await client(full.fetch).listRoles()).map((r) => r.id)).toEqual(['r-1', 'r-2', 'r-3']);
    expect(full.sent.map((s) => new URL(s.url).searchParams.get('startIndex'))).toEqual(['1', '3']);
    const shrinking = fakeFetch((_s, index) =>
      json(200, { totalResults: 5, Resources: index === 0 ? [role(1)] : [] }),
    );
    expect(await client(shrinking.fetch).listRoles()).toHaveLength(1);
    expect(shrinking.sent).toHaveLength(2);
  });
});

describe('exact user match guards', () => {
  const scimUser = (userName: string, emails: ScimUser['emails']): ScimUser => ({
    id: `u-${userName}`,
    userName,
    emails,
  });

  it('guard "the primary email, else the first, else none"', () => {
    expect(
      primaryEmail(
        scimUser('a', [
          { value: 'old@x.io', primary: false },
          { value: 'main@x.io', primary: true },
        ]),
      ),
    ).toBe('main@x.io');
    expect(primaryEmail(scimUser('a', [{ value: 'only@x.io' }, { value: 'second@x.io' }]))).toBe('only@x.io');
    expect(primaryEmail(scimUser('a', []))).toBeNull();
    expect(isExactUserMatch(scimUser('a', []), 'a@x.io')).toBe(false);
  });

  it('guard "several users listed are named, with a mark when not all were shown"', () => {
    const two = [scimUser('bob', []), scimUser('bobby', [])];
    expect(() => exactlyOneUser('bob', { totalResults: 5, startIndex: 1, items: two })).toThrow(
      `W&B's SCIM API listed 5 users (bob, bobby, …) for "bob". The toolkit changes a user only when exactly one user matches exactly, so nothing was changed.`,
    );
    expect(() => exactlyOneUser('bob', { totalResults: 2, startIndex: 1, items: two })).toThrow(
      `W&B's SCIM API listed 2 users (bob, bobby) for "bob".`,
    );
  });

  it('guard "a near-match is named with its email, a missing one as no user, and a long lookup is cut"', () => {
    const long = `${'c'.repeat(130)}@x.io`;
    expect(() =>
      exactlyOneUser(long, {
        totalResults: 1,
        startIndex: 1,
        items: [scimUser('bob', [{ value: 'bob@x.io' }])],
      }),
    ).toThrow(`answered the lookup of "${'c'.repeat(120)}" with "bob" (bob@x.io), which does not match`);
    expect(() =>
      exactlyOneUser('carol', { totalResults: 1, startIndex: 1, items: [scimUser('bob', [])] }),
    ).toThrow('answered the lookup of "carol" with "bob" (no email), which does not match "carol"');
    expect(() => exactlyOneUser('carol', { totalResults: 1, startIndex: 1, items: [] })).toThrow(
      'answered the lookup of "carol" with no user, which does not match "carol"',
    );
  });

  it('guard "a group member is its value, or Value as some examples spell it"', () => {
    expect(groupMemberId({ value: 'u-1' })).toBe('u-1');
    expect(groupMemberId({ Value: 'u-2' })).toBe('u-2');
    expect(groupMemberId({ value: 'u-1', Value: 'u-2' })).toBe('u-1');
  });
});
