/** Seat hygiene's lists: who is listed, at the day boundary, and the CSV neutralised. */
import { describe, expect, it } from 'vitest';

import { hygieneCsvChunks, hygieneLists, hygieneListsInSlices } from '@/lib/hygiene/lists';
import { directoryOf, invite, member } from '../export/fixtures';

const NOW = new Date('2026-12-04T12:00:00Z');
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 24 * 60 * 60 * 1000).toISOString();

const directory = directoryOf(
  [
    member({ username: 'ann', lastActiveAt: daysAgo(10) }),
    member({ username: 'bea', lastActiveAt: daysAgo(90) }), // exactly N days: listed
    member({ username: 'cal', lastActiveAt: null }), // no activity shown: listed
    member({ username: 'dee', lastActiveAt: daysAgo(200), status: 'deactivated' }), // holds no seat
    member({ username: 'eve', orgRole: 'viewer', modelsSeat: 'full', lastActiveAt: daysAgo(1) }),
    member({ username: 'fay', orgRole: 'viewer', modelsSeat: 'viewer', lastActiveAt: daysAgo(1) }),
    member({ username: 'ci-bot', accountType: 'service', lastActiveAt: null, name: '=cmd|calc' }),
  ],
  [
    invite({ id: 'inv-old', email: 'old@x.io', team: 'vision', createdAt: daysAgo(120) }),
    invite({ email: 'new@x.io', team: 'vision', createdAt: daysAgo(3) }),
    invite({ email: 'nodate@x.io', team: 'nlp' }),
  ],
);

describe('hygieneLists', () => {
  it('lists the inactive (none shown, or exactly N days), stale invites, viewers on Full seats and service accounts', () => {
    const lists = hygieneLists(directory, 90, NOW);
    expect(lists.inactive.map((m) => m.username)).toEqual(['bea', 'cal']);
    expect(lists.staleInvites).toEqual([
      { id: 'inv-old', email: 'old@x.io', team: 'vision', invitedAt: daysAgo(120), days: 120 },
    ]);
    expect(lists.undatedInvites).toBe(1);
    expect(lists.fullSeatViewers.map((m) => m.username)).toEqual(['eve']);
    expect(lists.serviceAccounts.map((m) => m.username)).toEqual(['ci-bot']);
    // At 91 days bea drops out; at 10 (10.9 rounded down) ann joins.
    expect(hygieneLists(directory, 91, NOW).inactive.map((m) => m.username)).toEqual(['cal']);
    expect(hygieneLists(directory, 10.9, NOW).inactive.map((m) => m.username)).toEqual(['ann', 'bea', 'cal']);
  });

  it('writes each list as CSV with every cell neutralised', () => {
    const lists = hygieneLists(directory, 90, NOW);
    const csv = [...hygieneCsvChunks(lists.serviceAccounts, 'members', { delimiter: ',', bom: false })].join(
      '',
    );
    expect(csv).toBe(
      "username,name,email,org_role,models_seat,teams,last_active\r\nci-bot,'=cmd|calc,ci-bot@acme.test,member,full,,\r\n",
    );
    const invites = [...hygieneCsvChunks(lists.staleInvites, 'invites', { delimiter: ',', bom: false })].join(
      '',
    );
    expect(invites).toBe(`email,team,invited_at,days_pending\r\nold@x.io,vision,${daysAgo(120)},120\r\n`);
  });
});

describe('the lists worked out in slices', () => {
  it('equal the lists worked out at once, giving the thread back between slices', async () => {
    const members = Array.from({ length: 1000 }, (_, i) =>
      member({
        username: `u${i}`,
        accountType: i % 97 === 0 ? 'service' : 'user',
        status: i % 31 === 0 ? 'deactivated' : 'active',
        orgRole: i % 5 === 0 ? 'viewer' : 'member',
        modelsSeat: i % 3 === 0 ? 'full' : 'viewer',
        lastActiveAt: i % 4 === 0 ? null : daysAgo(i % 200),
      }),
    );
    const directory = directoryOf(members, [
      invite({ id: 'i1', email: 'x@x.io', team: 'vision', createdAt: daysAgo(100) }),
    ]);
    let pauses = 0;
    let tick = 0;
    const sliced = await hygieneListsInSlices(directory, 90, NOW, {
      pause: async () => {
        pauses++;
      },
      // Each look at the clock moves it 10 ms: a 20 ms slice holds two checks.
      clock: () => (tick += 10),
    });
    expect(sliced).toEqual(hygieneLists(directory, 90, NOW));
    expect(pauses).toBeGreaterThan(0);
    const aborted = new AbortController();
    aborted.abort();
    await expect(
      hygieneListsInSlices(directory, 90, NOW, { pause: async () => {}, signal: aborted.signal }),
    ).rejects.toThrow();
  });
});
