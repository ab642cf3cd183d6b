/**
 * What the admin should see, computed from the simulator's state (as the Chromium specs in
 * tests/e2e/ compute it; kept apart from them because those files register Playwright tests).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Seed } from '../simulator/seed';
import { waitFor } from './ui';

/** The bar's figures for the organization. */
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
const iso = (value: string | null | undefined) =>
  value ? `${new Date(value).toISOString().slice(0, 19)}Z` : '';

/** The export's rows for a state, keyed by username (members) or `email team` (pending invites). */
export function expectedExportRows(state: Seed): Map<string, Record<string, string>> {
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
      org_role: member.orgRole,
      models_seat: member.modelsSeat,
      weave_access: member.weaveAccess,
      status: member.status ?? 'active',
      account_type: member.accountType,
      teams,
      last_active: iso(member.lastLoginAt),
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
      invited_at: iso(invite.createdAt),
    });
  }
  return rows;
}

export function exportKey(row: Record<string, string>): string {
  return row.status === 'invite-pending' ? `${row.email} ${row.teams?.split(':')[0]}` : row.username!;
}

export function parseCsv(text: string): { header: string[]; rows: Record<string, string>[] } {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true });
  if (parsed.errors.length > 0) throw new Error(`CSV does not parse: ${JSON.stringify(parsed.errors)}`);
  const [header, ...records] = parsed.data;
  return {
    header: header!,
    rows: records.map((record) => Object.fromEntries(header!.map((name, i) => [name, record[i] ?? '']))),
  };
}

/**
 * Waits for a new, finished download in `dir` whose name matches, and returns its name and text.
 * Firefox writes `<name>.part` first and renames it when done.
 */
export async function waitForDownload(
  dir: string,
  before: Set<string>,
  pattern: RegExp,
  timeoutMs = 20_000,
): Promise<{ name: string; text: string }> {
  const name = await waitFor(
    async () => {
      const files = readdirSync(dir);
      if (files.some((file) => file.endsWith('.part'))) return undefined;
      return files.find((file) => !before.has(file) && pattern.test(file));
    },
    (found) => found !== undefined,
    timeoutMs,
  );
  return { name: name!, text: readFileSync(join(dir, name!), 'utf8') };
}

export const filesIn = (dir: string) => new Set(readdirSync(dir));
