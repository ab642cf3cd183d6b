import { DRY_RUN_STATUSES, type DryRunStatus } from '@/lib/invite/classify';
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
      <WhoIsSent id={id} input={input} />
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

/**
 * Who is sent among the rows that could be: people already in the organization (added to the
 * listed teams by default) and, when the input has an identity provider's status column, accounts
 * it marks inactive (left out by default). Shown while the rows are re-checked, so focus stays.
 */
function WhoIsSent({ id, input }: { id: string; input: InviteInputState }) {
  return (
    <div className="wbat-row">
      <label className="wbat-check">
        <input
          type="checkbox"
          checked={input.addExistingMembers}
          aria-describedby={`${id}-existing-hint`}
          onChange={(event) => input.setAddExistingMembers(event.currentTarget.checked)}
        />
        <span>Add existing members to the listed teams</span>
      </label>
      <span id={`${id}-existing-hint`} className="wbat-hint">
        People already in the organization (in-org) get a team invite for the teams they are not in; untick to
        send them nothing.
      </span>
      {input.mapping?.idpStatus != null ? (
        <label className="wbat-check">
          <input
            type="checkbox"
            checked={input.includeIdpInactive}
            onChange={(event) => input.setIncludeIdpInactive(event.currentTarget.checked)}
          />
          <span>Invite accounts the identity provider marks inactive</span>
        </label>
      ) : null}
    </div>
  );
}
