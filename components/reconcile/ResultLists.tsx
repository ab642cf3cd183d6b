import { type ReactNode, type RefObject, useRef, useState } from 'react';
import type { ReconcileList } from '@/lib/reconcile/export';
import type {
  IdpPerson,
  NotMemberRow,
  OrphanRow,
  ReconcileResult,
  SuspendedRow,
} from '@/lib/reconcile/types';
import { plural } from '../dialog';
import { type VirtualColumn, VirtualTable } from '../shared/VirtualTable';
import { SamePersonPicker } from './SamePersonPicker';

export interface ResultListsProps {
  result: ReconcileResult;
  /** Opens the offboarding checklist on this member's impact (closes this dialog). */
  onOffboard(username: string): void;
  onLink(member: { username: string; email: string }, idpEmail: string): Promise<boolean>;
  onDownload(list: ReconcileList | 'all', format: 'csv' | 'json'): void;
}

const date = (iso: string) => (iso ? iso.slice(0, 10) : 'none shown');

function Downloads({
  list,
  title,
  onDownload,
}: {
  list: ReconcileList | 'all';
  title: string;
  onDownload: ResultListsProps['onDownload'];
}) {
  return (
    <div className="wbat-row">
      <button type="button" className="wbat-button" onClick={() => onDownload(list, 'csv')}>
        Download {title} (CSV)
      </button>
      <button type="button" className="wbat-button" onClick={() => onDownload(list, 'json')}>
        Download {title} (JSON)
      </button>
    </div>
  );
}

/** One list: its heading with the count, what it holds, its table (when not empty), then its downloads. */
function ResultList<T>({
  label,
  heading,
  headingRef,
  hint,
  columns,
  rows,
  rowKey,
  list,
  title,
  onDownload,
  children,
}: {
  label: string;
  heading: ReactNode;
  headingRef?: RefObject<HTMLHeadingElement | null>;
  hint: ReactNode;
  columns: VirtualColumn<T>[];
  rows: readonly T[];
  rowKey(row: T): string;
  list: ReconcileList;
  title: string;
  onDownload: ResultListsProps['onDownload'];
  /** Shown under the table (the orphans' same-person picker). */
  children?: ReactNode;
}) {
  return (
    <section className="wbat-section" aria-label={label}>
      <h3 ref={headingRef} tabIndex={headingRef ? -1 : undefined} className="wbat-section-title">
        {heading}
      </h3>
      <p className="wbat-hint">{hint}</p>
      {rows.length > 0 ? <VirtualTable label={label} columns={columns} rows={rows} rowKey={rowKey} /> : null}
      {children}
      <Downloads list={list} title={title} onDownload={onDownload} />
    </section>
  );
}

/** 3. The three lists, each virtualised and downloadable; orphans can be linked or offboarded in one click. */
export function ResultLists({ result, onOffboard, onLink, onDownload }: ResultListsProps) {
  const [linking, setLinking] = useState<OrphanRow | null>(null);
  const orphansHeading = useRef<HTMLHeadingElement>(null);
  // The picker goes away (and a linked orphan with it): focus goes to the list's heading, not the page.
  const closePicker = () => {
    setLinking(null);
    orphansHeading.current?.focus();
  };
  const offboard = (row: { username: string }) => (
    <button
      type="button"
      className="wbat-button"
      aria-label={`Offboard ${row.username}`}
      onClick={() => onOffboard(row.username)}
    >
      Offboard
    </button>
  );
  const orphanColumns: VirtualColumn<OrphanRow>[] = [
    { header: 'Username', cell: (row) => row.username },
    { header: 'Name', cell: (row) => row.name },
    { header: 'Email', cell: (row) => row.email || '—' },
    { header: 'Seat', cell: (row) => row.seat },
    { header: 'Why', cell: (row) => row.detail },
    {
      header: 'Actions',
      cell: (row) => (
        <>
          {offboard(row)}{' '}
          <button
            type="button"
            className="wbat-button"
            aria-label={`Link ${row.username} to an account in the export`}
            aria-expanded={linking?.username === row.username}
            onClick={() => setLinking(row)}
          >
            Link…
          </button>
        </>
      ),
    },
  ];
  const suspendedColumns: VirtualColumn<SuspendedRow>[] = [
    { header: 'Username', cell: (row) => row.username },
    { header: 'Name', cell: (row) => row.name },
    { header: 'Email', cell: (row) => row.email },
    { header: 'Seat', cell: (row) => row.seat },
    { header: 'In the export', cell: (row) => `${row.idpEmail}: ${row.idpStatus} (row ${row.idpLine})` },
    { header: 'Last activity', cell: (row) => date(row.lastActiveAt) },
    { header: 'Actions', cell: offboard },
  ];
  const notMemberColumns: VirtualColumn<NotMemberRow>[] = [
    { header: 'Email', cell: (row) => row.email },
    { header: 'Name', cell: (row) => row.name },
    { header: 'Status', cell: (row) => row.idpStatus || '—' },
    { header: 'Row', cell: (row) => row.idpLine },
    { header: 'Pending invite', cell: (row) => row.pendingInvite || '—' },
  ];
  const { counts } = result;
  return (
    <>
      <ul className="wbat-counts" aria-label="Members reconciled">
        <li>{plural(counts.members, 'member', 'members')}</li>
        <li>
          with an active account: {counts.matched.toLocaleString('en-US')}
          {counts.matchedByLink > 0
            ? ` (${counts.matchedByLink.toLocaleString('en-US')} through a link)`
            : ''}
        </li>
        <li>orphans: {counts.orphans.toLocaleString('en-US')}</li>
        <li>suspended, holding a seat: {counts.suspendedWithSeat.toLocaleString('en-US')}</li>
        <li>
          not checked: {plural(counts.service, 'service account', 'service accounts')},{' '}
          {counts.deactivated.toLocaleString('en-US')} deactivated in W&B
        </li>
      </ul>
      <ResultList
        label="Orphans"
        heading={`Orphans: ${counts.orphans.toLocaleString('en-US')}`}
        headingRef={orphansHeading}
        hint="Active W&B members with no active account in the export: not in it, suspended there but holding no seat, or with no email in W&B. (Suspended people who still hold a seat are listed below instead.) If someone is in the export under another address, link them."
        columns={orphanColumns}
        rows={result.orphans}
        rowKey={(row) => row.username}
        list="orphans"
        title="orphans"
        onDownload={onDownload}
      >
        {linking ? (
          <SamePersonPicker
            member={linking}
            candidates={result.unmatched as IdpPerson[]}
            onLink={async (idpEmail) => {
              if (await onLink(linking, idpEmail)) closePicker();
            }}
            onCancel={closePicker}
          />
        ) : null}
      </ResultList>
      <ResultList
        label="Suspended in the identity provider, holding a seat"
        heading={`Suspended in the identity provider, holding a seat: ${counts.suspendedWithSeat.toLocaleString('en-US')}`}
        hint="Their accounts in the export are suspended, deprovisioned or disabled, and W&B still shows a Models seat or Weave access for them (or shows no seat at all)."
        columns={suspendedColumns}
        rows={result.suspendedWithSeat}
        rowKey={(row) => row.username}
        list="suspended-with-seat"
        title="suspended with a seat"
        onDownload={onDownload}
      />
      <ResultList
        label="Not members"
        heading={`Active in the identity provider, not members: ${counts.notMembers.toLocaleString('en-US')}`}
        hint={`${
          result.allowedDomains.length === 0
            ? 'Every active account no member matched (no allowed domains are set).'
            : `Active accounts in ${result.allowedDomains.join(', ')} (and their subdomains) that no member matched; ${plural(counts.outsideDomain, 'other active account is', 'other active accounts are')} outside these domains.`
        } ${plural(counts.inactiveNotMembers, 'suspended account is', 'suspended accounts are')} not in W&B either.`}
        columns={notMemberColumns}
        rows={result.notMembers}
        rowKey={(row) => row.email}
        list="not-members"
        title="not members"
        onDownload={onDownload}
      />
      <Downloads list="all" title="all three lists" onDownload={onDownload} />
    </>
  );
}
