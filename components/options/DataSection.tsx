import { useState } from 'react';
import type { LocalDataEntry, LocalDataKey } from '@/lib/settings/data';

export interface DataSectionProps {
  entries: LocalDataEntry[];
  onExport(): Promise<void>;
  /** Clears the chosen items; called only after the admin confirmed. */
  onClear(keys: LocalDataKey[]): Promise<void>;
}

const sizeFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${sizeFormat.format(bytes / 1024)} KB`;
  return `${sizeFormat.format(bytes / 1024 / 1024)} MB`;
}

/** What is stored on this device; export as JSON; clear with confirmation. */
export function DataSection({ entries, onExport, onClear }: DataSectionProps) {
  const [confirming, setConfirming] = useState<LocalDataKey[] | null>(null);
  const present = entries.filter((entry) => entry.present);
  const labelOf = (key: LocalDataKey) => entries.find((e) => e.key === key)?.label ?? key;

  return (
    <section aria-labelledby="data-heading" className="opt-section">
      <h2 id="data-heading">Data on this device</h2>
      <table className="opt-table">
        <caption>Stored locally by the toolkit</caption>
        <thead>
          <tr>
            <th scope="col">What</th>
            <th scope="col">Size</th>
            <th scope="col">
              <span className="opt-visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.key}>
              <th scope="row">{entry.label}</th>
              <td>{entry.present ? formatBytes(entry.bytes) : 'nothing stored'}</td>
              <td>
                {entry.present ? (
                  <button
                    type="button"
                    className="opt-button"
                    aria-label={`Clear ${entry.label}`}
                    onClick={() => setConfirming([entry.key])}
                  >
                    Clear
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="opt-row">
        <button type="button" className="opt-button" onClick={() => void onExport()}>
          Export data (JSON)
        </button>
        <button
          type="button"
          className="opt-button"
          disabled={present.length === 0}
          onClick={() => setConfirming(present.map((entry) => entry.key))}
        >
          Clear all data…
        </button>
      </div>
      {confirming ? (
        <div role="alertdialog" aria-label="Confirm clearing" className="opt-card">
          <p>
            Delete {confirming.map(labelOf).join(', ')} from this device? This cannot be undone; nothing in
            W&B changes.
          </p>
          <button
            type="button"
            className="opt-button opt-danger"
            onClick={async () => {
              await onClear(confirming);
              setConfirming(null);
            }}
          >
            Yes, clear
          </button>
          <button type="button" className="opt-button" onClick={() => setConfirming(null)}>
            Cancel
          </button>
        </div>
      ) : null}
    </section>
  );
}
