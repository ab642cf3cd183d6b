import { describe, expect, it } from 'vitest';
import { type ClassifiedRow, classifyInviteRows, classifyInviteRowsInSlices } from '@/lib/invite/classify';
import { emptyMapping } from '@/lib/invite/columns';
import { countByStatus, dryRunCsvChunks, seatImpact, sendTotals } from '@/lib/invite/dry-run';
import { normaliseEmail } from '@/lib/invite/email';
import { parseInviteInput } from '@/lib/invite/parse';
import { suggestTeam } from '@/lib/invite/teams';
import { directoryOf, invite, member } from '../export/fixtures';

const directory = directoryOf(
  [
    member({ username: 'ann', email: 'ann@acme.io', teams: [{ team: 'vision', role: 'member' }] }),
    member({
      username: 'cid',
      email: 'Cid@Acme.io',
      orgRole: 'Billing Admin',
      teams: [{ team: 'nlp', role: 'member' }],
    }),
  ],
  [invite({ email: 'pat@acme.io', team: 'vision' })],
);

function classify(text: string, options: Parameters<typeof classifyInviteRows>[3] = {}): ClassifiedRow[] {
  const parsed = parseInviteInput({ text });
  if (!parsed.ok) throw new Error(parsed.error.message);
  return classifyInviteRows(parsed.records, parsed.mapping, directory, options);
}

describe('normaliseEmail', () => {
  it.each([
    ['  Ann.Lee@ACME.io ', 'Ann.Lee@acme.io'],
    ['"Ann" <ann@X.io>', 'ann@x.io'],
    ['mailto:bob@x.io', 'bob@x.io'],
    ['zoe\u0308@x.io', 'zoë@x.io'],
  ])('%j → %j', (raw, email) => {
    expect(normaliseEmail(raw)).toEqual({ ok: true, email });
  });

  it.each([
    ['', 'empty'],
    ['ann', 'has no @'],
    ['ann@@x.io', 'more than one @'],
    ['@x.io', 'nothing before the @'],
    ['ann@localhost', 'has no dot'],
    ['ann lee@x.io', 'contains a space'],
    ['ann@x..io', 'not a valid domain'],
    ['ann;bob@x.io', 'not allowed'],
  ])('%j fails naming "%s"', (raw, problem) => {
    const result = normaliseEmail(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toContain(problem);
  });
});

describe('classifyInviteRows', () => {
  it('gives each status with its reason', () => {
    const rows = classify(
      [
        'email,team,team role,role',
        'new@acme.io,vision,admin,',
        'ANN@acme.io,vision,,',
        'pat@ACME.io,vision,,',
        'New@Acme.IO,vision,,',
        'bad-address,vision,,',
        'eve@evil.io,vision,,',
        'kim@acme.io,visoin,,',
        'lou@acme.io,vision,owner,',
        'max@acme.io,vision,,superuser',
        'ned@acme.io,,,',
      ].join('\n'),
      { allowedDomains: ['acme.io'] },
    );
    expect(rows.map((row) => [row.row, row.status])).toEqual([
      [2, 'new'],
      [3, 'member'],
      [4, 'invited'],
      [5, 'duplicate'],
      [6, 'invalid'],
      [7, 'outside-domain'],
      [8, 'invalid'],
      [9, 'invalid'],
      [10, 'invalid'],
      [11, 'invalid'],
    ]);
    expect(rows[0]).toMatchObject({
      email: 'new@acme.io',
      teamRole: 'admin',
      sends: [{ team: 'vision', admin: true }],
    });
    expect(rows[1]?.reason).toBe('Nothing to send: already a member of vision.');
    expect(rows[2]?.reason).toBe('Nothing to send: already invited to vision.');
    expect(rows[3]?.reason).toBe('Nothing to send: duplicate of row 2 for vision.');
    expect(rows[4]?.reason).toBe('Bad email: "bad-address" has no @.');
    expect(rows[5]?.reason).toBe('evil.io is not in the allowed domains (acme.io).');
    expect(rows[6]).toMatchObject({
      reason: 'Unknown team "visoin": did you mean "vision"?',
      suggestion: 'vision',
    });
    expect(rows[7]?.reason).toContain('Unknown team role "owner"');
    expect(rows[8]?.reason).toContain('Unknown org role "superuser"');
    expect(rows[9]?.reason).toBe('W&B invites people to a team: choose a team (or a default team).');
    expect(countByStatus(rows)).toEqual({
      new: 1,
      member: 1,
      invited: 1,
      duplicate: 1,
      invalid: 5,
      'outside-domain': 1,
      'in-org': 0,
      'idp-inactive': 0,
    });
  });

  it('people already in the organization are in-org, never new, and are added to the teams they are not in', () => {
    const rows = classify('email,teams\nCID@acme.io,vision\nann@acme.io,nlp\nzed@acme.io,nlp\n');
    expect(rows.map((row) => [row.email, row.status, row.sends])).toEqual([
      ['CID@acme.io', 'in-org', [{ team: 'vision', admin: false }]],
      ['ann@acme.io', 'in-org', [{ team: 'nlp', admin: false }]],
      ['zed@acme.io', 'new', [{ team: 'nlp', admin: false }]],
    ]);
    expect(rows[1]?.reason).toBe('Already in the organization; will be added to nlp as team member.');
    // Nobody already in the org takes a new seat.
    expect(seatImpact(rows, directory).newPeople).toBe(1);
  });

  it('a deactivated member is in-org with nothing sent: W&B would refuse the invite', () => {
    const withDeactivated = directoryOf([
      member({
        username: 'dee',
        email: 'dee@acme.io',
        status: 'deactivated',
        teams: [{ team: 'vision', role: 'member' }],
      }),
    ]);
    const parsed = parseInviteInput({ text: 'email,teams\ndee@acme.io,nlp\n' });
    if (!parsed.ok) throw new Error(parsed.error.message);
    const [row] = classifyInviteRows(parsed.records, parsed.mapping, {
      ...withDeactivated,
      teams: directory.teams,
    });
    expect(row).toMatchObject({ status: 'in-org', sends: [] });
    expect(row?.reason).toBe(
      'Deactivated in the organization: a team invite cannot reach them (reactivate them in W&B first, then run this again).',
    );
  });

  it('with "Add existing members" off, in-org rows send nothing and say why', () => {
    const rows = classify('email,teams,org_role\nann@acme.io,"vision;nlp",admin\nzed@acme.io,nlp,\n', {
      addExistingMembers: false,
    });
    expect(rows[0]).toMatchObject({ status: 'in-org', sends: [] });
    expect(rows[0]?.reason).toBe(
      'Already in the organization; not added to nlp ("Add existing members to the listed teams" is off); skipped: already a member of vision.',
    );
    expect(rows[1]).toMatchObject({ status: 'new', sends: [{ team: 'nlp', admin: false }] });
    expect(sendTotals(rows)).toEqual({ invites: 1, scimPeople: 0, teams: 1 });
  });

  it('an org role on an in-org row is not promised: a team invite does not change it', () => {
    const [row] = classify('email,teams,org_role\nann@acme.io,nlp,admin\n');
    expect(row?.reason).toBe(
      'Already in the organization; will be added to nlp as team member; org role admin is not changed by a team invite (change it on the Members page).',
    );
  });

  it.each([
    [
      'Okta',
      'Username,Email,Status\nnew1,new1@acme.io,ACTIVE\nnew2,new2@acme.io,SUSPENDED\nnew3,new3@acme.io,DEPROVISIONED\nnew4,new4@acme.io,LOCKED_OUT\n',
      ['new', 'idp-inactive', 'idp-inactive', 'new'],
      'suspended ("SUSPENDED")',
    ],
    [
      'Google Workspace',
      'Email Address [Required],Status [READ ONLY]\nnew1@acme.io,Active\nnew2@acme.io,Suspended\nnew3@acme.io,Archived\nnew4@acme.io,\n',
      ['new', 'idp-inactive', 'idp-inactive', 'new'],
      'suspended ("Suspended")',
    ],
    [
      'Entra ID',
      'userPrincipalName,mail,accountEnabled\nx,new1@acme.io,True\ny,new2@acme.io,False\nz,new3@acme.io,FALSE\nw,new4@acme.io,true\n',
      ['new', 'idp-inactive', 'idp-inactive', 'new'],
      'disabled ("False")',
    ],
  ])(
    'reads the %s status column: suspended, deprovisioned or disabled accounts are idp-inactive',
    (_, text, statuses, words) => {
      const rows = classify(text, { defaultTeam: 'vision' });
      expect(rows.map((row) => row.status)).toEqual(statuses);
      expect(rows[1]?.sends).toEqual([]);
      expect(rows[1]?.reason).toBe(
        `The identity provider's export marks this account ${words}: not sent. Tick "Invite accounts the identity provider marks inactive" to send it anyway.`,
      );
    },
  );

  it('idp-inactive rows are sent when the admin includes them, saying so', () => {
    const rows = classify('email,status\nnew1@acme.io,SUSPENDED\n', {
      defaultTeam: 'vision',
      includeIdpInactive: true,
    });
    expect(rows[0]).toMatchObject({ status: 'new', sends: [{ team: 'vision', admin: false }] });
    expect(rows[0]?.reason).toBe(
      "Invite to vision as team member; marked suspended in the identity provider's export.",
    );
  });

  it('uses the default team for rows that name none', () => {
    const rows = classify('email\nzed@acme.io\n', { defaultTeam: 'nlp' });
    expect(rows[0]).toMatchObject({ status: 'new', teams: ['nlp'], sends: [{ team: 'nlp', admin: false }] });
  });

  it('splits several teams on ; and | and sends only to the teams still needed', () => {
    const rows = classify(
      'email,teams\nann@acme.io,"vision; nlp"\npat@acme.io,vision|nlp\nann@acme.io,vision\n',
    );
    expect(rows[0]).toMatchObject({
      status: 'in-org',
      teams: ['vision', 'nlp'],
      sends: [{ team: 'nlp', admin: false }],
    });
    expect(rows[0]?.reason).toBe(
      'Already in the organization; will be added to nlp as team member; skipped: already a member of vision.',
    );
    expect(rows[1]?.sends).toEqual([{ team: 'nlp', admin: false }]);
    expect(rows[2]).toMatchObject({
      status: 'duplicate',
      reason: 'Nothing to send: duplicate of row 2 for vision.',
    });
    expect(sendTotals(rows)).toEqual({ invites: 2, scimPeople: 0, teams: 1 });
  });

  it('is a member only when in every named team, invited only when pending for every one', () => {
    const directoryBoth = directoryOf(
      [
        member({
          username: 'ann',
          email: 'ann@acme.io',
          teams: [
            { team: 'vision', role: 'member' },
            { team: 'nlp', role: 'member' },
          ],
        }),
      ],
      [invite({ email: 'pat@acme.io', team: 'vision' }), invite({ email: 'pat@acme.io', team: 'nlp' })],
    );
    const parsed = parseInviteInput({
      text: 'email,teams\nann@acme.io,vision;nlp\npat@acme.io,vision;nlp\n',
    });
    if (!parsed.ok) throw new Error('parse');
    const rows = classifyInviteRows(parsed.records, parsed.mapping, directoryBoth);
    expect(rows.map((row) => row.status)).toEqual(['member', 'invited']);
  });

  it('keeps an org role other than member as new, saying it needs the admin key', () => {
    const rows = classify('email,team,role\nroy@acme.io,vision,Admin\nsal@acme.io,vision,billing admin\n');
    expect(rows[0]).toMatchObject({ status: 'new', orgRole: 'admin' });
    expect(rows[0]?.reason).toContain('org role admin needs the admin key');
    expect(rows[0]?.reason).toContain('Members page');
    // A custom role seen in the org is known, with W&B's spelling.
    expect(rows[1]).toMatchObject({ status: 'new', orgRole: 'Billing Admin' });
  });

  it('matches team names case-insensitively to their directory spelling', () => {
    expect(classify('email,team\nzed@acme.io,VISION\n')[0]?.teams).toEqual(['vision']);
  });

  it('allows subdomains of an allowed domain', () => {
    const rows = classify('email,team\na@eu.acme.io,vision\nb@notacme.io,vision\n', {
      allowedDomains: ['@ACME.io'],
    });
    expect(rows.map((row) => row.status)).toEqual(['new', 'outside-domain']);
  });

  it('says when there is no email column', () => {
    const rows = classifyInviteRows([{ line: 1, cells: ['x'] }], emptyMapping(), directory, {
      defaultTeam: 'vision',
    });
    expect(rows[0]?.reason).toBe('No email column: choose which column holds the email.');
  });

  it('suggests only close team names', () => {
    expect(suggestTeam('nlpp', ['nlp', 'vision'])).toBe('nlp');
    expect(suggestTeam('marketing', ['nlp', 'vision'])).toBe(null);
  });
});

describe('seatImpact', () => {
  const rows = () => classify('email,team\nnew1@acme.io,vision\nnew2@acme.io,vision;nlp\nann@acme.io,nlp\n');

  it('counts new people (not those already in the org) against Full seats', () => {
    const withSeats = {
      ...directory,
      seats: { modelsFullUsed: 8, modelsFullTotal: 12, modelsViewerUsed: 0, modelsViewerTotal: 5 },
    };
    expect(seatImpact(rows(), withSeats)).toEqual({
      newPeople: 2,
      fullSeatsUsed: 8,
      fullSeatsTotal: 12,
      fullSeatsLeftAfter: 2,
      exceeds: false,
      // pat@acme.io's pending invite
      pendingPeople: 1,
      fullSeatsLeftCountingPending: 1,
      sentence: 'Uses 2 Full Models seats; 2 left after this.',
    });
  });

  it('warns when seats run out', () => {
    const full = {
      ...directory,
      seats: { modelsFullUsed: 11, modelsFullTotal: 12, modelsViewerUsed: 0, modelsViewerTotal: 5 },
    };
    const impact = seatImpact(rows(), full);
    expect(impact.exceeds).toBe(true);
    expect(impact.fullSeatsLeftAfter).toBe(-1);
    expect(impact.sentence).toBe(
      'Uses 2 Full Models seats, but only 1 are left: 1 people would have no seat when they accept.',
    );
  });

  it('counts distinct outsiders with a pending invite, not members or this batch’s people, against the seats left', () => {
    const withPending = {
      ...directory,
      invites: [
        ...directory.invites,
        { id: 'p1', email: 'Out1@else.io', team: 'vision', role: 'member', createdAt: null },
        { id: 'p2', email: 'out1@else.io', team: 'nlp', role: 'member', createdAt: null },
        { id: 'p3', email: 'out2@else.io', team: 'nlp', role: 'member', createdAt: null },
      ],
      seats: { modelsFullUsed: 8, modelsFullTotal: 12, modelsViewerUsed: 0, modelsViewerTotal: 5 },
    };
    const before = seatImpact(rows(), { ...directory, seats: withPending.seats });
    const impact = seatImpact(rows(), withPending);
    expect(impact.pendingPeople).toBe(before.pendingPeople + 2);
    expect(impact.fullSeatsLeftAfter).toBe(2);
    expect(impact.fullSeatsLeftCountingPending).toBe(2 - impact.pendingPeople);
    expect(impact.exceeds).toBe(false);
  });

  it('says when the server offers no seat counts', () => {
    expect(seatImpact(rows(), directory)).toMatchObject({
      newPeople: 2,
      fullSeatsLeftAfter: null,
      exceeds: false,
      sentence: 'Invites 2 people new to the organization; seat counts not offered by this server.',
    });
  });
});

describe('dryRunCsvChunks', () => {
  it('writes the fixed header and neutralises every cell', () => {
    const rows = classify('email,teams,role\n=cmd@acme.io,vision;nlp,\n+1@acme.io,-team,\n');
    const csv = [...dryRunCsvChunks(rows, { delimiter: ',', bom: false })].join('');
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('row,email,teams,team_role,org_role,status,reason');
    expect(lines[1]).toBe(
      `2,'=cmd@acme.io,vision; nlp,member,member,new,"Invite to vision, nlp as team member."`,
    );
    expect(lines[2]).toBe(
      `3,'+1@acme.io,'-team,member,member,invalid,"Unknown team ""-team"": teams you can see are nlp, vision."`,
    );
  });

  it('adds a BOM and uses ; when asked', () => {
    const csv = [...dryRunCsvChunks([], { delimiter: ';', bom: true })].join('');
    expect(csv).toBe('\uFEFFrow;email;teams;team_role;org_role;status;reason\r\n');
  });
});

describe('classifyInviteRowsInSlices', () => {
  const text = [
    'email,team,team role',
    ...Array.from(
      { length: 300 },
      (_, i) => `p${i % 250}@x.io,${(i % 250) % 3 === 0 ? 'vision' : 'nlp'},member`,
    ),
    'ann@acme.io,vision,member',
    'pat@acme.io,vision,member',
  ].join('\n');
  const parsed = parseInviteInput({ text });
  if (!parsed.ok) throw new Error(parsed.error.message);

  it('gives the same rows as classifying at once (duplicates included), pausing between slices', async () => {
    let clock = 0;
    const pauses: number[] = [];
    const progress: number[] = [];
    const rows = await classifyInviteRowsInSlices(parsed.records, parsed.mapping, directory, {
      allowedDomains: [],
      // Every look at the clock moves it 1 ms: a slice of 2 ms takes two runs of 64 rows.
      now: () => clock++,
      sliceMs: 2,
      pause: async () => {
        pauses.push(clock);
      },
      onProgress: (done) => progress.push(done),
    });
    expect(rows).toEqual(classifyInviteRows(parsed.records, parsed.mapping, directory));
    expect(countByStatus(rows)).toMatchObject({ new: 250, duplicate: 50, member: 1, invited: 1 });
    expect(progress[progress.length - 1]).toBe(302);
    expect(progress).toEqual([128, 256, 302]);
    expect(pauses).toHaveLength(2);
  });

  it('stops when its signal aborts (the input changed meanwhile)', async () => {
    const controller = new AbortController();
    let clock = 0;
    const run = classifyInviteRowsInSlices(parsed.records, parsed.mapping, directory, {
      now: () => clock++,
      sliceMs: 2,
      signal: controller.signal,
      pause: async () => controller.abort(new Error('input changed')),
    });
    await expect(run).rejects.toThrow('input changed');
  });
});

describe('a line that could not be read', () => {
  it('is an invalid row with its text and the problem, and sends nothing; the other rows are classified as usual', () => {
    const rows = classify('email,team\nnew@acme.io,vision\n"broken@acme.io,vision\nann@acme.io,vision\n');
    expect(rows.map((r) => [r.row, r.status, r.email, r.sends])).toEqual([
      [2, 'new', 'new@acme.io', [{ team: 'vision', admin: false }]],
      [3, 'invalid', '"broken@acme.io,vision', []],
      [4, 'member', 'ann@acme.io', []],
    ]);
    expect(rows[1]?.reason).toBe(
      'Line 3: a quoted cell is not closed properly, so this line cannot be read. Check the quotes on that line; the other lines are read as usual.',
    );
  });

  it('in an address list, the piece that is not an address is the invalid row', () => {
    const rows = classify('"New Person" <new@acme.io>\nnot-an-email', { defaultTeam: 'vision' });
    expect(rows.map((r) => [r.row, r.status, r.email])).toEqual([
      [1, 'new', 'new@acme.io'],
      [2, 'invalid', 'not-an-email'],
    ]);
    expect(rows[1]?.reason).toContain('"not-an-email" is not an email address');
  });
});
