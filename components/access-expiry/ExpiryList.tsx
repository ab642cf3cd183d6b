/**
 * The members of this org with a last day of access, expired ones first (virtualised: an org may
 * set dates on hundreds of contractors). An expired member has one button that hands over to the
 * offboarding checklist on their impact; every member one that opens their date for a change.
 */
import { type AccessExpiry, localDay } from '@/lib/access-expiry/model';
import { VirtualTable } from '../shared/VirtualTable';

const DAY_MS = 86_400_000;

/** "Expired", "Ends today", "Ends in 3 days" (days counted on the admin's calendar). */
export function expiryStatus(entry: AccessExpiry, now: number): string {
  if (entry.expiredAt) return `Expired (seen ${entry.expiredAt.slice(0, 10)})`;
  const today = localDay(now);
  if (entry.lastDay === today) return 'Ends today';
  const days = Math.round(
    (Date.parse(`${entry.lastDay}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS,
  );
  return `Ends in ${days} ${days === 1 ? 'day' : 'days'}`;
}

export function ExpiryList({
  entries,
  onEdit,
  onOffboard,
}: {
  entries: readonly AccessExpiry[];
  onEdit(entry: AccessExpiry): void;
  onOffboard(username: string): void;
}) {
  const now = Date.now();
  const expired = entries.filter((e) => e.expiredAt !== null).length;
  const columns = [
    { header: 'Member', cell: (e: AccessExpiry) => `${e.name || e.username} (${e.username})` },
    { header: 'Last day', cell: (e: AccessExpiry) => e.lastDay },
    { header: 'Status', cell: (e: AccessExpiry) => expiryStatus(e, now) },
    { header: 'Note', cell: (e: AccessExpiry) => e.note || '—' },
    {
      header: 'Actions',
      cell: (e: AccessExpiry) => (
        <>
          {e.expiredAt ? (
            <button type="button" className="wbat-button wbat-primary" onClick={() => onOffboard(e.username)}>
              Offboard {e.username}
            </button>
          ) : null}{' '}
          <button type="button" className="wbat-button" onClick={() => onEdit(e)}>
            Edit {e.username}
          </button>
        </>
      ),
    },
  ];
  return (
    <section className="wbat-section" aria-label="Members with a last day of access">
      <h3 className="wbat-section-title">
        Members with a last day of access: {entries.length}
        {expired > 0 ? ` (${expired} expired)` : ''}
      </h3>
      {entries.length === 0 ? (
        <p className="wbat-hint">No member of this organization has a last day of access yet.</p>
      ) : (
        <VirtualTable
          label="Members with a last day of access"
          columns={columns}
          rows={entries}
          rowKey={(e) => e.username}
        />
      )}
    </section>
  );
}
