import { describe, expect, it } from 'vitest';
import { WandbError } from '@/lib/wandb/errors';
import {
  classifyScimFailure,
  SCIM_PATCH_OP,
  SCIM_TEAMS_EXTENSION,
  scimAuthorization,
  scimEqFilter,
} from '@/lib/wandb/scim';
import { client, fakeFetch, json, KEY, user } from './scim-fake';

describe('scimAuthorization', () => {
  it.each([
    [{ scheme: 'basic', kind: 'user', username: 'alice', key: 'abc' } as const, `Basic ${btoa('alice:abc')}`],
    [{ scheme: 'basic', kind: 'service', key: 'abc' } as const, `Basic ${btoa(':abc')}`],
    [{ scheme: 'bearer', key: 'abc' } as const, 'Bearer abc'],
  ])('%o → %s', (credentials, header) => {
    expect(scimAuthorization(credentials)).toBe(header);
  });
});

describe('scimEqFilter', () => {
  it('quotes the value and escapes quotes and backslashes', () => {
    expect(scimEqFilter('userName', 'alice')).toBe('userName eq "alice"');
    expect(scimEqFilter('userName', 'a"b\\c')).toBe('userName eq "a\\"b\\\\c"');
  });
});

describe('SCIM requests', () => {
  it('lists users under <api>/scim/Users with the key only in Authorization, no cookies', async () => {
    const { sent, fetch } = fakeFetch(() =>
      json(200, { totalResults: 1, startIndex: 1, itemsPerPage: 1, Resources: [user('u-1', 'alice')] }),
    );
    const page = await client(fetch).listUsers({
      filter: { email: 'Alice@acme.test' },
      startIndex: 1,
      count: 2,
    });
    expect(page.items.map((u) => u.userName)).toEqual(['alice']);
    const url = new URL(sent[0]!.url);
    expect(url.origin + url.pathname).toBe('https://api.wandb.ai/scim/Users');
    expect(url.searchParams.get('filter')).toBe('emails.value eq "Alice@acme.test"');
    expect(url.searchParams.get('startIndex')).toBe('1');
    expect(url.searchParams.get('count')).toBe('2');
    expect(sent[0]!.url).not.toContain(KEY);
    expect(sent[0]!.headers.Authorization).toBe(`Basic ${btoa(`alice:${KEY}`)}`);
    expect(sent[0]!.credentials).toBe('omit');
  });

  it('findUser filters by userName without @ and by emails.value with @', async () => {
    const { sent, fetch } = fakeFetch(() => json(200, { totalResults: 0, Resources: [] }));
    const scim = client(fetch);
    expect(await scim.findUser('carol')).toBeNull();
    await scim.findUser('carol@acme.test');
    expect(new URL(sent[0]!.url).searchParams.get('filter')).toBe('userName eq "carol"');
    expect(new URL(sent[1]!.url).searchParams.get('filter')).toBe('emails.value eq "carol@acme.test"');
  });

  it('walks every page with startIndex/count until totalResults', async () => {
    const all = Array.from({ length: 5 }, (_, i) => user(`u-${i + 1}`, `user${i + 1}`));
    const { sent, fetch } = fakeFetch((s) => {
      const q = new URL(s.url).searchParams;
      const start = Number(q.get('startIndex'));
      const count = Number(q.get('count'));
      const items = all.slice(start - 1, start - 1 + count);
      return json(200, {
        totalResults: all.length,
        startIndex: start,
        itemsPerPage: items.length,
        Resources: items,
      });
    });
    const users = await client(fetch).listAllUsers({ pageSize: 2 });
    expect(users.map((u) => u.id)).toEqual(['u-1', 'u-2', 'u-3', 'u-4', 'u-5']);
    expect(sent.map((s) => new URL(s.url).searchParams.get('startIndex'))).toEqual(['1', '3', '5']);
  });

  it('stops on an empty page even when totalResults promised more', async () => {
    const { sent, fetch } = fakeFetch((_s, i) =>
      json(200, { totalResults: 10, Resources: i === 0 ? [user('u-1', 'a')] : [] }),
    );
    expect((await client(fetch).listAllUsers({ pageSize: 1 })).length).toBe(1);
    expect(sent.length).toBe(2);
  });

  it('sends a PatchOp replacing organizationRole with If-Match, and returns the new ETag', async () => {
    const { sent, fetch } = fakeFetch(() =>
      json(200, user('u-7', 'carol', { organizationRole: 'admin' }), { ETag: 'W/"4"' }),
    );
    const changed = await client(fetch).setOrgRole('u-7', 'admin', { ifMatch: 'W/"3"' });
    expect(changed.resource.organizationRole).toBe('admin');
    expect(changed.etag).toBe('W/"4"');
    expect(sent[0]!.method).toBe('PATCH');
    expect(sent[0]!.url).toBe('https://api.wandb.ai/scim/Users/u-7');
    expect(sent[0]!.headers['If-Match']).toBe('W/"3"');
    expect(sent[0]!.body).toEqual({
      schemas: [SCIM_PATCH_OP],
      Operations: [{ op: 'replace', path: 'organizationRole', value: 'admin' }],
    });
  });

  it('sends teamRoles, a user creation with the teams extension, group member changes and a DELETE', async () => {
    const { sent, fetch } = fakeFetch((s) => {
      if (s.method === 'DELETE') return new Response(null, { status: 204 });
      if (s.url.includes('/Groups/')) return json(200, { id: 'g-1', displayName: 'vision', members: [] });
      return json(s.method === 'POST' ? 201 : 200, user('u-9', 'zed'));
    });
    const scim = client(fetch);
    await scim.setTeamRoles('u-9', [{ teamName: 'vision', roleName: 'admin' }]);
    await scim.createUser({ userName: 'zed', email: 'zed@acme.test', teams: ['vision'] });
    await scim.addGroupMembers('g-1', ['u-9']);
    await scim.removeGroupMember('g-1', 'u-9');
    await scim.deleteUser('u-9');
    expect(sent.map((s) => `${s.method} ${new URL(s.url).pathname}`)).toEqual([
      'PATCH /scim/Users/u-9',
      'POST /scim/Users',
      'PATCH /scim/Groups/g-1',
      'PATCH /scim/Groups/g-1',
      'DELETE /scim/Users/u-9',
    ]);
    expect(sent[0]!.body).toMatchObject({
      Operations: [{ op: 'replace', path: 'teamRoles', value: [{ teamName: 'vision', roleName: 'admin' }] }],
    });
    expect(sent[1]!.body).toMatchObject({
      userName: 'zed',
      emails: [{ primary: true, value: 'zed@acme.test' }],
      [SCIM_TEAMS_EXTENSION]: { teams: ['vision'] },
    });
    expect(sent[2]!.body).toMatchObject({
      Operations: [{ op: 'add', path: 'members', value: [{ value: 'u-9' }] }],
    });
    expect(sent[3]!.body).toMatchObject({ Operations: [{ op: 'remove', path: 'members[value eq "u-9"]' }] });
  });

  it('lists custom roles', async () => {
    const { fetch } = fakeFetch(() =>
      json(200, {
        totalResults: 1,
        Resources: [
          {
            id: 'r-1',
            name: 'auditor',
            inheritedFrom: 'viewer',
            permissions: [{ name: 'project:read', isInherited: false }],
          },
        ],
      }),
    );
    expect(await client(fetch).listRoles()).toMatchObject([{ name: 'auditor', inheritedFrom: 'viewer' }]);
  });

  it('retries a read on 503 but sends a write only once', async () => {
    const flaky = fakeFetch((_s, i) =>
      i === 0 ? json(503, undefined) : json(200, { totalResults: 0, Resources: [] }),
    );
    await client(flaky.fetch).listUsers();
    expect(flaky.sent.length).toBe(2);
    const failing = fakeFetch(() => json(503, undefined));
    await expect(client(failing.fetch).deleteUser('u-1')).rejects.toMatchObject({ kind: 'server' });
    expect(failing.sent.length).toBe(1);
  });

  it('names the JSON path when an answer does not match', async () => {
    const { fetch } = fakeFetch(() => json(200, { totalResults: 1, Resources: [{ id: 5, userName: 'x' }] }));
    await expect(client(fetch).listUsers()).rejects.toMatchObject({
      kind: 'bad-response',
      message: expect.stringContaining('Resources[0].id'),
    });
  });
});

describe('classifyScimFailure', () => {
  const detail = (text: string) => ({
    schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
    status: '0',
    detail: text,
  });
  it.each([
    [400, 'invalid-request', /refused to change the org role.*"bad value"/],
    [401, 'key-rejected', /did not accept the admin API key.*wrong, expired or revoked.*session still works/],
    [403, 'not-admin', /not an admin of this organization/],
    [404, 'not-found', /found nothing/],
    [409, 'conflict', /conflicts/],
    [412, 'stale', /changed this in W&B since the toolkit read it/],
    [429, 'rate-limited', /Wait 7 seconds/],
    [500, 'server', /server had an error/],
    [503, 'server', /HTTP 503/],
  ])('HTTP %i → %s', (status, kind, message) => {
    const error = classifyScimFailure(
      status,
      new Headers({ 'Retry-After': '7' }),
      detail('bad value'),
      'change the org role',
      0,
    );
    expect(error).toBeInstanceOf(WandbError);
    expect(error.kind).toBe(kind);
    expect(error.message).toMatch(message);
  });

  it('never puts the key into an error, even when the failure is the transport', async () => {
    const { fetch } = fakeFetch(() => {
      throw new TypeError(`network down`);
    });
    const error = (await client(fetch)
      .setOrgRole('u-1', 'admin')
      .then(() => null)
      .catch((e: unknown) => e)) as WandbError;
    expect(error.kind).toBe('network');
    expect(JSON.stringify({ m: error.message, d: error.toData() })).not.toContain(KEY);
    expect(error.message).toContain('https://api.wandb.ai/scim');
  });
});
