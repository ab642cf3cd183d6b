/** W&B's audit-log endpoint as the simulator serves it (API.md §4): auth, window rules, cursor paging, entries. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREATE_INVITE_MUTATION, DELETE_INVITE_MUTATION } from '@/lib/wandb/operations';
import { DEFAULT_SEED_PATH, loadSeedFile } from './seed';
import { type Simulator, startSimulator } from './server';
import { basicAuth, simFetch, simGraphql, simLogin } from './test-client';

const DEDICATED = 'wandb.acme.test';
const seed = loadSeedFile(DEFAULT_SEED_PATH);

let sim: Simulator;
let alice: string;
const secretOf = (owner: string) => sim.apiKeys().find((k) => k.owner === owner)!.secret;

beforeAll(async () => {
  sim = await startSimulator({ extraHosts: [DEDICATED] });
  alice = basicAuth('alice', secretOf('alice'));
});
afterAll(() => sim.close());

interface Page {
  audit_logs: { timestamp: string; action: string; actor_user_id: string; actor_email?: string }[];
  range_start_time: string;
  range_end_time: string;
  count: number;
  next_cursor: string | null;
}

async function get(query: string, auth: string | null = alice, host = 'api.wandb.ai', path = '/audit_logs') {
  const res = await simFetch(sim, `https://${host}${path}${query}`, {
    headers: auth ? { authorization: auth } : {},
  });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type') ?? '', text };
}

async function page(query: string, host?: string, path?: string): Promise<Page> {
  const res = await get(query, alice, host, path);
  expect(res.status, res.text).toBe(200);
  return JSON.parse(res.text) as Page;
}

/** Every page of a window, following next_cursor. */
async function all(query: string, host?: string, path?: string) {
  const pages: Page[] = [];
  let cursor: string | null = null;
  do {
    const p = await page(`${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, host, path);
    pages.push(p);
    cursor = p.next_cursor;
  } while (cursor);
  return pages;
}

/** What the seed says W&B's log holds for [from, to): logins and run heartbeats, oldest first. */
function seedEntries(from: string, to: string) {
  const emails = new Map(seed.members.map((m) => [m.username, m.email]));
  const entries = [
    ...seed.members.flatMap((m) =>
      m.lastLoginAt ? [{ timestamp: m.lastLoginAt, action: 'user:login', email: m.email }] : [],
    ),
    ...seed.projects.flatMap((p) =>
      p.runs.flatMap((r) =>
        r.user && r.heartbeatAt
          ? [{ timestamp: r.heartbeatAt, action: 'run:update', email: emails.get(r.user)! }]
          : [],
      ),
    ),
  ];
  return entries
    .filter((e) => e.timestamp >= from && e.timestamp < to)
    .sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0))
    .map((e) => [e.timestamp, e.action, e.email]);
}

describe('who may read the audit logs', () => {
  it('answers 401 without a key, with a wrong key, a Bearer key or another username, and 403 to a non-admin', async () => {
    const q = '?startDate=2026-10-26&numDays=0';
    expect(await get(q, null)).toMatchObject({ status: 401, type: expect.stringMatching(/^text\/plain/) });
    expect(await get(q, basicAuth('alice', '0'.repeat(40)))).toMatchObject({
      status: 401,
      text: 'invalid API key',
    });
    expect((await get(q, `Bearer ${secretOf('alice')}`)).status).toBe(401);
    expect(await get(q, basicAuth('bob', secretOf('alice')))).toMatchObject({
      status: 401,
      text: 'username does not match the API key',
    });
    expect(await get(q, basicAuth('carol', secretOf('carol')))).toMatchObject({
      status: 403,
      text: 'only organization admins can read audit logs',
    });
    expect((await get(q, basicAuth('bob', secretOf('bob')))).status).toBe(200);
    expect(sim.requests().at(-1)).toMatchObject({
      kind: 'audit-logs',
      method: 'GET',
      path: '/audit_logs',
      auth: { scheme: 'basic', owner: 'bob', keyName: 'bob-scripts' },
    });
  });
});

describe('the window', () => {
  it('is startDate through startDate + numDays (UTC days, both included), numDays 0 to 7', async () => {
    const week = await all('?startDate=2026-10-26&numDays=6');
    expect(week[0]).toMatchObject({
      range_start_time: '2026-10-26T00:00:00.000Z',
      range_end_time: '2026-11-02T00:00:00.000Z',
    });
    const got = week.flatMap((p) => p.audit_logs.map((e) => [e.timestamp, e.action, e.actor_email]));
    expect(got).toEqual(seedEntries('2026-10-26', '2026-11-02'));
    expect(got.length).toBeGreaterThan(3);

    const day = await page('?startDate=2026-10-28&numDays=0');
    expect(day.range_end_time).toBe('2026-10-29T00:00:00.000Z');
    expect(day.audit_logs.map((e) => e.timestamp)).toEqual(
      seedEntries('2026-10-28', '2026-10-29').map(([t]) => t),
    );
    expect((await page('?startDate=2026-10-20&numDays=7')).range_end_time).toBe('2026-10-28T00:00:00.000Z');
  });

  it('refuses more than 7 days, a missing or impossible startDate, and parameters it does not take (400)', async () => {
    for (const [query, reason] of [
      ['?startDate=2026-10-20&numDays=8', 'numDays must be a whole number from 0 to 7'],
      ['?startDate=2026-10-20&numDays=-1', 'numDays must be a whole number from 0 to 7'],
      ['?startDate=2026-10-20&numDays=1.5', 'numDays must be a whole number from 0 to 7'],
      ['?numDays=3', 'startDate is required (YYYY-MM-DD)'],
      ['?startDate=2026-02-30&numDays=0', 'startDate must be a date YYYY-MM-DD'],
      ['?startDate=20261020&numDays=0', 'startDate must be a date YYYY-MM-DD'],
      ['?startDate=2026-10-20&endDate=2026-10-21', 'unknown parameter "endDate"'],
      ['?startDate=2026-10-20&anonymize=true', 'unknown parameter "anonymize"'],
      ['?startDate=2026-10-20&limit=0', 'limit must be a whole number from 1 to 1000'],
      ['?startDate=2026-10-20&limit=1001', 'limit must be a whole number from 1 to 1000'],
    ] as const) {
      expect(await get(query), query).toMatchObject({ status: 400, text: reason });
    }
  });

  it('on a dedicated host: /admin/audit_logs, with endDate (≤ 7 days on) and anonymize', async () => {
    const path = '/admin/audit_logs';
    const byEnd = await all('?startDate=2026-10-26&endDate=2026-11-01', DEDICATED, path);
    expect(byEnd[0]!.range_end_time).toBe('2026-11-02T00:00:00.000Z');
    expect(byEnd.flatMap((p) => p.audit_logs.map((e) => [e.timestamp, e.action, e.actor_email]))).toEqual(
      seedEntries('2026-10-26', '2026-11-02'),
    );
    const anonymous = await page('?startDate=2026-10-28&numDays=0&anonymize=true', DEDICATED, path);
    expect(anonymous.audit_logs.length).toBeGreaterThan(0);
    for (const entry of anonymous.audit_logs) {
      expect(entry).not.toHaveProperty('actor_email');
      expect(entry.actor_user_id).toMatch(/^user-\d+$/);
    }
    for (const [query, reason] of [
      ['?startDate=2026-10-20&endDate=2026-10-28', 'endDate must be from startDate to 7 days after it'],
      ['?startDate=2026-10-20&endDate=2026-10-19', 'endDate must be from startDate to 7 days after it'],
      ['?startDate=2026-10-20&endDate=2026-10-21&numDays=1', 'give numDays or endDate, not both'],
      ['?startDate=2026-10-20&anonymize=yes', 'anonymize must be true or false'],
    ] as const) {
      const res = await get(query, alice, DEDICATED, path);
      expect(res, query).toMatchObject({ status: 400, text: reason });
    }
    // Each deployment serves its own path only.
    expect((await get('?startDate=2026-10-26', alice, 'api.wandb.ai', path)).status).toBe(404);
  });
});

describe('paging with the cursor', () => {
  it('gives `limit` entries a page, next_cursor until the last page (null), and the same entries as one page', async () => {
    const whole = await page('?startDate=2026-10-26&numDays=6&limit=1000');
    expect(whole.next_cursor).toBeNull();
    expect(whole.count).toBe(whole.audit_logs.length);
    const pages = await all('?startDate=2026-10-26&numDays=6&limit=2');
    expect(pages.length).toBe(Math.ceil(whole.audit_logs.length / 2));
    expect(pages.slice(0, -1).every((p) => p.count === 2 && typeof p.next_cursor === 'string')).toBe(true);
    expect(pages.at(-1)!.next_cursor).toBeNull();
    expect(pages.flatMap((p) => p.audit_logs)).toEqual(whole.audit_logs);
  });

  it('refuses a cursor it did not issue, or one issued for another window', async () => {
    const first = await page('?startDate=2026-10-26&numDays=6&limit=1');
    expect(await get('?startDate=2026-10-26&numDays=6&cursor=nonsense')).toMatchObject({
      status: 400,
      text: 'invalid cursor',
    });
    const other = await get(`?startDate=2026-10-19&numDays=6&cursor=${first.next_cursor}`);
    expect(other).toMatchObject({ status: 400, text: 'invalid cursor' });
  });
});

describe('writes made through the simulator are logged as W&B names them', () => {
  it('createInvite → team:invite_user, deleteInvite → team:uninvite, SCIM removal → organization:update_member, by whoever made them', async () => {
    const cookie = await simLogin(sim, 'alice');
    const before = Date.now();
    const made = await simGraphql(
      sim,
      CREATE_INVITE_MUTATION,
      { entity: 'vision', email: 'audit.me@acme.test' },
      { cookie },
    );
    const id = (made.body.data!.result as { invite: { id: string } }).invite.id;
    await simGraphql(sim, DELETE_INVITE_MUTATION, { id, entity: 'vision' }, { cookie });
    const ivan = seed.members.find((m) => m.username === 'ivan')!;
    const scimId = sim.state.member('ivan')!.id;
    const removed = await simFetch(sim, `https://api.wandb.ai/scim/Users/${scimId}`, {
      method: 'DELETE',
      headers: { authorization: basicAuth('bob', secretOf('bob')) },
    });
    expect(removed.status).toBe(204);

    const today = new Date().toISOString().slice(0, 10);
    const entries = (await all(`?startDate=${today}&numDays=0`)).flatMap((p) => p.audit_logs);
    const aliceRec = sim.state.member('alice')!;
    const bobRec = sim.state.member('bob')!;
    expect(entries.map((e) => [e.action, e.actor_email, e.actor_user_id])).toEqual([
      ['team:invite_user', aliceRec.email, aliceRec.id],
      ['team:uninvite', aliceRec.email, aliceRec.id],
      ['organization:update_member', bobRec.email, bobRec.id],
    ]);
    for (const entry of entries) expect(Date.parse(entry.timestamp)).toBeGreaterThanOrEqual(before - 1000);
    // The leaver's own past entries stay in the log after they are gone.
    expect(ivan.lastLoginAt).not.toBeNull();
    const day = ivan.lastLoginAt!.slice(0, 10);
    const theirs = (await all(`?startDate=${day}&numDays=0`)).flatMap((p) => p.audit_logs);
    expect(theirs).toContainEqual(expect.objectContaining({ action: 'user:login', actor_email: ivan.email }));
  });
});
