/**
 * What the admin should see, computed from the simulator's state: the bar's figures and the member
 * export's rows. Shared by the Chromium specs and the Firefox suite (tests/firefox/); no test is
 * registered here, so either can import it.
 */
import type { Seed } from '../simulator/seed';

/** The figures the bar should show for a seed, computed from the simulator's own state. */
export function expectedFigures(state: Seed): string[] {
  const active = state.members.filter((m) => (m.status ?? 'active') === 'active' && m.accountType === 'user');
  const full = active.filter((m) => m.modelsSeat === 'full').length;
  const viewer = active.filter((m) => m.modelsSeat === 'viewer').length;
  return [
    `${state.members.length} members`,
    `${state.invites.length} pending invites`,
    `Models seats: ${full}/${state.org.seats.models} full · ${viewer}/${state.org.seats.modelsViewer} viewer`,
  ];
}

export const EXPORT_HEADER = [
  'username',
  'name',
  'email',
  'org_role',
  'models_seat',
  'weave_access',
  'status',
  'account_type',
  'teams',
  'last_active',
  'invited_at',
];

/** The OWASP rule the export applies to every text cell. */
const neutralised = (cell: string) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell);
/** ISO 8601 UTC to the second: the export's date format. */
export const exportDateTime = (value: string | null | undefined) =>
  value ? `${new Date(value).toISOString().slice(0, 19)}Z` : '';

/** What the export must contain for a simulator state, row for row (members by username, invites by email+team). */
export function expectedExportRows(
  state: Seed,
  options: { orgFields: boolean } = { orgFields: true },
): Map<string, Record<string, string>> {
  const rows = new Map<string, Record<string, string>>();
  for (const member of state.members) {
    const teams = state.teams
      .flatMap((team) =>
        team.members.filter((m) => m.username === member.username).map((m) => `${team.name}:${m.role}`),
      )
      .sort()
      .join('; ');
    rows.set(member.username, {
      username: member.username,
      name: neutralised(member.name),
      email: member.email,
      org_role: options.orgFields ? member.orgRole : '',
      models_seat: options.orgFields ? member.modelsSeat : '',
      weave_access: options.orgFields ? member.weaveAccess : '',
      status: options.orgFields ? (member.status ?? 'active') : 'active',
      account_type: member.accountType,
      teams,
      last_active: options.orgFields ? exportDateTime(member.lastLoginAt) : '',
      invited_at: '',
    });
  }
  for (const invite of state.invites) {
    rows.set(`${invite.email} ${invite.team}`, {
      username: '',
      name: '',
      email: invite.email,
      org_role: '',
      models_seat: '',
      weave_access: '',
      status: 'invite-pending',
      account_type: 'user',
      teams: `${invite.team}:${invite.role}`,
      last_active: '',
      invited_at: options.orgFields ? exportDateTime(invite.createdAt) : '',
    });
  }
  return rows;
}

/** The key `expectedExportRows` uses for an exported row. */
export function exportKey(row: Record<string, string>): string {
  return row.status === 'invite-pending' ? `${row.email} ${row.teams?.split(':')[0]}` : row.username!;
}
