/**
 * What the admin should see, computed from the simulator's state: the bar's figures and the member
 * export's rows. Shared by the Chromium specs and the Firefox suite (tests/firefox/); no test is
 * registered here, so either can import it.
 */
import type { Seed } from '../simulator/seed';
import type { Simulator } from '../simulator/server';

const DAY = 86_400_000;

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

// ---- W&B's audit logs (issue 14) ----------------------------------------------------------

/** `YYYY-MM-DD` of a time, in UTC. */
export const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The days the dialog should say it read for `days`: today (UTC) and the `days` before it. */
export function auditSpan(days: number) {
  const today = Date.parse(`${utcDay(Date.now())}T00:00:00Z`);
  return { from: utcDay(today - days * DAY), to: utcDay(today), windows: Math.ceil((days + 1) / 7) };
}

/**
 * Who the simulator's audit trail says has no auditable action in the last `days` days, among the
 * active people (not service accounts) of the org: their latest entry since `from` is that old, or
 * there is none.
 */
export function inactiveByAuditTrail(sim: Simulator, days: number, from: string): string[] {
  const since = Date.parse(`${from}T00:00:00Z`);
  const cutoff = Date.now() - days * DAY;
  const latest = new Map<string, number>();
  for (const entry of sim.state.auditTrail.all()) {
    const at = Date.parse(entry.timestamp);
    const email = entry.actorEmail.toLowerCase();
    if (at >= since && at > (latest.get(email) ?? Number.NEGATIVE_INFINITY)) latest.set(email, at);
  }
  return [...sim.state.members.values()]
    .filter((m) => m.accountType === 'user' && m.status === 'active')
    .filter((m) => (latest.get(m.email.toLowerCase()) ?? Number.NEGATIVE_INFINITY) <= cutoff)
    .map((m) => m.username)
    .sort();
}
