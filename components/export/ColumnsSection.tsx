import { EXPORT_COLUMN_LABELS, EXPORT_COLUMNS, orderColumns } from '@/lib/export/columns';
import type { ExportSettings } from './settings';

/** Which columns the file has, in file order whatever order they are ticked in. */
export function ColumnsSection({
  id,
  settings,
  update,
}: {
  id: string;
  settings: ExportSettings;
  update(change: Partial<ExportSettings>): void;
}) {
  return (
    <fieldset className="wbat-section">
      <legend>Columns</legend>
      <div className="wbat-choices wbat-columns">
        {EXPORT_COLUMNS.map((column) => (
          <div key={column} className="wbat-check">
            <input
              id={`${id}-col-${column}`}
              type="checkbox"
              checked={settings.columns.includes(column)}
              aria-describedby={`${id}-col-${column}-hint`}
              onChange={(event) => {
                const on = event.currentTarget.checked;
                update({
                  columns: orderColumns(
                    on ? [...settings.columns, column] : settings.columns.filter((c) => c !== column),
                  ),
                });
              }}
            />
            <label htmlFor={`${id}-col-${column}`}>
              <code>{column}</code>
            </label>
            <span id={`${id}-col-${column}-hint`} className="wbat-hint">
              {EXPORT_COLUMN_LABELS[column]}
            </span>
          </div>
        ))}
      </div>
      <div className="wbat-row">
        <button
          type="button"
          className="wbat-button"
          onClick={() => update({ columns: [...EXPORT_COLUMNS] })}
        >
          Select all columns
        </button>
        <button type="button" className="wbat-button" onClick={() => update({ columns: [] })}>
          Clear columns
        </button>
      </div>
    </fieldset>
  );
}
