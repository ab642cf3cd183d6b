/**
 * The member export's columns. Their names and order are a published interface (product.md,
 * "Export CSV header"): scripts read our files by these names, so never rename or reorder them.
 */

/** Every column, in file order. */
export const EXPORT_COLUMNS = [
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
] as const;

/** One column's header name. */
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

/** Human labels for the dialog; the file always uses the header names. */
export const EXPORT_COLUMN_LABELS: Readonly<Record<ExportColumn, string>> = {
  username: 'Username',
  name: 'Name',
  email: 'Email',
  org_role: 'Org role',
  models_seat: 'Models seat',
  weave_access: 'Weave access',
  status: 'Status',
  account_type: 'Account type',
  teams: 'Teams and team roles',
  last_active: 'Last active',
  invited_at: 'Invited at (pending invites)',
};

const COLUMN_SET: ReadonlySet<string> = new Set(EXPORT_COLUMNS);

/** True when `name` is one of our header names (exact spelling). */
export function isExportColumn(name: string): name is ExportColumn {
  return COLUMN_SET.has(name);
}

/** The chosen columns in file order, each once; unknown names dropped. */
export function orderColumns(columns: Iterable<string>): ExportColumn[] {
  const chosen = new Set(columns);
  return EXPORT_COLUMNS.filter((column) => chosen.has(column));
}
