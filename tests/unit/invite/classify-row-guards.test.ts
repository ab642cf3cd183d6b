/**
 * Guards of the dry-run classifier (`lib/invite/classify.ts`) that the main-path tests in
 * `classify.test.ts` pass through without checking: each test names the guard it protects (found
 * by mutation testing, issue #17).
 */
import { describe, expect, it } from 'vitest';
import {
  type ClassifiedRow,
  classifyInviteRows,
  classifyInviteRowsInSlices,
  recordFields,
} from '@/lib/invite/classify';
import { type ColumnMapping, emptyMapping } from '@/lib/invite/columns';
import { parseInviteInput } from '@/lib/invite/parse';
import type { Directory } from '@/lib/wandb/directory';
import { directoryOf, invite, member } from '../export/fixtures';

const acme = directoryOf(
  [
    member({ username: 'ann', email: 'ann@acme.io', teams: [{ team: 'vision', role: 'member' }] }),
    member({ username: 'bo', email: 'bo@acme.io', teams: [{ team: 'nlp', role: 'member' }] }),
  ],
  [invite({ email: 'ann@acme.io', team: 'nlp' }), invite({ email: 'bo@acme.io', team: 'vision' })],
);

function classify(
  text: string,
  directory: Directory = acme,
  options: Parameters<typeof classifyInviteRows>[3] = {},
): ClassifiedRow[] {
  const parsed = parseInviteInput({ text });
  if (!parsed.ok) throw new Error(parsed.error.message);
  return classifyInviteRows(parsed.records, parsed.mapping, directory, options);
}

const mapping = (fields: Partial<ColumnMapping>): ColumnMapping => ({ ...emptyMapping(), ...fields });

describe('record field guards', () => {
  it('guard "cells are trimmed, and a field without a column is empty"', () => {
    const record = { line: 2, cells: ['  ann@acme.io ', ' Ann ', ' Lee ', ' vision '] };
    expect(recordFields(record, mapping({ email: 0, firstName: 1, lastName: 2, teams: 3 }))).toEqual({
      email: 'ann@acme.io',
      name: 'Ann Lee',
      teams: ['vision'],
      teamRole: '',
      orgRole: '',
    });
  });

  it('guard "a cell past the end of a short row is empty"', () => {
    const fields = mapping({ email: 0, name: 1, teams: 2, orgRole: 5 });
    expect(recordFields({ line: 2, cells: ['a@acme.io'] }, fields)).toEqual({
      email: 'a@acme.io',
      name: '',
      teams: [],
      teamRole: '',
      orgRole: '',
    });
  });

  it('guard "a name column wins; first + last name only stand in when it is blank"', () => {
    const fields = mapping({ email: 0, name: 1, firstName: 2, lastName: 3 });
    expect(recordFields({ line: 2, cells: ['a@acme.io', 'Ann B. Lee', 'Ann', 'Lee'] }, fields).name).toBe(
      'Ann B. Lee',
    );
    expect(recordFields({ line: 3, cells: ['a@acme.io', '', 'Ann', 'Lee'] }, fields).name).toBe('Ann Lee');
  });

  it('guard "a missing first or last name leaves no stray space"', () => {
    const fields = mapping({ email: 0, firstName: 1, lastName: 2 });
    expect(recordFields({ line: 2, cells: ['a@acme.io', 'Ann', ''] }, fields).name).toBe('Ann');
    expect(recordFields({ line: 3, cells: ['a@acme.io', '', 'Lee'] }, fields).name).toBe('Lee');
  });

  it('guard "an unreadable line is shown with its text, trimmed, and never sent"', () => {
    const [row] = classifyInviteRows(
      [{ line: 4, cells: ['  "ann@acme.io, vision  '], problem: 'Line 4: a quote is never closed.' }],
      mapping({ email: 0 }),
      acme,
    );
    expect(row).toMatchObject({
      email: '"ann@acme.io, vision',
      status: 'invalid',
      reason: 'Line 4: a quote is never closed.',
      sends: [],
    });
  });
});

describe('org role guards', () => {
  it('guard "member, admin and viewer are known org roles even when no member holds one" (and a member without a role is no role)', () => {
    const noRoles = directoryOf([
      member({
        username: 'ann',
        email: 'ann@acme.io',
        orgRole: null,
        teams: [{ team: 'vision', role: 'member' }],
      }),
    ]);
    const rows = classify(
      'email,team,org role\nzed@acme.io,vision,Member\nyu@acme.io,vision,ADMIN\nxi@acme.io,vision,viewer\n',
      noRoles,
    );
    expect(rows.map((row) => [row.status, row.orgRole])).toEqual([
      ['new', 'member'],
      ['new', 'admin'],
      ['new', 'viewer'],
    ]);
  });

  it('guard "an unknown org role names the roles there are"', () => {
    const withCustom = directoryOf([
      member({
        username: 'ann',
        email: 'ann@acme.io',
        orgRole: 'Billing Admin',
        teams: [{ team: 'vision', role: 'member' }],
      }),
    ]);
    const [row] = classify('email,team,org role\nzed@acme.io,vision,owner\n', withCustom);
    expect(row).toMatchObject({
      status: 'invalid',
      reason: 'Unknown org role "owner": use member, admin, viewer, Billing Admin.',
    });
  });
});

describe('directory guards', () => {
  it('guard "a member without an email matches no row": the rows around it are classified as usual', () => {
    const withoutEmail = directoryOf([
      member({ username: 'svc', email: null, teams: [{ team: 'vision', role: 'member' }] }),
      member({ username: 'ann', email: 'ann@acme.io', teams: [{ team: 'vision', role: 'member' }] }),
    ]);
    expect(
      classify('email,team\nann@acme.io,vision\nzed@acme.io,vision\n', withoutEmail).map((r) => r.status),
    ).toEqual(['member', 'new']);
  });
});

describe('deactivated member guards', () => {
  it('guard "a deactivated member is told apart, with the teams skipped for them", nothing sent', () => {
    const withDeactivated = directoryOf([
      member({
        username: 'dee',
        email: 'dee@acme.io',
        status: 'deactivated',
        teams: [{ team: 'vision', role: 'member' }],
      }),
      member({ username: 'bo', email: 'bo@acme.io', teams: [{ team: 'nlp', role: 'member' }] }),
    ]);
    const [row] = classify('email,teams\ndee@acme.io,"vision;nlp"\n', withDeactivated);
    expect(row).toMatchObject({
      status: 'in-org',
      sends: [],
      reason:
        'Deactivated in the organization: a team invite cannot reach them (reactivate them in W&B first, then run this again); skipped: already a member of vision.',
    });
  });
});

describe('team guards', () => {
  it('guard "the default team is trimmed": a default of " vision " sends to vision', () => {
    const [row] = classify('email\nzed@acme.io\n', acme, { defaultTeam: ' vision ' });
    expect(row).toMatchObject({
      status: 'new',
      teams: ['vision'],
      sends: [{ team: 'vision', admin: false }],
    });
  });

  it('guard "no suggestion, no suggestion field": an unknown team with no close name lists the teams instead', () => {
    const [row] = classify('email,team\nzed@acme.io,marketing\n');
    expect(row?.reason).toBe('Unknown team "marketing": teams you can see are nlp, vision.');
    expect(row).not.toHaveProperty('suggestion');
  });

  it('guard "at most ten teams are listed", and "none" when no team is visible', () => {
    const many = directoryOf(
      Array.from({ length: 12 }, (_, n) =>
        member({
          username: `m${n}`,
          teams: [{ team: `team-${String(n).padStart(2, '0')}`, role: 'member' }],
        }),
      ),
    );
    expect(classify('email,team\nzed@acme.io,marketing\n', many)[0]?.reason).toBe(
      'Unknown team "marketing": teams you can see are team-00, team-01, team-02, team-03, team-04, team-05, team-06, team-07, team-08, team-09.',
    );
    expect(classify('email,team\nzed@acme.io,marketing\n', directoryOf([]))[0]?.reason).toBe(
      'Unknown team "marketing": teams you can see are none.',
    );
  });

  it('guard "a team named twice in one row is sent once" (in any case), with nothing reported skipped', () => {
    const [row] = classify('email,teams\nzed@acme.io,"vision; Vision;VISION"\n');
    expect(row).toMatchObject({
      status: 'new',
      teams: ['vision'],
      sends: [{ team: 'vision', admin: false }],
      skippedTeams: [],
      reason: 'Invite to vision as team member.',
    });
  });

  it('guard "a duplicate names the first row": the third copy of a row points at the first, not the second', () => {
    const rows = classify('email,team\nzed@acme.io,vision\nzed@acme.io,vision\nZED@acme.io,vision\n');
    expect(rows.map((row) => row.reason)).toEqual([
      'Invite to vision as team member.',
      'Nothing to send: duplicate of row 2 for vision.',
      'Nothing to send: duplicate of row 2 for vision.',
    ]);
  });
});

describe('nothing-to-send status guards', () => {
  it.each([
    ['a member of every team', 'ann@acme.io,vision', 'member'],
    ['a member of one team, invited to the other', 'ann@acme.io,"vision;nlp"', 'invited'],
    ['invited to one team, a member of the other', 'bo@acme.io,"vision;nlp"', 'invited'],
  ])('guard "member only when nothing is pending": %s', (_, line, status) => {
    expect(classify(`email,teams\n${line}\n`)[0]?.status).toBe(status);
  });

  it('guard "a duplicate with a pending invite is invited, with a membership it is member"', () => {
    const rows = classify(
      'email,teams\nzed@acme.io,vision\nzed@acme.io,"vision;nlp"\nann@acme.io,nlp\nann@acme.io,"nlp;vision"\n',
      directoryOf(acme.members, [...acme.invites, invite({ email: 'zed@acme.io', team: 'nlp' })]),
    );
    expect(rows.map((row) => [row.status, row.reason])).toEqual([
      ['new', 'Invite to vision as team member.'],
      ['invited', 'Nothing to send: duplicate of row 2 for vision, already invited to nlp.'],
      ['invited', 'Nothing to send: already invited to nlp.'],
      ['member', 'Nothing to send: duplicate of row 4 for nlp, already a member of vision.'],
    ]);
  });
});

describe('slicing guards', () => {
  it('guard "without a clock given, the real one times the slices": a long slice classifies 200 rows at once', async () => {
    const text = `email,team\n${Array.from({ length: 200 }, (_, n) => `p${n}@acme.io,vision`).join('\n')}\n`;
    const parsed = parseInviteInput({ text });
    if (!parsed.ok) throw new Error(parsed.error.message);
    const progress: number[] = [];
    let pauses = 0;
    const rows = await classifyInviteRowsInSlices(parsed.records, parsed.mapping, acme, {
      sliceMs: 60_000,
      pause: async () => {
        pauses++;
      },
      onProgress: (done) => progress.push(done),
    });
    expect(rows).toHaveLength(200);
    expect(progress).toEqual([200]);
    expect(pauses).toBe(0);
  });
});
