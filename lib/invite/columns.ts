/**
 * Which input column holds what, guessed from header names. Header names are compared
 * case-, space- and punctuation-insensitively, and a bracketed note such as Google Workspace's
 * `[Required]` is ignored, so the exports of Okta, Entra ID and Google Workspace map without help.
 */

/** A field an invite row can carry. */
export type InviteField =
  | 'email'
  | 'name'
  | 'firstName'
  | 'lastName'
  | 'teams'
  | 'teamRole'
  | 'orgRole'
  | 'idpStatus';

/** Every field, in the order the mapping step shows them. */
export const INVITE_FIELDS: readonly InviteField[] = [
  'email',
  'teams',
  'teamRole',
  'orgRole',
  'name',
  'firstName',
  'lastName',
  'idpStatus',
];

/** Labels for the mapping step. */
export const INVITE_FIELD_LABELS: Record<InviteField, string> = {
  email: 'Email',
  teams: 'Teams',
  teamRole: 'Team role',
  orgRole: 'Org role',
  name: 'Name',
  firstName: 'First name',
  lastName: 'Last name',
  idpStatus: 'Account status (identity provider)',
};

/** The column index of each field; null when no column holds it. */
export type ColumnMapping = Record<InviteField, number | null>;

/** A mapping with no column for any field. */
export function emptyMapping(): ColumnMapping {
  return {
    email: null,
    name: null,
    firstName: null,
    lastName: null,
    teams: null,
    teamRole: null,
    orgRole: null,
    idpStatus: null,
  };
}

/**
 * Header names per field, as `headerKey` spells them, best first: where two columns match the
 * same field, the one with the better rank wins (Okta's `email` over `login`, Entra's `mail`
 * over `userPrincipalName`); two columns of the same best rank compete.
 */
const SYNONYMS: Record<InviteField, readonly (readonly string[])[]> = {
  email: [
    ['email', 'emailaddress', 'primaryemail', 'workemail', 'emailaddresses'],
    ['mail'],
    ['userprincipalname', 'upn', 'login'],
  ],
  name: [['name', 'displayname', 'fullname']],
  firstName: [['firstname', 'givenname', 'first']],
  lastName: [['lastname', 'surname', 'familyname', 'last']],
  teams: [
    ['teams', 'team', 'teamname', 'teamnames'],
    ['groups', 'group'],
  ],
  teamRole: [['teamrole', 'teamroles']],
  // A bare `role` is settled by its values (`settleRoleColumn`): a team role or the org role.
  orgRole: [
    ['orgrole', 'organizationrole', 'organisationrole', 'wandbrole'],
    ['role', 'roles'],
  ],
  // Okta's `Status`, Google Workspace's `Status [READ ONLY]`, Entra ID's `accountEnabled`.
  idpStatus: [['status', 'accountstatus', 'userstatus', 'accountenabled']],
};

import { teamRoleOf } from './roles';

/** A header reduced for matching: bracketed notes dropped, lower-cased, only letters and digits kept. */
export function headerKey(header: string): string {
  return header
    .replace(/\[[^\]]*\]|\([^)]*\)/g, '')
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** The field a header names, with its rank (0 best); null when it names none. */
export function fieldOfHeader(header: string): { field: InviteField; rank: number } | null {
  const key = headerKey(header);
  for (const field of INVITE_FIELDS)
    for (const [rank, names] of SYNONYMS[field].entries()) if (names.includes(key)) return { field, rank };
  return null;
}

/** The mapping guessed from header names; `competing` lists fields that two columns of equal rank claim (the first is kept). */
export function mapColumns(headers: readonly string[]): {
  mapping: ColumnMapping;
  competing: InviteField[];
  known: number;
} {
  const mapping = emptyMapping();
  const bestRank: Partial<Record<InviteField, number>> = {};
  const competing = new Set<InviteField>();
  let known = 0;
  headers.forEach((header, index) => {
    const match = fieldOfHeader(header);
    if (!match) return;
    known++;
    const current = bestRank[match.field];
    if (current === undefined || match.rank < current) {
      mapping[match.field] = index;
      bestRank[match.field] = match.rank;
      competing.delete(match.field);
    } else if (match.rank === current) {
      competing.add(match.field);
    }
  });
  return { mapping, competing: [...competing], known };
}

/** True when the mapping can be used without asking: an email column, and no field claimed twice. */
export function isMappingConfident(mapping: ColumnMapping, competing: readonly InviteField[]): boolean {
  return mapping.email !== null && competing.length === 0;
}

/** Header keys that say "role" without saying which. */
const BARE_ROLE = new Set(['role', 'roles']);

/**
 * A column headed just `Role` is the team role when every value in it is one (member, admin, …)
 * and no other column is the team role; otherwise it stays the org role, and when nothing else
 * says which, the mapping is uncertain: `note` says why, and the admin confirms it first.
 */
export function settleRoleColumn(
  headers: readonly string[],
  mapping: ColumnMapping,
  valuesOf: (column: number) => Iterable<string>,
): { mapping: ColumnMapping; note: string | null } {
  const column = mapping.orgRole;
  if (column === null || !BARE_ROLE.has(headerKey(headers[column] ?? ''))) return { mapping, note: null };
  if (mapping.teamRole !== null) return { mapping, note: null };
  let other: string | null = null;
  for (const value of valuesOf(column))
    if (teamRoleOf(value) === undefined) {
      other = value.trim();
      break;
    }
  if (other === null) return { mapping: { ...mapping, teamRole: column, orgRole: null }, note: null };
  return {
    mapping,
    note: `The column "${headers[column]}" holds "${other}", which is not a team role (member or admin), so it is read as the org role. Check the columns, then confirm them.`,
  };
}
