import { type GraphQLObjectType, parse, validate } from 'graphql';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as operations from '@/lib/wandb/operations';
import { fullSchema, SDL, strictSchema, stripThirdParty } from './schema';
import { type Simulator, startSimulator } from './server';
import { basicAuth, simFetch, simGraphql, simLogin } from './test-client';

const {
  CREATE_INVITE_MUTATION,
  DELETE_INVITE_MUTATION,
  ORG_DIRECTORY_QUERY,
  ORG_LOOKUP_QUERY,
  TEAM_MEMBERS_QUERY,
  VIEWER_QUERY,
} = operations;

// biome-ignore lint/suspicious/noExplicitAny: assertions walk JSON answers whose shape the assertions themselves check
type Json = Record<string, any>;

describe('schema', () => {
  it('tags every field, argument-bearing field and enum value with an API.md source', () => {
    const lines = SDL.split('\n').filter((l) => /^\s+\S/.test(l));
    const untagged = lines.filter((l) => !/# \[(SDL|SDK|W&B-FE|3P|DOC)\]/.test(l));
    expect(untagged).toEqual([]);
  });

  it('offers exactly the documented root fields and mutations', () => {
    expect(Object.keys(fullSchema.getQueryType()!.getFields())).toEqual([
      'viewer',
      'organization',
      'entity',
      'project',
      'projects',
      'users',
    ]);
    expect(Object.keys(fullSchema.getMutationType()!.getFields())).toEqual(['createInvite', 'deleteInvite']);
  });

  it('accepts every document in lib/wandb/operations.ts', () => {
    const docs = Object.entries(operations).filter(([, v]) => typeof v === 'string');
    expect(docs.length).toBeGreaterThanOrEqual(6);
    for (const [name, doc] of docs) {
      expect(validate(fullSchema, parse(doc as string)).map((e) => `${name}: ${e.message}`)).toEqual([]);
    }
  });

  it('has no [3P] field in the strict-verified schema, which still accepts the verified documents', () => {
    const strictSdl = stripThirdParty(SDL);
    expect(strictSdl).not.toContain('[3P]');
    expect(strictSchema.getType('OrganizationMember')).toBeUndefined();
    expect(strictSchema.getType('SeatAvailability')).toBeUndefined();
    expect(Object.keys((strictSchema.getType('Organization') as GraphQLObjectType).getFields())).toEqual([
      'id',
      'name',
    ]);
    for (const doc of [
      VIEWER_QUERY,
      ORG_LOOKUP_QUERY,
      TEAM_MEMBERS_QUERY,
      CREATE_INVITE_MUTATION,
      DELETE_INVITE_MUTATION,
    ]) {
      expect(validate(strictSchema, parse(doc))).toEqual([]);
    }
    expect(validate(strictSchema, parse(ORG_DIRECTORY_QUERY))[0]!.message).toBe(
      'Cannot query field "usedSeats" on type "Organization".',
    );
  });
});

describe('GraphQL over HTTPS (acme seed)', () => {
  let sim: Simulator;
  let alice: string;
  beforeAll(async () => {
    sim = await startSimulator();
    alice = await simLogin(sim, 'alice');
  });
  afterAll(() => sim.close());
  afterEach(() => {
    sim.setConfig({ strictVerified: false, expireSessionAfter: null });
  });

  it('refuses SearchUsers (instance admins only) and shows API key names to their owner only', async () => {
    const search = await simGraphql(
      sim,
      operations.USER_API_KEYS_QUERY,
      { query: 'frank' },
      { cookie: alice },
    );
    expect(search.body.errors?.[0]?.message).toBe('permission denied');
    expect(search.body.data?.users ?? null).toBeNull();
    const own = await simGraphql(
      sim,
      'query { viewer { apiKeys { edges { node { id name description } } } } }',
      {},
      { cookie: alice },
    );
    expect((own.body.data!.viewer as Json).apiKeys.edges.map((e: Json) => e.node.name)).toEqual([
      'alice-admin-key',
    ]);
    expect(JSON.stringify(own.body)).not.toMatch(/[0-9a-f]{40}/);
    const others = await simGraphql(
      sim,
      'query { project(name: "llm-finetune", entityName: "nlp") { runs { edges { node { user { apiKeys { edges { node { name } } } } } } } } }',
      {},
      { cookie: alice },
    );
    expect(others.body.errors?.[0]?.message).toBe('permission denied');
  });

  it('answers Viewer with the signed-in user and their teams', async () => {
    const r = await simGraphql(sim, VIEWER_QUERY, {}, { cookie: alice });
    expect(r.status).toBe(200);
    const viewer = r.body.data!.viewer as Json;
    expect(viewer.username).toBe('alice');
    expect(viewer.email).toBe('alice@acme.test');
    expect(viewer.teams.edges.map((e: Json) => e.node.name)).toEqual([
      'vision',
      'nlp',
      'robotics',
      'infra',
      'research',
      'platform',
      'data',
      'ml-ops',
    ]);
  });

  it('answers OrgDirectory with seats, all members (service and deactivated too) and pending invites', async () => {
    const r = await simGraphql(sim, ORG_DIRECTORY_QUERY, { org: 'acme' }, { cookie: alice });
    expect(r.status).toBe(200);
    expect(r.body.errors).toBeUndefined();
    const org = r.body.data!.organization as Json;
    expect(org).toMatchObject({
      id: 'org-1',
      name: 'acme',
      usedSeats: 108,
      usedViewOnlySeats: 11,
      seatAvailability: { seats: 150, viewOnlySeats: 40 },
    });
    expect(org.teams.find((t: Json) => t.name === 'robotics').memberCount).toBe(25);
    expect(org.members).toHaveLength(122);
    const byName = (u: string) => org.members.find((m: Json) => m.username === u);
    expect(byName('alice')).toMatchObject({
      admin: true,
      role: 'admin',
      modelsSeat: 'full',
      weaveRole: 'full',
      user: { loggedInAt: '2026-10-30T09:12:00Z', deletedAt: null },
    });
    expect(byName('ivan')).toMatchObject({ admin: false, role: 'auditor', modelsSeat: 'viewer' });
    expect(byName('ci-bot')).toMatchObject({ modelsSeat: 'no-access', user: { loggedInAt: null } });
    expect(byName('judy').user.deletedAt).toEqual(expect.any(String));
    expect(byName('dave').teams.edges.map((e: Json) => e.node.name)).toEqual(['vision', 'robotics']);
    expect(org.pendingInvites).toHaveLength(7);
    expect(org.pendingInvites.find((i: Json) => i.email === 'heidi@acme.test')).toMatchObject({
      entity: { name: 'research' },
      role: 'member',
      createdAt: '2026-10-27T17:00:00Z',
    });
  });

  it('answers TeamMembers with team roles, account types and pending invites as members', async () => {
    const r = await simGraphql(sim, TEAM_MEMBERS_QUERY, { name: 'robotics' }, { cookie: alice });
    const entity = r.body.data!.entity as Json;
    expect(entity).toMatchObject({
      name: 'robotics',
      isTeam: true,
      organization: { id: 'org-1', name: 'acme' },
    });
    const admins = entity.members.filter((m: Json) => m.admin).map((m: Json) => m.username);
    expect(admins).toEqual(['dave']);
    expect(entity.members.find((m: Json) => m.username === 'alice')).toMatchObject({
      role: 'member',
      pending: false,
      accountType: 'USER',
    });
    expect(entity.members.at(-1)).toEqual({
      id: expect.stringMatching(/^invite-/),
      admin: false,
      pending: true,
      email: 'contractor@partner.test',
      username: null,
      name: '',
      accountType: 'USER',
      role: 'member',
    });
    const infra = await simGraphql(sim, TEAM_MEMBERS_QUERY, { name: 'infra' }, { cookie: alice });
    expect(
      (infra.body.data!.entity as Json).members.find((m: Json) => m.username === 'ci-bot').accountType,
    ).toBe('SERVICE');
  });

  it('shows a team only to its members and org admins; personal entities are not teams', async () => {
    const peggy = await simLogin(sim, 'peggy'); // a viewer in vision only
    const hidden = await simGraphql(sim, TEAM_MEMBERS_QUERY, { name: 'robotics' }, { cookie: peggy });
    expect(hidden.body.data!.entity).toBeNull();
    const own = await simGraphql(sim, TEAM_MEMBERS_QUERY, { name: 'vision' }, { cookie: peggy });
    expect((own.body.data!.entity as Json).name).toBe('vision');
    const personal = await simGraphql(sim, TEAM_MEMBERS_QUERY, { name: 'bob' }, { cookie: alice });
    expect(personal.body.data!.entity).toEqual({
      id: expect.any(String),
      name: 'bob',
      isTeam: false,
      organization: null,
      members: [],
    });
    const lookup = await simGraphql(sim, ORG_LOOKUP_QUERY, { org: 'globex' }, { cookie: alice });
    expect(lookup.body.data!.organization).toBeNull();
  });

  it('in strict-verified mode rejects OrgDirectory like a server without [3P] fields, but runs TeamMembers', async () => {
    sim.setConfig({ strictVerified: true });
    const r = await simGraphql(sim, ORG_DIRECTORY_QUERY, { org: 'acme' }, { cookie: alice });
    expect(r.status).toBe(400);
    expect(r.body.errors![0]!.message).toBe('Cannot query field "usedSeats" on type "Organization".');
    expect(r.body).not.toHaveProperty('data');
    const t = await simGraphql(sim, TEAM_MEMBERS_QUERY, { name: 'vision' }, { cookie: alice });
    expect(t.status).toBe(200);
    expect((t.body.data!.entity as Json).name).toBe('vision');
  });

  it('without credentials: viewer is null and other root fields are permission denied', async () => {
    const v = await simGraphql(sim, VIEWER_QUERY);
    expect(v.status).toBe(200);
    expect(v.body).toEqual({ data: { viewer: null } });
    const o = await simGraphql(sim, ORG_LOOKUP_QUERY, { org: 'acme' });
    expect(o.body.data).toEqual({ organization: null });
    expect(o.body.errors![0]).toMatchObject({ message: 'permission denied', path: ['organization'] });
  });

  it('answers 401 "relogin required" for an unknown session and once sessions expire', async () => {
    const unknown = await simGraphql(sim, VIEWER_QUERY, {}, { cookie: 'wandb=not-a-session' });
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual({ errors: [{ message: 'relogin required' }] });

    const session = await simLogin(sim, 'bob');
    sim.setConfig({ expireSessionAfter: 2 });
    expect((await simGraphql(sim, VIEWER_QUERY, {}, { cookie: session })).status).toBe(200);
    expect((await simGraphql(sim, VIEWER_QUERY, {}, { cookie: session })).status).toBe(200);
    const expired = await simGraphql(sim, VIEWER_QUERY, {}, { cookie: session });
    expect(expired.status).toBe(401);
    expect(expired.body.errors![0]!.message).toBe('relogin required');
    expect((await simGraphql(sim, VIEWER_QUERY, {}, { cookie: session })).status).toBe(401);
    const fresh = await simLogin(sim, 'bob');
    expect((await simGraphql(sim, VIEWER_QUERY, {}, { cookie: fresh })).status).toBe(200);
    const faults = sim.requests().filter((e) => e.fault === 'session-expired');
    expect(faults.length).toBe(2);
  });

  it('accepts an API key as Basic api:<key> or Bearer, refuses a bad key, and never logs the secret', async () => {
    const key = sim.apiKeys().find((k) => k.name === 'alice-admin-key')!;
    const basic = await simGraphql(sim, VIEWER_QUERY, {}, { authorization: basicAuth('api', key.secret) });
    expect((basic.body.data!.viewer as Json).username).toBe('alice');
    const bearer = await simGraphql(sim, VIEWER_QUERY, {}, { authorization: `Bearer ${key.secret}` });
    expect((bearer.body.data!.viewer as Json).username).toBe('alice');
    const bad = await simGraphql(sim, VIEWER_QUERY, {}, { authorization: 'Bearer 0000' });
    expect(bad.status).toBe(401);
    const entries = sim.requests().filter((e) => e.auth);
    expect(entries.map((e) => e.auth)).toEqual([
      { scheme: 'basic', keyName: 'alice-admin-key', owner: 'alice' },
      { scheme: 'bearer', keyName: 'alice-admin-key', owner: 'alice' },
      { scheme: 'bearer', keyName: null, owner: null },
    ]);
    const log = await simFetch(sim, 'https://api.wandb.ai/__sim/requests');
    const text = await log.text();
    expect(text).not.toContain(key.secret);
    expect(text).not.toContain(Buffer.from(`api:${key.secret}`).toString('base64'));
  });

  it('records cookie, X-Origin, Origin, user agent and operation name for each request', async () => {
    const session = await simLogin(sim, 'alice');
    sim.clearRequests();
    await simGraphql(
      sim,
      TEAM_MEMBERS_QUERY,
      { name: 'nlp' },
      { cookie: session, origin: 'chrome-extension://abc', 'user-agent': 'test-agent' },
    );
    const entry = sim.requests().find((e) => e.kind === 'graphql')!;
    expect(entry).toMatchObject({
      host: 'api.wandb.ai',
      method: 'POST',
      path: '/graphql',
      operationName: 'TeamMembers',
      variables: { name: 'nlp' },
      status: 200,
      fault: null,
      sessionUser: 'alice',
      hadCookie: true,
      xOrigin: 'https://wandb.ai',
      origin: 'chrome-extension://abc',
      userAgent: 'test-agent',
      auth: null,
    });
    expect(JSON.stringify(entry)).not.toContain(session.split('=')[1]);
  });
});

describe('GraphQL mutations', () => {
  let sim: Simulator;
  let alice: string;
  beforeAll(async () => {
    sim = await startSimulator();
    alice = await simLogin(sim, 'alice');
  });
  afterAll(() => sim.close());

  const invite = (cookie: string, variables: Record<string, unknown>) =>
    simGraphql(sim, CREATE_INVITE_MUTATION, variables, { cookie });
  const teamMembers = async (name: string) =>
    ((await simGraphql(sim, TEAM_MEMBERS_QUERY, { name }, { cookie: alice })).body.data!.entity as Json)
      .members as Json[];

  it('refuses createInvite from someone who is neither team admin nor org admin', async () => {
    const carol = await simLogin(sim, 'carol'); // admin of vision, not of robotics
    const r = await invite(carol, { entity: 'robotics', email: 'x@acme.test' });
    expect(r.status).toBe(200);
    expect(r.body.data).toEqual({ result: null });
    expect(r.body.errors![0]!.message).toBe('permission denied');
    const entry = sim.requests().at(-1)!;
    expect(entry).toMatchObject({
      operationName: 'CreateInvite',
      result: 'error',
      error: 'permission denied',
    });
  });

  it('lets a team admin invite by email; the invite shows as a pending member and in the state', async () => {
    const carol = await simLogin(sim, 'carol');
    const r = await invite(carol, { entity: 'vision', email: 'new.person@acme.test', admin: true });
    const created = (r.body.data!.result as Json).invite;
    expect(created).toMatchObject({
      id: expect.stringMatching(/^invite-/),
      email: 'new.person@acme.test',
      name: null,
      toUser: null,
    });
    expect(Date.parse(created.createdAt)).not.toBeNaN();
    expect((await teamMembers('vision')).find((m) => m.email === 'new.person@acme.test')).toMatchObject({
      pending: true,
      admin: true,
      role: 'admin',
    });
    expect(sim.requests().at(-2)).toMatchObject({ operationName: 'CreateInvite', result: 'ok' });
    const state = await (await simFetch(sim, 'https://api.wandb.ai/__sim/state')).json();
    expect(state.invites).toContainEqual({
      email: 'new.person@acme.test',
      team: 'vision',
      role: 'admin',
      createdAt: created.createdAt,
    });
  });

  it('refuses a duplicate pending invite, an existing team member and an unknown username', async () => {
    const dup = await invite(alice, { entity: 'nlp', email: 'lee.intern@acme.test' });
    expect(dup.body.errors![0]!.message).toBe(
      'an invite for "lee.intern@acme.test" to team "nlp" is already pending',
    );
    const member = await invite(alice, { entity: 'nlp', email: 'ERIN@acme.test' });
    expect(member.body.errors![0]!.message).toBe('user "erin" is already a member of team "nlp"');
    const unknown = await invite(alice, { entity: 'nlp', username: 'nobody' });
    expect(unknown.body.errors![0]!.message).toBe('user "nobody" not found');
    const personal = await invite(alice, { entity: 'bob', email: 'y@acme.test' });
    expect(personal.body.errors![0]!.message).toBe('invites can only be sent for a team');
  });

  it('sets toUser when inviting an existing org member by username', async () => {
    const r = await invite(alice, { entity: 'nlp', username: 'heidi' });
    expect((r.body.data!.result as Json).invite).toMatchObject({
      email: 'heidi@acme.test',
      name: 'Heidi Horvath',
      toUser: { name: 'Heidi Horvath' },
    });
  });

  it('deleteInvite cancels an invite by its id and removes a member from the team (not the org) by membership id', async () => {
    const members = await teamMembers('data');
    const pending = members.find((m) => m.pending)!;
    const cancel = await simGraphql(
      sim,
      DELETE_INVITE_MUTATION,
      { id: pending.id, entity: 'data' },
      { cookie: alice },
    );
    expect(cancel.body).toEqual({ data: { result: { success: true } } });
    const frank = members.find((m) => m.username === 'frank')!;
    const remove = await simGraphql(sim, DELETE_INVITE_MUTATION, { id: frank.id }, { cookie: alice });
    expect(remove.body).toEqual({ data: { result: { success: true } } });
    const after = await teamMembers('data');
    expect(after.find((m) => m.id === pending.id)).toBeUndefined();
    expect(after.find((m) => m.username === 'frank')).toBeUndefined();
    const org = (await simGraphql(sim, ORG_DIRECTORY_QUERY, { org: 'acme' }, { cookie: alice })).body.data!
      .organization as Json;
    expect(
      org.members.find((m: Json) => m.username === 'frank').teams.edges.map((e: Json) => e.node.name),
    ).toEqual(['nlp', 'ml-ops']);
    const wrongTeam = await simGraphql(
      sim,
      DELETE_INVITE_MUTATION,
      { id: members.find((m) => m.username === 'erin')!.id, entity: 'vision' },
      { cookie: alice },
    );
    expect(wrongTeam.body.errors![0]!.message).toMatch(/not found/);
  });

  it('refuses deleteInvite from a plain member', async () => {
    const members = await teamMembers('ml-ops');
    const peggyless = await simLogin(sim, 'heidi');
    const r = await simGraphql(sim, DELETE_INVITE_MUTATION, { id: members[1]!.id }, { cookie: peggyless });
    expect(r.body.errors![0]!.message).toBe('permission denied');
  });
});

describe('a schema without one field (rejectField, for the diagnostics report)', () => {
  it('drops exactly that field of that type, and the rest still validates', async () => {
    const { stripField } = await import('./schema');
    const sdl =
      'type Organization {\n  id: ID!\n  usedSeats: Int # [3P]\n}\ntype Other {\n  usedSeats: Int\n}\n';
    expect(stripField(sdl, 'Organization.usedSeats')).toBe(
      'type Organization {\n  id: ID!\n}\ntype Other {\n  usedSeats: Int\n}\n',
    );
  });
});
