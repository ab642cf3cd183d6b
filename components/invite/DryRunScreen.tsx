import { DRY_RUN_STATUSES, type DryRunStatus } from '../../lib/invite/classify';
import { DryRunTable } from './DryRunTable';
import type { InviteInputState } from './useInviteInput';

const numberFormat = new Intl.NumberFormat('en-US');

/** Step 2: every row classified against the directory, with the seat impact and a filter. */
export function DryRunScreen({ id, input }: { id: string; input: InviteInputState }) {
  const { ready, counts, impact } = input;
  return (
    <section className="wbat-section" aria-labelledby={`${id}-dry`}>
      <h3 id={`${id}-dry`} className="wbat-section-title">
        2. Dry run
      </h3>
      {input.classifying && ready ? (
        <div className="wbat-loading">
          <progress aria-label="Checking rows" max={ready.records.length} value={input.checked} />
          <span>
            Checking {numberFormat.format(input.checked)} of {numberFormat.format(ready.records.length)} rows
            against the members, invites and teams…
          </span>
        </div>
      ) : (
        <>
          <ul className="wbat-counts" aria-label="Rows per status">
            {DRY_RUN_STATUSES.map((status) => (
              <li key={status}>
                {status}: {numberFormat.format(counts[status])}
              </li>
            ))}
          </ul>
          {impact ? (
            impact.exceeds ? (
              <div className="wbat-error" role="alert">
                <span>{impact.sentence}</span>
              </div>
            ) : (
              <p>{impact.sentence}</p>
            )
          ) : null}
          <div className="wbat-row">
            <label htmlFor={`${id}-filter`}>Show</label>
            <select
              id={`${id}-filter`}
              className="wbat-input wbat-select"
              value={input.filter}
              onChange={(event) => input.setFilter(event.currentTarget.value as DryRunStatus | 'all')}
            >
              <option value="all">All rows ({numberFormat.format(input.rows.length)})</option>
              {DRY_RUN_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {status} ({numberFormat.format(counts[status])})
                </option>
              ))}
            </select>
          </div>
          <DryRunTable rows={input.shown} />
        </>
      )}
    </section>
  );
}
