/** The Audit log's filters: which organization, action and result, a member, a date range. */
import { AUDIT_ACTIONS } from '@/lib/audit/log';
import { AUDIT_ACTION_LABELS, type AuditFilter, NO_AUDIT_FILTER } from '@/lib/audit/view';
import { DateRange } from '../shared/DateRange';

export function AuditFilters({
  id,
  filter,
  page,
  onChange,
}: {
  id: string;
  filter: AuditFilter;
  page: { org: string; host: string };
  onChange(change: Partial<AuditFilter>): void;
}) {
  const field = (name: string) => `${id}-${name}`;
  return (
    <fieldset className="wbat-bare wbat-audit-filters">
      <legend className="wbat-section-title">Filters</legend>
      <div className="wbat-row">
        <label htmlFor={field('scope')}>Organization</label>
        <select
          id={field('scope')}
          className="wbat-select"
          value={filter.scope}
          onChange={(event) => onChange({ scope: event.currentTarget.value as AuditFilter['scope'] })}
        >
          <option value="here">
            {page.org} on {page.host} (this page)
          </option>
          <option value="all">All organizations and hosts</option>
        </select>
        <label htmlFor={field('action')}>Action</label>
        <select
          id={field('action')}
          className="wbat-select"
          value={filter.action}
          onChange={(event) => onChange({ action: event.currentTarget.value as AuditFilter['action'] })}
        >
          <option value="">All actions</option>
          {AUDIT_ACTIONS.map((action) => (
            <option key={action} value={action}>
              {AUDIT_ACTION_LABELS[action]}
            </option>
          ))}
        </select>
        <label htmlFor={field('result')}>Result</label>
        <select
          id={field('result')}
          className="wbat-select"
          value={filter.result}
          onChange={(event) => onChange({ result: event.currentTarget.value as AuditFilter['result'] })}
        >
          <option value="">Succeeded and failed</option>
          <option value="ok">Succeeded</option>
          <option value="error">Failed</option>
        </select>
      </div>
      <div className="wbat-row">
        <label htmlFor={field('member')}>Member</label>
        <input
          id={field('member')}
          type="search"
          className="wbat-input"
          value={filter.member}
          placeholder="Username, email or team"
          aria-describedby={field('member-hint')}
          onChange={(event) => onChange({ member: event.currentTarget.value })}
        />
        <DateRange field={field} from={filter.from} to={filter.to} onChange={onChange} />
        <button type="button" className="wbat-button" onClick={() => onChange(NO_AUDIT_FILTER)}>
          Clear filters
        </button>
      </div>
      <p id={field('member-hint')} className="wbat-hint">
        Member matches whom a change was about and who made it. Dates are days on this computer's calendar,
        both included.
      </p>
    </fieldset>
  );
}
