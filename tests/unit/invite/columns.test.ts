import { describe, expect, it } from 'vitest';
import {
  fieldOfHeader,
  headerKey,
  isMappingConfident,
  mapColumns,
  settleRoleColumn,
} from '@/lib/invite/columns';
import { parseInviteInput } from '@/lib/invite/parse';

describe('mapColumns', () => {
  it.each([
    ['E-mail', 'email'],
    ['  Email Address [Required] ', 'emailaddress'],
    ['userPrincipalName', 'userprincipalname'],
    ['Team_Role', 'teamrole'],
  ])('headerKey(%j) = %j', (header, key) => {
    expect(headerKey(header)).toBe(key);
  });

  it.each([
    [['email'], { email: 0 }],
    [
      ['E-Mail', 'Role', 'Teams', 'Team role', 'Name'],
      { email: 0, orgRole: 1, teams: 2, teamRole: 3, name: 4 },
    ],
    [['Mail', 'Org Role', 'Group'], { email: 0, orgRole: 1, teams: 2 }],
    [['User Principal Name', 'Display Name', 'Groups'], { email: 0, name: 1, teams: 2 }],
    [['Primary email', 'Full name', 'team'], { email: 0, name: 1, teams: 2 }],
    [['Login', 'First name', 'Last name'], { email: 0, firstName: 1, lastName: 2 }],
  ])('maps %j', (headers, expected) => {
    const { mapping, competing } = mapColumns(headers);
    expect(competing).toEqual([]);
    for (const [field, index] of Object.entries(expected))
      expect(mapping[field as keyof typeof mapping]).toBe(index);
  });

  it('reports two email columns of the same rank as competing', () => {
    const result = parseInviteInput({ text: 'Email,E-mail\na@x.io,b@x.io\n' });
    expect(result.ok && result.mappingConfident).toBe(false);
    expect(mapColumns(['Email', 'E-mail']).competing).toEqual(['email']);
  });

  it('is not confident without an email column', () => {
    const result = parseInviteInput({ text: 'name,team\nAnn,vision\n' });
    expect(result.ok && result.mapping.email).toBe(null);
    expect(result.ok && result.mappingConfident).toBe(false);
  });
});

describe('identity-provider exports map without help', () => {
  it.each([
    [
      'Okta',
      'login,email,firstName,lastName\nann.lee,ann@x.io,Ann,Lee\n',
      { email: 1, firstName: 2, lastName: 3, name: null },
    ],
    [
      'Entra ID',
      'userPrincipalName,displayName,mail,givenName,surname\nann@corp.onmicrosoft.com,Ann Lee,ann@x.io,Ann,Lee\n',
      { email: 2, name: 1, firstName: 3, lastName: 4 },
    ],
    [
      'Google Workspace',
      'First Name [Required],Last Name [Required],Email Address [Required],Password [Required]\nAnn,Lee,ann@x.io,****\n',
      { email: 2, firstName: 0, lastName: 1 },
    ],
  ])('%s', (_name, text, expected) => {
    const result = parseInviteInput({ text });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.hasHeader).toBe(true);
    expect(result.mappingConfident).toBe(true);
    for (const [field, index] of Object.entries(expected))
      expect(result.mapping[field as keyof typeof result.mapping]).toBe(index);
  });
});

describe('a column headed just "Role"', () => {
  function read(text: string) {
    const result = parseInviteInput({ text });
    if (!result.ok) throw new Error(result.error.message);
    return result;
  }

  it('is the team role when every value is one (empty cells too), and the mapping stays confident', () => {
    const result = read('email,team,role\na@x.io,vision,Admin\nb@x.io,vision,member\nc@x.io,vision,\n');
    expect(result.mapping).toMatchObject({ teamRole: 2, orgRole: null });
    expect(result.mappingConfident).toBe(true);
    expect(result.mappingNote).toBeUndefined();
  });

  it('is the org role when a value is not a team role, and the mapping must be confirmed, naming the value', () => {
    const result = read('email,team,role\na@x.io,vision,admin\nb@x.io,vision,viewer\n');
    expect(result.mapping).toMatchObject({ teamRole: null, orgRole: 2 });
    expect(result.mappingConfident).toBe(false);
    expect(result.mappingNote).toBe(
      'The column "role" holds "viewer", which is not a team role (member or admin), so it is read as the org role. Check the columns, then confirm them.',
    );
  });

  it('is the org role, without doubt, beside a team-role column; org_role is always the org role', () => {
    expect(read('email,team,team role,role\na@x.io,vision,admin,viewer\n')).toMatchObject({
      mapping: { teamRole: 2, orgRole: 3 },
      mappingConfident: true,
    });
    expect(read('email,team,org_role\na@x.io,vision,admin\n')).toMatchObject({
      mapping: { teamRole: null, orgRole: 2 },
      mappingConfident: true,
    });
  });

  it('a cell naming an Object property is not a team role', () => {
    const result = read('email,team,role\na@x.io,vision,constructor\n');
    expect(result.mapping).toMatchObject({ teamRole: null, orgRole: 2 });
  });
});

describe('column guards', () => {
  it('a note in parentheses is ignored however long it is, so "Email (work address)" is the email column', () => {
    expect(fieldOfHeader('Email (work address)')).toEqual({ field: 'email', rank: 0 });
    expect(fieldOfHeader('Team (W&B)')).toEqual({ field: 'teams', rank: 0 });
  });

  it('a header of only punctuation or notes names no field', () => {
    expect(fieldOfHeader('')).toBeNull();
    expect(fieldOfHeader('--')).toBeNull();
    expect(fieldOfHeader('[Required] (optional)')).toBeNull();
  });

  it('a later column of a worse rank loses to the better one without making the mapping doubtful', () => {
    const { mapping, competing } = mapColumns(['Email', 'Mail', 'Login']);
    expect(mapping.email).toBe(0);
    expect(competing).toEqual([]);
    expect(isMappingConfident(mapping, competing)).toBe(true);
  });

  it('the note quotes the offending role value without the spaces around it', () => {
    const headers = ['email', 'role'];
    const { mapping } = mapColumns(headers);
    const settled = settleRoleColumn(headers, mapping, () => ['member', '  viewer  ']);
    expect(settled.mapping.orgRole).toBe(1);
    expect(settled.note).toBe(
      'The column "role" holds "viewer", which is not a team role (member or admin), so it is read as the org role. Check the columns, then confirm them.',
    );
  });
});
