import type { ClassifiedRow } from '@/lib/invite/classify';
import { type VirtualColumn, VirtualTable } from '../shared/VirtualTable';

const COLUMNS: readonly VirtualColumn<ClassifiedRow>[] = [
  { header: 'Row', cell: (row) => row.row },
  { header: 'Email', cell: (row) => row.email },
  { header: 'Teams', cell: (row) => row.teams.join('; ') },
  { header: 'Team role', cell: (row) => row.teamRole },
  { header: 'Org role', cell: (row) => row.orgRole },
  {
    header: 'Sent as',
    cell: (row) => (row.sends.length === 0 ? '—' : row.via === 'scim' ? 'SCIM (admin key)' : 'Team invite'),
  },
  {
    header: 'Status',
    cell: (row) => <span className={`wbat-status wbat-status-${row.status}`}>{row.status}</span>,
  },
  { header: 'Reason', cell: (row) => row.reason },
];

/** The dry-run rows, virtualised (only the rows in view are in the DOM); host text is rendered as text. */
export function DryRunTable({ rows }: { rows: readonly ClassifiedRow[] }) {
  return <VirtualTable label="Dry run" columns={COLUMNS} rows={rows} rowKey={(row) => row.index} />;
}
