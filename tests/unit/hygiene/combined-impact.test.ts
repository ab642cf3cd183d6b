/** Offboarding several members: the combined picture one checklist cannot show. */
import { describe, expect, it } from 'vitest';
import { combinedImpact } from '@/lib/hygiene/combined-impact';
import { member } from '../export/fixtures';

const directory = {
  members: [
    member({ username: 'alice', orgRole: 'admin', teams: [{ team: 'vision', role: 'admin' }] }),
    member({
      username: 'bob',
      orgRole: 'admin',
      teams: [
        { team: 'vision', role: 'admin' },
        { team: 'nlp', role: 'admin' },
      ],
    }),
    member({
      username: 'dave',
      teams: [
        { team: 'robotics', role: 'admin' },
        { team: 'nlp', role: 'member' },
      ],
    }),
    member({ username: 'old', status: 'deactivated', teams: [{ team: 'robotics', role: 'admin' }] }),
    member({ username: 'vic', orgRole: 'viewer', modelsSeat: 'viewer', weaveAccess: 'viewer' }),
    member({ username: 'bot', accountType: 'service', teams: [{ team: 'nlp', role: 'admin' }] }),
  ],
};

describe('combined impact of offboarding several members', () => {
  it('a team is left without an admin only when every active admin of it is chosen (a deactivated admin does not count)', () => {
    expect(combinedImpact(directory, ['dave']).teamsLeftWithoutAdmin).toEqual([
      { team: 'robotics', admins: ['dave'] },
    ]);
    // bob alone leaves neither vision (alice) nor nlp (the service account is an admin there too).
    expect(combinedImpact(directory, ['bob']).teamsLeftWithoutAdmin).toEqual([]);
    expect(combinedImpact(directory, ['alice', 'bob']).teamsLeftWithoutAdmin).toEqual([
      { team: 'vision', admins: ['alice', 'bob'] },
    ]);
  });

  it('guard "never the last org admin": counts the active human org admins left', () => {
    expect(combinedImpact(directory, ['alice']).orgAdminsLeft).toBe(1);
    expect(combinedImpact(directory, ['alice', 'bob']).orgAdminsLeft).toBe(0);
    const noRoles = { members: directory.members.map((m) => ({ ...m, orgRole: null })) };
    expect(combinedImpact(noRoles, ['alice']).orgAdminsLeft).toBeNull();
  });

  it('seats freed: active human members only, by seat; unknown usernames are named, not counted', () => {
    const impact = combinedImpact(directory, ['dave', 'vic', 'old', 'bot', 'nobody']);
    expect(impact.seatsFreed).toEqual({ modelsFull: 1, modelsViewer: 1, weaveFull: 1 });
    expect(impact.members).toEqual(['dave', 'vic', 'old', 'bot']);
    expect(impact.unknown).toEqual(['nobody']);
  });
});
