import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appShell } from './app';
import { parseSeed } from './seed';
import { type Simulator, startSimulator } from './server';
import { simFetch, simLogin } from './test-client';

// biome-ignore lint/suspicious/noExplicitAny: assertions walk JSON answers whose shape the assertions themselves check
type Json = Record<string, any>;

let sim: Simulator;
beforeEach(async () => {
  sim = await startSimulator({ extraHosts: ['wandb.acme.test'] });
});
afterEach(() => sim.close());

const pageData = async (path: string, cookie?: string, host = 'wandb.ai') => {
  const res = await simFetch(sim, `https://${host}/__sim/page-data?path=${encodeURIComponent(path)}`, {
    headers: cookie ? { cookie } : {},
  });
  return (await res.json()) as Json;
};

const ui = async (action: string, cookie: string, body: unknown, origin = 'https://wandb.ai') => {
  const res = await simFetch(sim, `https://wandb.ai/__sim/ui/${action}`, {
    method: 'POST',
    headers: { cookie, origin, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Json };
};

describe('sessions', () => {
  it('/__sim/login sets the wandb cookie for .wandb.ai and redirects to the members page or next', async () => {
    const res = await simFetch(sim, 'https://wandb.ai/__sim/login?user=alice');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/account-settings/acme/members');
    const cookie = res.headers.getSetCookie()[0]!;
    expect(cookie).toMatch(
      /^wandb=[0-9a-f]{48}; Domain=\.wandb\.ai; Path=\/; Secure; HttpOnly; SameSite=Lax$/,
    );
    const next = await simFetch(sim, 'https://wandb.ai/__sim/login?user=bob&next=/vision/settings');
    expect(next.headers.get('location')).toBe('/vision/settings');
    const offsite = await simFetch(sim, 'https://wandb.ai/__sim/login?user=bob&next=//evil.test/');
    expect(offsite.headers.get('location')).toBe('/account-settings/acme/members');
  });

  it('refuses unknown, deactivated and service-account users with a 400 page', async () => {
    const unknown = await simFetch(sim, 'https://wandb.ai/__sim/login?user=nobody');
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('Unknown user &#34;nobody&#34;');
    expect((await simFetch(sim, 'https://wandb.ai/__sim/login?user=judy')).status).toBe(400);
    expect((await simFetch(sim, 'https://wandb.ai/__sim/login?user=ci-bot')).status).toBe(400);
  });

  it('uses a host-only cookie on an extra (self-managed) host, which serves app and API', async () => {
    const res = await simFetch(sim, 'https://wandb.acme.test/__sim/login?user=alice');
    const cookie = res.headers.getSetCookie()[0]!;
    expect(cookie).not.toContain('Domain=');
    const value = cookie.split(';')[0]!;
    const gql = await simFetch(sim, 'https://wandb.acme.test/graphql', {
      method: 'POST',
      headers: { cookie: value, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ viewer { username } }' }),
    });
    expect(await gql.json()).toEqual({ data: { viewer: { username: 'alice' } } });
    expect((await simFetch(sim, 'https://wandb.acme.test/__sim/state')).status).toBe(200);
    expect((await pageData('/org/dashboard', value, 'wandb.acme.test')).page.kind).toBe('members');
    expect((await pageData('/console/settings', value, 'wandb.acme.test')).page.kind).toBe('org-settings');
  });

  it('/__sim/logout ends the session', async () => {
    const cookie = await simLogin(sim, 'alice');
    const out = await simFetch(sim, 'https://wandb.ai/__sim/logout', { headers: { cookie } });
    expect(out.headers.getSetCookie()[0]).toContain('Max-Age=0');
    expect((await pageData('/home', cookie)).signedIn).toBe(false);
  });
});

describe('pages', () => {
  it('serves the same HTML shell on every app route, 421 for unknown hosts, JSON 404 on the API host', async () => {
    for (const path of [
      '/',
      '/home',
      '/account-settings/acme/members',
      '/vision/settings',
      '/vision/quickstart',
    ]) {
      const res = await simFetch(sim, `https://wandb.ai${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await res.text()).toBe(appShell());
    }
    expect((await simFetch(sim, 'https://evil.test/')).status).toBe(421);
    expect((await simFetch(sim, 'https://api.wandb.ai/home')).status).toBe(404);
    expect((await simFetch(sim, 'https://wandb.ai/graphql', { method: 'POST', body: '{}' })).status).toBe(
      405,
    );
  });

  it('keeps the shell self-contained and renders data with textContent only', () => {
    const shell = appShell();
    expect(shell).not.toMatch(/(src|href)=["']?https?:/);
    expect(shell).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
    expect(shell).toContain('prefers-color-scheme: dark');
    expect(shell).toContain('history.pushState');
    expect(shell).toContain("addEventListener('popstate'");
  });

  it('gives the members page its rows, the invite teams and admin actions only for org admins', async () => {
    const alice = await simLogin(sim, 'alice');
    const data = await pageData('/account-settings/acme/members', alice);
    expect(data).toMatchObject({
      signedIn: true,
      viewer: { username: 'alice', orgAdmin: true },
      org: 'acme',
    });
    expect(data.page).toMatchObject({
      kind: 'members',
      title: 'Users',
      org: 'acme',
      total: 122,
      canManage: true,
    });
    expect(data.page.members.find((m: Json) => m.username === 'eve')).toMatchObject({
      name: '<img src=x onerror=alert(1)>',
      teams: ['ml-ops'],
    });
    expect(data.page.teams).toHaveLength(8);
    expect(data.teams).toEqual([
      'vision',
      'nlp',
      'robotics',
      'infra',
      'research',
      'platform',
      'data',
      'ml-ops',
    ]);
    const carol = await simLogin(sim, 'carol');
    expect((await pageData('/account-settings/acme/members', carol)).page.canManage).toBe(false);
    expect((await pageData('/robotics/settings', carol)).page.kind).toBe('forbidden');
    const robotics = await pageData('/robotics/settings', alice);
    expect(robotics.page.rows.find((r: Json) => r.status === 'invite-pending')).toMatchObject({
      email: 'contractor@partner.test',
    });
    expect((await pageData('/acme/settings', alice)).page).toMatchObject({
      kind: 'org-settings',
      seats: { models: 150, usedSeats: 108 },
    });
    expect((await pageData('/vision/quickstart', alice)).page).toMatchObject({
      kind: 'project',
      entity: 'vision',
      project: 'quickstart',
    });
    expect((await pageData('/no-such-team', alice)).page.kind).toBe('not-found');
    expect(await pageData('/home')).toEqual({ signedIn: false, loginUrl: '/__sim/login?next=%2Fhome' });
  });
});

describe('UI actions', () => {
  it('invites through the dialog endpoint with the same rules as createInvite', async () => {
    const alice = await simLogin(sim, 'alice');
    const ok = await ui('invite', alice, { email: 'fresh@acme.test', team: 'robotics', role: 'view-only' });
    expect(ok).toMatchObject({
      status: 200,
      body: { ok: true, invite: { email: 'fresh@acme.test', team: 'robotics', role: 'view-only' } },
    });
    const dup = await ui('invite', alice, { email: 'fresh@acme.test', team: 'robotics', role: 'member' });
    expect(dup.status).toBe(409);
    const peggy = await simLogin(sim, 'peggy');
    expect((await ui('invite', peggy, { email: 'x@acme.test', team: 'vision', role: 'member' })).status).toBe(
      403,
    );
    expect(
      (await ui('invite', alice, { email: 'y@acme.test', team: 'vision' }, 'https://evil.test')).status,
    ).toBe(403);
    expect(
      sim
        .requests()
        .filter((e) => e.kind === 'ui')
        .map((e) => e.result),
    ).toEqual(['ok', 'error', 'error', 'error']);
  });

  it('removes a member from the org and all teams, for org admins only, never the last org admin', async () => {
    const alice = await simLogin(sim, 'alice');
    const carol = await simLogin(sim, 'carol');
    expect((await ui('remove-member', carol, { username: 'frank' })).status).toBe(403);
    expect(await ui('remove-member', alice, { username: 'frank' })).toEqual({
      status: 200,
      body: { ok: true },
    });
    expect(await ui('remove-member', alice, { username: 'bob' })).toEqual({
      status: 200,
      body: { ok: true },
    });
    const last = await ui('remove-member', alice, { username: 'alice' });
    expect(last).toEqual({
      status: 400,
      body: { error: '"alice" is the last org admin; make someone else an admin first' },
    });
    const state = await (await simFetch(sim, 'https://api.wandb.ai/__sim/state')).json();
    expect(state.members.map((m: Json) => m.username)).not.toContain('frank');
    expect(state.teams.flatMap((t: Json) => t.members.map((m: Json) => m.username))).not.toContain('frank');
    expect(
      sim
        .requests()
        .filter((e) => e.kind === 'ui')
        .map((e) => [e.sessionUser, e.result]),
    ).toEqual([
      ['carol', 'error'],
      ['alice', 'ok'],
      ['alice', 'ok'],
      ['alice', 'error'],
    ]);
  });
});

describe('test helper endpoints', () => {
  it('accepts an invite: a new person joins the org (member, Full seats) and the team', async () => {
    const alice = await simLogin(sim, 'alice');
    const members = (await pageData('/vision/settings', alice)).page.rows as Json[];
    expect(members.some((r) => r.email === 'sam.new@acme.test')).toBe(true);
    const invite = sim.state.invitesFor('vision')[0]!;
    const res = await simFetch(sim, `https://api.wandb.ai/__sim/invites/${invite.id}/accept`, {
      method: 'POST',
    });
    expect(await res.json()).toEqual({
      username: 'sam.new',
      team: 'vision',
      role: 'member',
      createdMember: true,
    });
    const state = parseSeed(await (await simFetch(sim, 'https://api.wandb.ai/__sim/state')).json());
    expect(state.members.find((m) => m.username === 'sam.new')).toMatchObject({
      orgRole: 'member',
      modelsSeat: 'full',
      weaveAccess: 'full',
      lastLoginAt: null,
    });
    expect(state.teams.find((t) => t.name === 'vision')!.members).toContainEqual({
      username: 'sam.new',
      role: 'member',
    });
    expect(state.invites.some((i) => i.email === 'sam.new@acme.test')).toBe(false);
    expect(
      (await simFetch(sim, `https://api.wandb.ai/__sim/invites/${invite.id}/accept`, { method: 'POST' }))
        .status,
    ).toBe(404);
  });

  it('lists API keys with their derived secrets, and clears the request log', async () => {
    const keys = (await (await simFetch(sim, 'https://api.wandb.ai/__sim/api-keys')).json()) as Json[];
    expect(keys.find((k) => k.name === 'frank-training-pipeline')).toEqual({
      owner: 'frank',
      name: 'frank-training-pipeline',
      secret: expect.stringMatching(/^[0-9a-f]{40}$/),
    });
    const since = sim.requests().at(-1)!.seq;
    await simFetch(sim, 'https://wandb.ai/home');
    const tail = (await (
      await simFetch(sim, `https://api.wandb.ai/__sim/requests?since=${since}`)
    ).json()) as Json[];
    expect(tail[0]).toMatchObject({ kind: 'page', path: '/home', status: 200 });
    expect((await simFetch(sim, 'https://api.wandb.ai/__sim/requests', { method: 'DELETE' })).status).toBe(
      204,
    );
    expect(sim.requests().map((e) => e.path)).toEqual([]);
  });
});
