import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from './server';
import { basicAuth, simFetch, simGraphql, simLogin } from './test-client';

// biome-ignore lint/suspicious/noExplicitAny: assertions walk JSON answers whose shape the assertions themselves check
type Json = Record<string, any>;

let sim: Simulator;
let aliceAuth: string;

beforeEach(async () => {
  sim = await startSimulator();
  aliceAuth = basicAuth('alice', sim.apiKeys().find((k) => k.name === 'alice-admin-key')!.secret);
});
afterEach(() => sim.close());

async function scim(
  path: string,
  init: { method?: string; body?: unknown; auth?: string | null; headers?: Record<string, string> } = {},
) {
  const auth = init.auth === undefined ? aliceAuth : init.auth;
  const res = await simFetch(sim, `https://api.wandb.ai${path}`, {
    method: init.method ?? 'GET',
    headers: {
      ...(auth ? { authorization: auth } : {}),
      ...(init.body !== undefined ? { 'content-type': 'application/scim+json' } : {}),
      ...init.headers,
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : null) as Json };
}

const userId = async (userName: string) =>
  (await scim(`/scim/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`)).body.Resources[0]
    .id as string;

const patchOp = (...Operations: unknown[]) => ({
  schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
  Operations,
});

describe('SCIM authentication', () => {
  it('needs a key (401), an org admin key (403 otherwise) and a matching username', async () => {
    expect((await scim('/scim/Users', { auth: null })).status).toBe(401);
    expect((await scim('/scim/Users', { auth: 'Bearer nope' })).status).toBe(401);
    const carolKey = sim.apiKeys().find((k) => k.owner === 'carol')!.secret;
    const forbidden = await scim('/scim/Users', { auth: basicAuth('carol', carolKey) });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '403',
      detail: 'the API key must belong to an organization admin',
    });
    const aliceKey = sim.apiKeys().find((k) => k.owner === 'alice')!.secret;
    expect((await scim('/scim/Users', { auth: basicAuth('bob', aliceKey) })).status).toBe(401);
    expect((await scim('/scim/Users', { auth: `Bearer ${aliceKey}` })).status).toBe(200);
    expect((await scim('/scim/v2/Users', { auth: basicAuth('alice', aliceKey) })).status).toBe(200);
  });

  it('accepts ":<key>" for a service account once it has the admin org role', async () => {
    const botKey = sim.apiKeys().find((k) => k.owner === 'ci-bot')!.secret;
    expect((await scim('/scim/Users', { auth: basicAuth('', botKey) })).status).toBe(403);
    const patched = await scim(`/scim/Users/${await userId('ci-bot')}`, {
      method: 'PATCH',
      body: patchOp({ op: 'replace', path: 'organizationRole', value: 'admin' }),
    });
    expect(patched.status).toBe(200);
    expect((await scim('/scim/Users', { auth: basicAuth('', botKey) })).status).toBe(200);
    const aliceKey = sim.apiKeys().find((k) => k.owner === 'alice')!.secret;
    expect((await scim('/scim/Users', { auth: basicAuth('', aliceKey) })).status).toBe(401);
  });
});

describe('SCIM Users', () => {
  it('lists with startIndex/count pagination, capped at 9999', async () => {
    const first = await scim('/scim/Users?startIndex=1&count=10');
    expect(first.body).toMatchObject({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 122,
      startIndex: 1,
      itemsPerPage: 10,
    });
    expect(first.body.Resources[0]).toMatchObject({
      userName: 'alice',
      displayName: 'Alice Anders',
      emails: [{ primary: true, value: 'alice@acme.test' }],
      active: true,
      organizationRole: 'admin',
      meta: { resourceType: 'User', version: 'W/"1"' },
    });
    expect(first.body.Resources[0].teamRoles).toContainEqual({ teamName: 'robotics', roleName: 'member' });
    const last = await scim('/scim/Users?startIndex=121&count=10');
    expect(last.body).toMatchObject({ startIndex: 121, itemsPerPage: 2, totalResults: 122 });
    const all = await scim('/scim/Users?count=100000');
    expect(all.body.itemsPerPage).toBe(122);
    const seen = new Set<string>();
    for (let start = 1; start <= 122; start += 50) {
      for (const u of (await scim(`/scim/Users?startIndex=${start}&count=50`)).body.Resources) seen.add(u.id);
    }
    expect(seen.size).toBe(122);
  });

  it('filters by userName and emails.value, and rejects other filters', async () => {
    const byName = await scim(`/scim/Users?filter=${encodeURIComponent('userName eq "Bob"')}`);
    expect(byName.body.Resources.map((u: Json) => u.userName)).toEqual(['bob']);
    const byEmail = await scim(
      `/scim/Users?filter=${encodeURIComponent('emails.value eq "dave@acme.test"')}`,
    );
    expect(byEmail.body.Resources.map((u: Json) => u.userName)).toEqual(['dave']);
    const bad = await scim(`/scim/Users?filter=${encodeURIComponent('displayName co "a"')}`);
    expect(bad.status).toBe(400);
    expect(bad.body.scimType).toBe('invalidFilter');
  });

  it('gets a user by id with an ETag and answers 404 for unknown ids', async () => {
    const id = await userId('judy');
    const got = await scim(`/scim/Users/${id}`);
    expect(got.body).toMatchObject({ id, userName: 'judy', active: false });
    expect(got.headers.get('etag')).toBe('W/"1"');
    expect((await scim('/scim/Users/user-99999')).status).toBe(404);
  });

  it('creates a user with the teams extension (201) and refuses an existing one (409)', async () => {
    const body = {
      schemas: [
        'urn:ietf:params:scim:schemas:core:2.0:User',
        'urn:ietf:params:scim:schemas:extension:teams:2.0:User',
      ],
      userName: 'newbie',
      emails: [{ primary: true, value: 'newbie@acme.test' }],
      'urn:ietf:params:scim:schemas:extension:teams:2.0:User': { teams: ['vision', 'nlp'] },
    };
    const created = await scim('/scim/Users', { method: 'POST', body });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      userName: 'newbie',
      organizationRole: 'member',
      teamRoles: [
        { teamName: 'vision', roleName: 'member' },
        { teamName: 'nlp', roleName: 'member' },
      ],
    });
    const again = await scim('/scim/Users', { method: 'POST', body });
    expect(again.status).toBe(409);
    const sameEmail = await scim('/scim/Users', { method: 'POST', body: { ...body, userName: 'other' } });
    expect(sameEmail.status).toBe(409);
    const state = await (await simFetch(sim, 'https://api.wandb.ai/__sim/state')).json();
    expect(state.members.find((m: Json) => m.username === 'newbie')).toMatchObject({
      orgRole: 'member',
      modelsSeat: 'full',
      lastLoginAt: null,
    });
  });

  it('patches organizationRole (viewer maps to member), teamRoles and active', async () => {
    const peggy = await userId('peggy');
    const promoted = await scim(`/scim/Users/${peggy}`, {
      method: 'PATCH',
      body: patchOp(
        { op: 'replace', path: 'organizationRole', value: 'viewer' },
        { op: 'replace', path: 'teamRoles', value: [{ teamName: 'vision', roleName: 'admin' }] },
      ),
    });
    expect(promoted.status).toBe(200);
    expect(promoted.body).toMatchObject({
      organizationRole: 'member',
      teamRoles: [{ teamName: 'vision', roleName: 'admin' }],
    });
    const state = await (await simFetch(sim, 'https://api.wandb.ai/__sim/state')).json();
    expect(state.members.find((m: Json) => m.username === 'peggy')).toMatchObject({
      orgRole: 'member',
      modelsSeat: 'full',
    });

    const notInTeam = await scim(`/scim/Users/${peggy}`, {
      method: 'PATCH',
      body: patchOp({
        op: 'replace',
        path: 'teamRoles',
        value: [{ teamName: 'robotics', roleName: 'admin' }],
      }),
    });
    expect(notInTeam.status).toBe(400);
    expect(notInTeam.body.detail).toBe('user "peggy" is not a member of team "robotics"');

    const off = await scim(`/scim/Users/${peggy}`, {
      method: 'PATCH',
      body: patchOp({ op: 'replace', value: { active: false } }),
    });
    expect(off.body.active).toBe(false);
    const custom = await scim(`/scim/Users/${peggy}`, {
      method: 'PATCH',
      body: patchOp({ op: 'replace', path: 'organizationRole', value: 'auditor' }),
    });
    expect(custom.status).toBe(400);
  });

  it('answers 412 to a write with a stale If-Match and accepts the current one', async () => {
    const id = await userId('erin');
    const before = await scim(`/scim/Users/${id}`);
    const version = before.headers.get('etag')!;
    const ok = await scim(`/scim/Users/${id}`, {
      method: 'PATCH',
      headers: { 'if-match': version },
      body: patchOp({ op: 'replace', path: 'organizationRole', value: 'admin' }),
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('etag')).toBe('W/"2"');
    const stale = await scim(`/scim/Users/${id}`, {
      method: 'PATCH',
      headers: { 'if-match': version },
      body: patchOp({ op: 'replace', path: 'organizationRole', value: 'member' }),
    });
    expect(stale.status).toBe(412);
    const staleDelete = await scim(`/scim/Users/${id}`, {
      method: 'DELETE',
      headers: { 'if-match': version },
    });
    expect(staleDelete.status).toBe(412);
  });

  it('deletes a user from the org and every team (204), ends their session, and never removes the last org admin', async () => {
    const bobSession = await simLogin(sim, 'bob');
    const bob = await userId('bob');
    const deleted = await scim(`/scim/Users/${bob}`, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    expect((await scim(`/scim/Users/${bob}`)).status).toBe(404);
    const state = await (await simFetch(sim, 'https://api.wandb.ai/__sim/state')).json();
    expect(state.members.some((m: Json) => m.username === 'bob')).toBe(false);
    expect(state.teams.some((t: Json) => t.members.some((m: Json) => m.username === 'bob'))).toBe(false);
    expect(state.apiKeys.some((k: Json) => k.owner === 'bob')).toBe(false);
    expect((await simGraphql(sim, 'query Viewer { viewer { id } }', {}, { cookie: bobSession })).status).toBe(
      401,
    );

    const alice = await userId('alice');
    const last = await scim(`/scim/Users/${alice}`, { method: 'DELETE' });
    expect(last.status).toBe(400);
    expect(last.body.detail).toBe('"alice" is the last org admin; make someone else an admin first');
    const demote = await scim(`/scim/Users/${alice}`, {
      method: 'PATCH',
      body: patchOp({ op: 'replace', path: 'organizationRole', value: 'member' }),
    });
    expect(demote.status).toBe(400);
    expect(sim.requests().at(-1)).toMatchObject({
      kind: 'scim',
      method: 'PATCH',
      result: 'error',
      auth: { scheme: 'basic', keyName: 'alice-admin-key', owner: 'alice' },
    });
  });
});

describe('SCIM Groups', () => {
  const group = async (name: string) =>
    (await scim(`/scim/Groups?filter=${encodeURIComponent(`displayName eq "${name}"`)}`)).body
      .Resources[0] as Json;

  it('lists teams as groups whose members carry ids and usernames but no roles', async () => {
    const list = await scim('/scim/Groups');
    expect(list.body.totalResults).toBe(8);
    const robotics = await group('robotics');
    expect(robotics.displayName).toBe('robotics');
    expect(robotics.members).toHaveLength(25);
    expect(robotics.members).toContainEqual({ value: await userId('dave'), display: 'dave' });
    expect(Object.keys(robotics.members[0]).sort()).toEqual(['display', 'value']);
    expect((await scim(`/scim/Groups/${robotics.id}`)).body.id).toBe(robotics.id);
  });

  it('adds members, removes one by email or id, and replaces the list with PUT', async () => {
    const vision = await group('vision');
    const taro = await userId('taro');
    const added = await scim(`/scim/Groups/${vision.id}`, {
      method: 'PATCH',
      body: patchOp({ op: 'add', path: 'members', value: [{ value: taro }] }),
    });
    expect(added.body.members).toContainEqual({ value: taro, display: 'taro' });
    const removed = await scim(`/scim/Groups/${vision.id}`, {
      method: 'PATCH',
      body: patchOp({ op: 'remove', path: 'members[value eq "carol@acme.test"]' }),
    });
    expect(removed.body.members.some((m: Json) => m.display === 'carol')).toBe(false);
    const alice = await userId('alice');
    const replaced = await scim(`/scim/Groups/${vision.id}`, {
      method: 'PUT',
      body: { displayName: 'vision', members: [{ value: alice }, { value: taro }] },
    });
    expect(replaced.body.members.map((m: Json) => m.display)).toEqual(['alice', 'taro']);
    const stale = await scim(`/scim/Groups/${vision.id}`, {
      method: 'PUT',
      headers: { 'if-match': vision.meta.version },
      body: { members: [] },
    });
    expect(stale.status).toBe(412);
  });

  it('creates a team with the org service accounts added, and refuses to delete teams', async () => {
    const created = await scim('/scim/Groups', {
      method: 'POST',
      body: { displayName: 'audio', members: [{ value: await userId('zoe') }] },
    });
    expect(created.status).toBe(201);
    expect(created.body.members.map((m: Json) => m.display)).toEqual(['zoe', 'ci-bot']);
    expect((await scim('/scim/Groups', { method: 'POST', body: { displayName: 'audio' } })).status).toBe(409);
    expect((await scim(`/scim/Groups/${created.body.id}`, { method: 'DELETE' })).status).toBe(400);
  });
});

describe('SCIM Roles', () => {
  it('lists the custom roles and manages one through POST, PATCH, PUT and DELETE', async () => {
    const list = await scim('/scim/Roles');
    expect(list.body.Resources).toEqual([
      expect.objectContaining({
        name: 'auditor',
        inheritedFrom: 'viewer',
        permissions: [{ name: 'audit-log:read', isInherited: false }],
        organizationID: 'org-1',
      }),
    ]);
    const auditor = list.body.Resources[0];
    const inUse = await scim(`/scim/Roles/${auditor.id}`, { method: 'DELETE' });
    expect(inUse.status).toBe(409);

    const created = await scim('/scim/Roles', {
      method: 'POST',
      body: {
        name: 'launcher',
        description: 'Runs jobs',
        inheritedFrom: 'member',
        permissions: [{ name: 'run:stop' }],
      },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const patched = await scim(`/scim/Roles/${id}`, {
      method: 'PATCH',
      body: patchOp(
        { op: 'add', path: 'permissions', value: [{ name: 'project:update' }] },
        { op: 'remove', path: 'permissions', value: [{ name: 'run:stop' }] },
      ),
    });
    expect(patched.body.permissions).toEqual([{ name: 'project:update', isInherited: false }]);
    const put = await scim(`/scim/Roles/${id}`, {
      method: 'PUT',
      body: { name: 'launcher', inheritedFrom: 'viewer', permissions: [] },
    });
    expect(put.body).toMatchObject({ inheritedFrom: 'viewer', permissions: [], description: null });
    expect((await scim(`/scim/Roles/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await scim(`/scim/Roles/${id}`)).status).toBe(404);
  });
});
