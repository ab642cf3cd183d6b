/** Reading an identity provider's export: formats, status columns, and the same per-row messages as bulk invite. */
import { describe, expect, it } from 'vitest';
import { classifyInviteRows } from '@/lib/invite/classify';
import { parseInviteInput } from '@/lib/invite/parse';
import { createEngineState, handleEngineRequest, MAX_IDP_ROWS } from '@/lib/reconcile/engine';
import { detectIdpFormat, readIdpPeople } from '@/lib/reconcile/read';
import { directoryOf } from '../export/fixtures';

function parsed(text: string) {
  const result = parseInviteInput({ text });
  if (!result.ok) throw new Error(result.error.message);
  return result;
}

const OKTA = [
  'login,email,firstName,lastName,status',
  'ann,ann@acme.test,Ann,Lee,ACTIVE',
  'bob,bob@acme.test,Bob,Ray,SUSPENDED',
  'cy,cy@acme.test,Cy,Oz,DEPROVISIONED',
  'dee,dee@acme.test,Dee,Ng,LOCKED_OUT',
].join('\n');
const ENTRA = [
  'userPrincipalName,displayName,surname,mail,givenName,objectId,userType,accountEnabled',
  'ann@acme.onmicrosoft.com,"Lee, Ann",Lee,ann@acme.test,Ann,1,Member,True',
  'bob@acme.onmicrosoft.com,Bob Ray,Ray,,Bob,2,Member,False',
].join('\r\n');
const GOOGLE = [
  'First Name [Required],Last Name [Required],Email Address [Required],Status [READ ONLY],Last Sign In [READ ONLY]',
  'Ann,Lee,ann@acme.test,Active,2026/11/30',
  'Bob,Ray,bob@acme.test,Suspended,2026/01/02',
  'Cy,Oz,cy@acme.test,Archived,Never logged in',
].join('\n');

describe('detectIdpFormat', () => {
  it.each([
    ['Okta', OKTA, 'okta'],
    ['Entra ID', ENTRA, 'entra'],
    ['Google Workspace', GOOGLE, 'google'],
    ['a plain table', 'Email,Name\nann@acme.test,Ann', 'csv'],
    ['a list of addresses', 'ann@acme.test, Bob <bob@acme.test>', 'address-list'],
  ])('%s', (_name, text, format) => {
    expect(detectIdpFormat(parsed(text))).toBe(format);
  });

  it('knows an Okta export without a login column by its status words', () => {
    const text = 'Email,Status\nann@acme.test,ACTIVE\nbob@acme.test,DEPROVISIONED';
    expect(detectIdpFormat(parsed(text))).toBe('csv');
    expect(detectIdpFormat(parsed(text), ['ACTIVE', 'DEPROVISIONED'])).toBe('okta');
  });
});

describe('readIdpPeople', () => {
  it('reads each format’s status column: suspended, deprovisioned, disabled and archived are inactive; locked out is not', () => {
    const okta = readIdpPeople(parsed(OKTA), parsed(OKTA).mapping);
    expect(okta.people.map((p) => [p.email, p.active])).toEqual([
      ['ann@acme.test', true],
      ['bob@acme.test', false],
      ['cy@acme.test', false],
      ['dee@acme.test', true],
    ]);
    expect(okta).toMatchObject({ rows: 4, active: 2, inactive: 2, statusColumn: 'status' });
    const google = readIdpPeople(parsed(GOOGLE), parsed(GOOGLE).mapping);
    expect(google.people.map((p) => [p.name, p.active, p.status])).toEqual([
      ['Ann Lee', true, 'Active'],
      ['Bob Ray', false, 'Suspended'],
      ['Cy Oz', false, 'Archived'],
    ]);
    expect(google.statusValues).toEqual([
      { value: 'Active', rows: 1, inactive: false },
      { value: 'Archived', rows: 1, inactive: true },
      { value: 'Suspended', rows: 1, inactive: true },
    ]);
  });

  it('reads Entra ID’s mail, and its userPrincipalName where mail is empty; accountEnabled False is disabled', () => {
    const entra = readIdpPeople(parsed(ENTRA), parsed(ENTRA).mapping);
    expect(entra.people.map((p) => [p.email, p.name, p.active])).toEqual([
      ['ann@acme.test', 'Lee, Ann', true],
      ['bob@acme.onmicrosoft.com', 'Bob Ray', false],
    ]);
    expect(entra.alternateColumn).toBe('userPrincipalName');
  });

  it('reads an address on two lines as one person, active when either line is', () => {
    const text = 'email,status\nann@acme.test,Suspended\nANN@acme.test,Active\nbob@acme.test,Active';
    const read = readIdpPeople(parsed(text), parsed(text).mapping);
    expect(read.people.map((p) => [p.email, p.active, p.line])).toEqual([
      ['ann@acme.test', true, 2],
      ['bob@acme.test', true, 4],
    ]);
    expect(read).toMatchObject({ rows: 3, active: 2, inactive: 1, duplicates: 1 });
  });

  it('gives a bad row the message bulk invite’s dry run gives the same row, on its line', () => {
    const text = [
      'email,status,team',
      'ann@acme.test,Active,vision',
      'not-an-email,Active,vision',
      'two@@acme.test,Active,vision',
      ',Active,vision',
      'spaced out@acme.test,Active,vision',
      'bob@nodot,Active,vision',
      '"broken,Active,vision',
      'cy@acme.test,Active,vision',
    ].join('\n');
    const input = parsed(text);
    const read = readIdpPeople(input, input.mapping);
    const dryRun = classifyInviteRows(
      input.records,
      input.mapping,
      directoryOf([], [], { teams: [{ name: 'vision', memberCount: 0 }] }),
    );
    const invalid = dryRun
      .filter((row) => row.status === 'invalid')
      .map((row) => ({ line: row.row, message: row.reason }));
    expect(read.problems.map(({ line, message }) => ({ line, message }))).toEqual(invalid);
    expect(read.problems.map((p) => p.line)).toEqual([3, 4, 5, 6, 7, 8]);
    expect(read.problems[0]).toEqual({
      line: 3,
      asRead: 'not-an-email',
      message: 'Bad email: "not-an-email" has no @.',
    });
    expect(read.problems[5]?.message).toContain('Line 8: a quoted cell is not closed properly');
    expect(read.people.map((p) => p.email)).toEqual(['ann@acme.test', 'cy@acme.test']);
  });
});

describe('the engine', () => {
  it('reads an export over the bulk-invite cap, refuses one over its own, and needs an email column', () => {
    const state = createEngineState();
    const rows = ['email,status', ...Array.from({ length: 10_001 }, (_, i) => `p${i}@acme.test,Active`)].join(
      '\n',
    );
    const read = handleEngineRequest(state, { type: 'read', seq: 1, input: { text: rows }, overrides: {} });
    expect(read).toMatchObject({ type: 'read', seq: 1, read: { ok: true, rows: 10_001, format: 'csv' } });
    // Bulk invite still refuses the same input.
    expect(parseInviteInput({ text: rows })).toMatchObject({ ok: false });

    const tooMany = `email\n${'x@acme.test\n'.repeat(MAX_IDP_ROWS + 1)}`;
    const refused = handleEngineRequest(state, {
      type: 'read',
      seq: 2,
      input: { text: tooMany },
      overrides: {},
    });
    expect(refused).toEqual({
      type: 'read',
      seq: 2,
      read: {
        ok: false,
        error: {
          message:
            'This export has more than 200,000 rows, the most one reconciliation reads. Export the accounts of the allowed domains only, or split the file by department, and reconcile each part.',
        },
      },
    });
    // Nothing is read after a refusal.
    const mapping = parsed('email\nx@acme.test').mapping;
    expect(
      handleEngineRequest(state, { type: 'reconcile', seq: 3, mapping, allowedDomains: [], links: [] }),
    ).toEqual({ type: 'error', seq: 3, message: 'Nothing has been read yet.' });
    handleEngineRequest(state, {
      type: 'read',
      seq: 4,
      input: { text: 'email\nx@acme.test' },
      overrides: {},
    });
    expect(
      handleEngineRequest(state, {
        type: 'reconcile',
        seq: 5,
        mapping: { ...mapping, email: null },
        allowedDomains: [],
        links: [],
      }),
    ).toEqual({ type: 'error', seq: 5, message: 'No email column: choose which column holds the email.' });
  });

  it('keeps the members it was sent, in slices, and reconciles the last input with them', () => {
    const state = createEngineState();
    const ann = {
      username: 'ann',
      name: 'Ann',
      email: 'ann@acme.test',
      orgRole: 'member',
      modelsSeat: 'full',
      weaveAccess: 'full',
      status: 'active' as const,
      accountType: 'user' as const,
      teams: '',
      lastActiveAt: '',
    };
    handleEngineRequest(state, { type: 'members', seq: 1, reset: true, members: [ann], invites: [] });
    const second = handleEngineRequest(state, {
      type: 'members',
      seq: 2,
      reset: false,
      members: [{ ...ann, username: 'bob', email: 'bob@acme.test' }],
      invites: [],
    });
    expect(second).toEqual({ type: 'members', seq: 2, members: 2 });
    handleEngineRequest(state, { type: 'read', seq: 3, input: { text: OKTA }, overrides: {} });
    const reply = handleEngineRequest(state, {
      type: 'reconcile',
      seq: 4,
      mapping: parsed(OKTA).mapping,
      allowedDomains: ['acme.test'],
      links: [],
    });
    if (reply.type !== 'reconcile') throw new Error(reply.type);
    expect(reply.result.suspendedWithSeat.map((row) => row.username)).toEqual(['bob']);
    expect(reply.result.notMembers.map((row) => row.email)).toEqual(['dee@acme.test']);
    expect(reply.read).toMatchObject({ rows: 4, active: 2, inactive: 2 });
    expect('people' in reply.read).toBe(false);
  });
});
