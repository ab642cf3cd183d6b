/**
 * Seat hygiene: who holds a seat and shows no activity for N days, invites pending longer than N
 * days, Full-seat members whose org role only lets them view, and service accounts — each list
 * virtualised and downloadable as CSV. It changes nothing on W&B but what the admin confirms: the
 * stale invites cancelled in bulk (./CancelStaleInvites.tsx).
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { saveFile } from '@/components/shared/download';
import { loadDirectoryFromBackground } from '@/components/shared/load-directory';
import type { ToolProps } from '@/components/shared/tool';
import { VirtualTable } from '@/components/shared/VirtualTable';
import { type HygieneInvite, type HygieneMember, hygieneCsvChunks } from '@/lib/hygiene/lists';
import { reportFailure } from '@/lib/report';
import { getSettings } from '@/lib/settings';
import type { Directory, LoadProgress } from '@/lib/wandb/directory';
import { ModalDialog } from '../dialog';
import { AuditActivityNote, activityHint } from './AuditActivityNote';
import { OffboardSeveral } from './OffboardSeveral';
import { StaleInvitesSection } from './StaleInvitesSection';
import { useHygieneLists } from './useAuditActivity';

const MEMBER_COLUMNS = [
  { header: 'Username', cell: (m: HygieneMember) => m.username },
  { header: 'Name', cell: (m: HygieneMember) => m.name },
  { header: 'Org role', cell: (m: HygieneMember) => m.orgRole || '—' },
  { header: 'Models seat', cell: (m: HygieneMember) => m.modelsSeat || '—' },
  {
    header: 'Last activity',
    cell: (m: HygieneMember) => (m.lastActive ? m.lastActive.slice(0, 10) : 'none shown'),
  },
];

export function SeatHygieneDialog({
  pageUrl,
  org,
  onClose,
  onOpenTool,
}: Pick<ToolProps, 'pageUrl' | 'org' | 'onClose' | 'onOpenTool'>) {
  const [directory, setDirectory] = useState<Directory | null>(null);
  const [progress, setProgress] = useState<LoadProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [daysText, setDaysText] = useState('90');
  const downloads = useRef<HTMLDivElement>(null);
  const daysId = useId();
  // Bumped when a clean-up changed W&B: the directory is read again.
  const [reads, setReads] = useState(0);
  const reread = useCallback(() => setReads((n) => n + 1), []);

  useEffect(() => {
    getSettings().then(
      (settings) => setDaysText(String(settings.inactivityDays)),
      (failure: unknown) => reportFailure('hygiene', failure),
    );
  }, []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `reads` changing asks for a fresh read of W&B.
  useEffect(() => {
    const controller = new AbortController();
    loadDirectoryFromBackground(pageUrl, setProgress, controller.signal, true).then(
      setDirectory,
      (failure: unknown) => {
        if (!controller.signal.aborted)
          setError(failure instanceof Error ? failure.message : String(failure));
      },
    );
    return () => controller.abort();
  }, [pageUrl, reads]);

  const days = Number.parseInt(daysText, 10);
  // With a working admin key, last activity is W&B's audit logs' (./useAuditActivity.ts).
  const valid = Number.isInteger(days) && days >= 0;
  const { lists, audit } = useHygieneLists(pageUrl, directory, valid ? days : null);

  /** Saves a CSV named `wandb-<org>-<name>-<date>.csv`. */
  function saveCsv(name: string, chunks: Iterable<string>) {
    if (!downloads.current) return;
    const day = new Date().toISOString().slice(0, 10);
    saveFile(
      { fileName: `wandb-${org}-${name}-${day}.csv`, mimeType: 'text/csv', chunks },
      downloads.current,
    ).catch((failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)));
  }
  function download(
    name: string,
    rows: readonly (HygieneMember | HygieneInvite)[],
    kind: 'members' | 'invites',
  ) {
    saveCsv(name, hygieneCsvChunks(rows, kind, { delimiter: ',', bom: true }));
  }

  const section = (title: string, file: string, rows: readonly HygieneMember[], note?: string) => (
    <section aria-label={title}>
      <h3>
        {title}: {rows.length}
      </h3>
      {note ? <p className="wbat-hint">{note}</p> : null}
      {rows.length > 0 ? (
        <VirtualTable label={title} columns={MEMBER_COLUMNS} rows={rows} rowKey={(m) => m.username} />
      ) : null}
      <button type="button" className="wbat-button" onClick={() => download(file, rows, 'members')}>
        Download {title.toLowerCase()} (CSV)
      </button>
    </section>
  );

  return (
    <ModalDialog title="Seat hygiene" subtitle={`Organization ${org}`} onClose={onClose}>
      <div className="wbat-dialog-body">
        <p>
          Who holds a seat and should not: read from W&B now; nothing is changed unless you confirm a
          clean-up.
        </p>
        <label htmlFor={daysId}>No activity for (days)</label>{' '}
        <input
          id={daysId}
          className="wbat-input wbat-number"
          type="number"
          min={0}
          step={1}
          inputMode="numeric"
          value={daysText}
          onChange={(event) => setDaysText(event.target.value)}
        />
        {!Number.isInteger(days) || days < 0 ? (
          <p className="wbat-error" role="alert">
            Days must be a whole number of 0 or more.
          </p>
        ) : null}
        {error ? (
          <p className="wbat-error" role="alert">
            {error}
          </p>
        ) : null}
        {!directory && !error ? (
          <p role="status">
            <progress
              aria-label="Loading members"
              {...(progress ? { value: progress.done, max: Math.max(1, progress.total) } : {})}
            />{' '}
            Loading the member directory…
          </p>
        ) : null}
        {lists && directory ? (
          <>
            {directory.complete ? null : (
              <p className="wbat-note" role="note">
                Only the teams visible to you were read: members outside them are not in these lists.
              </p>
            )}
            <AuditActivityNote audit={audit} />
            {audit.status !== 'reading' &&
              section(`No activity for ${lists.days} days`, 'inactive', lists.inactive, activityHint(audit))}
            {audit.status !== 'reading' && (
              <OffboardSeveral
                pageUrl={pageUrl}
                directory={directory}
                members={lists.inactive}
                onOpenTool={onOpenTool}
              />
            )}
            <StaleInvitesSection
              pageUrl={pageUrl}
              days={lists.days}
              invites={lists.staleInvites}
              undated={lists.undatedInvites}
              onDownload={saveCsv}
              onFinished={reread}
            />
            {section(
              'Full seats held by viewers',
              'full-seat-viewers',
              lists.fullSeatViewers,
              'Members whose org role is viewer but who hold a Full Models seat.',
            )}
            {section('Service accounts', 'service-accounts', lists.serviceAccounts)}
          </>
        ) : null}
        <div ref={downloads} />
      </div>
    </ModalDialog>
  );
}
