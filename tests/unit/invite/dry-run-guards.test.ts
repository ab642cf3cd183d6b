/**
 * The dry run's seat figures (`lib/invite/dry-run.ts`): who counts as a new person, where the
 * seats run out, and the singular of its sentences.
 */
import { describe, expect, it } from 'vitest';
import { type ClassifiedRow, classifyInviteRows } from '@/lib/invite/classify';
import { seatImpact, sendTotals } from '@/lib/invite/dry-run';
import { parseInviteInput } from '@/lib/invite/parse';
import { directoryOf, invite, member } from '../export/fixtures';
import { newRow } from './job/fakeServer';

const SEATS = { modelsFullUsed: 8, modelsFullTotal: 10, modelsViewerUsed: 0, modelsViewerTotal: 5 };
const rows = (...emails: string[]): ClassifiedRow[] =>
  emails.map((email, index) => newRow(index, email, ['v']));

describe('seat impact guards', () => {
  it('guard "people already in the org take no new seat": a new row for a member (any case) is not counted', () => {
    const directory = directoryOf([member({ username: 'ann', email: 'ann@acme.io' })], [], { seats: SEATS });
    expect(seatImpact(rows('Ann@ACME.io', 'bob@acme.io'), directory)).toMatchObject({
      newPeople: 1,
      fullSeatsLeftAfter: 1,
      sentence: 'Uses 1 Full Models seat; 1 left after this.',
    });
  });

  it('guard "a member without an email is no one\'s address": it neither stops the count nor matches a row', () => {
    const directory = directoryOf([
      member({ username: 'svc', email: null }),
      member({ username: 'eve', email: '' }),
    ]);
    expect(seatImpact(rows('bob@acme.io'), directory)).toMatchObject({
      newPeople: 1,
      sentence: 'Invites 1 person new to the organization; seat counts not offered by this server.',
    });
  });

  it('guard "exactly the seats left is enough": taking the last seat does not exceed', () => {
    const directory = directoryOf([], [invite({ email: 'new@acme.io', team: 'vision' })], { seats: SEATS });
    expect(seatImpact(rows('a@acme.io', 'b@acme.io'), directory)).toMatchObject({
      newPeople: 2,
      fullSeatsLeftAfter: 0,
      exceeds: false,
      sentence: 'Uses 2 Full Models seats; 0 left after this.',
    });
    expect(seatImpact(rows('a@acme.io', 'b@acme.io', 'c@acme.io'), directory)).toMatchObject({
      fullSeatsLeftAfter: -1,
      exceeds: true,
      sentence:
        'Uses 3 Full Models seats, but only 2 are left: 1 people would have no seat when they accept.',
    });
  });
});

describe('send totals guards', () => {
  it('guard "a person created through SCIM is one creation, not an invite per team": the confirmation counts them apart', () => {
    const parsed = parseInviteInput({
      text: 'email,teams,org_role\nnew@acme.io,"vision;nlp",admin\nzed@acme.io,vision,\n',
    });
    if (!parsed.ok) throw new Error(parsed.error.message);
    const directory = directoryOf([], [invite({ email: 'new@acme.io', team: 'vision' })], {
      teams: [
        { name: 'nlp', memberCount: 0 },
        { name: 'vision', memberCount: 0 },
      ],
    });
    const classified = classifyInviteRows(parsed.records, parsed.mapping, directory, { orgRolesByKey: true });
    expect(classified.map((row) => [row.email, row.status, row.via])).toEqual([
      ['new@acme.io', 'new', 'scim'],
      ['zed@acme.io', 'new', undefined],
    ]);
    expect(classified[0]?.reason).toBe(
      'Create through SCIM with the admin key in nlp as team member, org role admin (W&B adds them to the organization at once: no invite to accept); skipped: already invited to vision.',
    );
    expect(sendTotals(classified)).toEqual({ invites: 1, scimPeople: 1, teams: 2 });
  });
});
