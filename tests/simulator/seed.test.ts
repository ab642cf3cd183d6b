import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEED_PATH, loadSeedFile, parseSeed, type Seed, SeedError } from './seed';
import { OrgState } from './state';

function minimalSeed(): Record<string, unknown> {
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
        lastLoginAt: '2026-10-01T10:00:00Z',
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
      {
        name: 'vision',
        members: [
          { username: 'alice', role: 'admin' },
          { username: 'bob', role: 'member' },
        ],
      },
    ],
    invites: [{ email: 'new@acme.test', team: 'vision', role: 'member', createdAt: '2026-11-01T00:00:00Z' }],
    apiKeys: [{ owner: 'alice', name: 'ci-key', lastUsedAt: '2026-11-20T00:00:00Z' }],
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

describe('seed validation', () => {
  it('accepts the documented example and fills defaults', () => {
    const seed = parseSeed(minimalSeed());
    expect(seed.members[1]).toMatchObject({ status: 'active', lastLoginAt: null });
    expect(seed.customRoles).toEqual([]);
  });

  it('rejects an unknown key with its path', () => {
    const json = minimalSeed();
    (json.members as Record<string, unknown>[])[1]!.nickname = 'b';
    (json as Record<string, unknown>).extra = true;
    expect(issuesOf(json)).toEqual(['members[1].nickname: unknown key', 'extra: unknown key']);
  });

  it('rejects an org role that is neither built in nor a custom role', () => {
    const json = minimalSeed();
    (json.members as Record<string, unknown>[])[1]!.orgRole = 'superuser';
    expect(issuesOf(json)).toEqual(['members[1].orgRole: expected admin | member | viewer | a custom role']);
  });

  it('accepts a custom org role and team role once declared in customRoles', () => {
    const json = minimalSeed();
    json.customRoles = [{ name: 'auditor', inheritedFrom: 'viewer', permissions: ['audit-log:read'] }];
    (json.members as Record<string, unknown>[])[1]!.orgRole = 'auditor';
    (json.teams as { members: Record<string, unknown>[] }[])[0]!.members[1]!.role = 'auditor';
    expect(parseSeed(json).members[1]!.orgRole).toBe('auditor');
  });

  it('rejects a team member who is not a listed member', () => {
    const json = minimalSeed();
    (json.teams as { members: unknown[] }[])[0]!.members.push({ username: 'zed', role: 'member' });
    expect(issuesOf(json)).toEqual(['teams[0].members[2].username: "zed" is not a listed member']);
  });

  it('rejects an invite to a team that does not exist', () => {
    const json = minimalSeed();
    (json.invites as Record<string, unknown>[])[0]!.team = 'nlp';
    expect(issuesOf(json)).toEqual(['invites[0].team: no team named "nlp"']);
  });

  it('rejects a key owned by someone unknown, a bad team role and bad enum values together', () => {
    const json = minimalSeed();
    (json.apiKeys as Record<string, unknown>[])[0]!.owner = 'mallory';
    (json.teams as { members: Record<string, unknown>[] }[])[0]!.members[1]!.role = 'owner';
    expect(issuesOf(json)).toEqual([
      'teams[0].members[1].role: expected admin | member | view-only | a custom role',
      'apiKeys[0].owner: "mallory" is not a listed member',
    ]);
    const json2 = minimalSeed();
    (json2.members as Record<string, unknown>[])[0]!.modelsSeat = 'premium';
    (json2.members as Record<string, unknown>[])[0]!.lastLoginAt = 'yesterday';
    delete (json2.members as Record<string, unknown>[])[1]!.email;
    expect(issuesOf(json2)).toEqual([
      'members[0].modelsSeat: expected full | viewer | no-access',
      'members[0].lastLoginAt: expected an ISO 8601 date-time',
      'members[1].email: required',
    ]);
  });

  it('requires the seed admin to be an active org admin', () => {
    const json = minimalSeed();
    json.admin = 'bob';
    expect(issuesOf(json)).toEqual(['admin: "bob" must be an active user with orgRole admin']);
  });

  it('rejects duplicate usernames and emails', () => {
    const json = minimalSeed();
    (json.members as Record<string, unknown>[])[1]!.email = 'ALICE@acme.test';
    expect(issuesOf(json)).toEqual(['members[1].email: duplicate email "ALICE@acme.test"']);
  });

  it('reports unreadable files and bad JSON as SeedError', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-seed-'));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ nope');
    expect(() => loadSeedFile(bad)).toThrow(SeedError);
    expect(() => loadSeedFile(join(dir, 'missing.json'))).toThrow(/cannot read/);
  });
});

describe('the default acme seed', () => {
  const seed: Seed = loadSeedFile(DEFAULT_SEED_PATH);
  const teamsOf = (u: string) => seed.teams.filter((t) => t.members.some((m) => m.username === u));

  it('is the acme org with alice as admin and about 120 members in 8 teams', () => {
    expect(seed.org).toMatchObject({ id: 'org-1', name: 'acme' });
    expect(seed.admin).toBe('alice');
    expect(seed.members.length).toBeGreaterThanOrEqual(110);
    expect(seed.members.length).toBeLessThanOrEqual(130);
    expect(seed.teams.map((t) => t.name)).toEqual([
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

  it('has exactly two org admins, about ten viewers, a service account, deactivated members and a custom role holder', () => {
    expect(seed.members.filter((m) => m.orgRole === 'admin').map((m) => m.username)).toEqual([
      'alice',
      'bob',
    ]);
    const viewers = seed.members.filter((m) => m.orgRole === 'viewer');
    expect(viewers.length).toBe(10);
    expect(viewers.every((m) => m.modelsSeat === 'viewer')).toBe(true);
    const service = seed.members.filter((m) => m.accountType === 'service');
    expect(service.map((m) => m.username)).toEqual(['ci-bot']);
    expect(teamsOf('ci-bot').length).toBeGreaterThan(0);
    expect(seed.members.filter((m) => m.status === 'deactivated').length).toBe(2);
    expect(seed.customRoles.map((r) => r.name)).toEqual(['auditor']);
    expect(seed.members.filter((m) => m.orgRole === 'auditor').map((m) => m.username)).toEqual(['ivan']);
  });

  it('puts alice in every team and every member in at least one team', () => {
    expect(teamsOf('alice').length).toBe(8);
    expect(seed.members.filter((m) => teamsOf(m.username).length === 0)).toEqual([]);
  });

  it('makes dave, an org member, the only admin of robotics and of no other team alone', () => {
    const soleAdminTeams = seed.teams.filter((t) => {
      const admins = t.members.filter((m) => m.role === 'admin');
      return admins.length === 1 && admins[0]!.username === 'dave';
    });
    expect(soleAdminTeams.map((t) => t.name)).toEqual(['robotics']);
    expect(seed.members.find((m) => m.username === 'dave')!.orgRole).toBe('member');
    for (const t of seed.teams) expect(t.members.some((m) => m.role === 'admin')).toBe(true);
  });

  it('carries the hostile display names the CSV and XSS tests need', () => {
    const names = seed.members.map((m) => m.name);
    for (const first of ['=', '+', '-', '@']) expect(names.some((n) => n.startsWith(first))).toBe(true);
    expect(names).toContain('<img src=x onerror=alert(1)>');
    expect(names.some((n) => n.includes('"') && n.includes(','))).toBe(true);
    expect(names.some((n) => n.includes('\n'))).toBe(true);
    expect(names.some((n) => /\p{Extended_Pictographic}/u.test(n))).toBe(true);
    expect(names.some((n) => /[\u0590-\u06ff\u200f]/.test(n))).toBe(true);
    expect(names.some((n) => /[\u4e00-\u9fff]/.test(n))).toBe(true);
  });

  it('has pending invites, API keys for alice and the leaver candidate, and seats that cover use', () => {
    expect(seed.invites.length).toBeGreaterThanOrEqual(6);
    const owners = new Set(seed.apiKeys.map((k) => k.owner));
    expect(owners.has('alice') && owners.has('frank')).toBe(true);
    expect(seed.apiKeys.some((k) => k.lastUsedAt !== null)).toBe(true);
    const usage = new OrgState(seed).seatUsage();
    expect(usage.usedSeats).toBeLessThanOrEqual(seed.org.seats.models);
    expect(usage.usedViewOnlySeats).toBeLessThanOrEqual(seed.org.seats.modelsViewer);
    expect(seed.members.filter((m) => m.lastLoginAt === null).length).toBeGreaterThan(0);
  });

  it('round-trips through the state: toSeed() parses as a seed and equals the input', () => {
    const again = parseSeed(JSON.parse(JSON.stringify(new OrgState(seed).toSeed())));
    expect(again).toEqual(seed);
  });
});
