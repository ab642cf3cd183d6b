import { describe, expect, it } from 'vitest';
import { generateOrg, parseGenerateSpec } from './generate';
import { parseSeed } from './seed';

describe('generateOrg', () => {
  it('is deterministic: the same seed gives identical JSON, another seed differs', () => {
    const a = JSON.stringify(generateOrg({ members: 500, teams: 12, seed: 7 }));
    const b = JSON.stringify(generateOrg({ members: 500, teams: 12, seed: 7 }));
    const c = JSON.stringify(generateOrg({ members: 500, teams: 12, seed: 8 }));
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('produces a valid seed with the documented shape', () => {
    const seed = parseSeed(generateOrg({ members: 1000, teams: 20, seed: 3 }));
    expect(seed.org.name).toBe('acme');
    expect(seed.admin).toBe('admin');
    expect(seed.members[1]).toMatchObject({ username: 'user00001', email: 'user00001@acme.test' });
    expect(seed.invites.length).toBe(50);
    expect(seed.apiKeys.some((k) => k.lastUsedAt !== null)).toBe(true);
    expect(new Set(seed.members.map((m) => m.name)).size).toBeGreaterThan(300);
  });

  // How fast is the bench's to show (a stopwatch in a test fails on a busy machine).
  it('generates 50,000 members in 500 teams, with every invariant holding', () => {
    const seed = generateOrg({ members: 50_000, teams: 500, seed: 1 });
    expect(seed.members.length).toBe(50_000);
    expect(seed.teams.length).toBe(500);

    const teamCount = new Map<string, number>();
    for (const t of seed.teams) {
      expect(t.members.some((m) => m.role === 'admin')).toBe(true);
      expect(t.members.find((m) => m.username === 'admin')?.role).toBe('admin');
      for (const m of t.members) teamCount.set(m.username, (teamCount.get(m.username) ?? 0) + 1);
    }
    for (const m of seed.members) {
      const n = teamCount.get(m.username) ?? 0;
      expect(n).toBeGreaterThanOrEqual(1);
      if (m.username !== 'admin') expect(n).toBeLessThanOrEqual(3);
    }

    const share = (pred: (m: (typeof seed.members)[number]) => boolean) =>
      seed.members.filter(pred).length / seed.members.length;
    expect(share((m) => m.orgRole === 'admin')).toBeCloseTo(0.02, 2);
    expect(share((m) => m.orgRole === 'viewer' && m.modelsSeat === 'viewer')).toBeCloseTo(0.1, 1);
    expect(share((m) => m.accountType === 'service' && m.modelsSeat === 'no-access')).toBeCloseTo(0.02, 2);
    expect(share((m) => m.status === 'deactivated')).toBeCloseTo(0.01, 2);
    expect(seed.invites.length).toBe(2500);
    const logins = seed.members
      .map((m) => m.lastLoginAt)
      .filter((d): d is string => d !== null)
      .sort();
    expect(logins[0]! >= '2025-09-27').toBe(true);
    expect(logins.at(-1)! <= '2026-11-01T00:00:00Z').toBe(true);

    const full = seed.members.filter(
      (m) => m.status === 'active' && m.accountType === 'user' && m.modelsSeat === 'full',
    ).length;
    expect(seed.org.seats.models).toBeGreaterThan(full);
  });

  it('parses the CLI spec and rejects malformed ones', () => {
    expect(parseGenerateSpec('members=100,teams=4')).toEqual({ members: 100, teams: 4, seed: 1 });
    expect(parseGenerateSpec('teams=4,members=100,seed=9')).toEqual({ members: 100, teams: 4, seed: 9 });
    expect(() => parseGenerateSpec('members=100')).toThrow(/teams/);
    expect(() => parseGenerateSpec('members=lots,teams=2')).toThrow(/members=lots/);
  });
});
