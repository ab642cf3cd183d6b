/** Seat hygiene's list of invites pending over N days, its CSV, and their bulk cancellation. */
import { VirtualTable } from '@/components/shared/VirtualTable';
import { type HygieneInvite, hygieneCsvChunks } from '@/lib/hygiene/lists';
import { CancelStaleInvites } from './CancelStaleInvites';

const INVITE_COLUMNS = [
  { header: 'Email', cell: (i: HygieneInvite) => i.email },
  { header: 'Team', cell: (i: HygieneInvite) => i.team },
  { header: 'Invited', cell: (i: HygieneInvite) => i.invitedAt.slice(0, 10) },
  { header: 'Days pending', cell: (i: HygieneInvite) => String(i.days) },
];

export function StaleInvitesSection({
  pageUrl,
  days,
  invites,
  undated,
  onDownload,
  onFinished,
}: {
  pageUrl: string;
  days: number;
  invites: readonly HygieneInvite[];
  /** Pending invites W&B gives no date for. */
  undated: number;
  onDownload(name: string, chunks: Iterable<string>): void;
  onFinished(): void;
}) {
  return (
    <section aria-label="Invites pending">
      <h3>
        Invites pending over {days} days: {invites.length}
      </h3>
      {undated > 0 ? (
        <p className="wbat-hint">
          {undated} pending invites have no date in W&B’s answer and are not listed.
        </p>
      ) : null}
      {invites.length > 0 ? (
        <VirtualTable
          label="Invites pending"
          columns={INVITE_COLUMNS}
          rows={invites}
          rowKey={(i) => `${i.email} ${i.team}`}
        />
      ) : null}
      <button
        type="button"
        className="wbat-button"
        onClick={() =>
          onDownload('stale-invites', hygieneCsvChunks(invites, 'invites', { delimiter: ',', bom: true }))
        }
      >
        Download invites pending (CSV)
      </button>
      <CancelStaleInvites
        pageUrl={pageUrl}
        invites={invites}
        onDownload={onDownload}
        onFinished={onFinished}
      />
    </section>
  );
}
