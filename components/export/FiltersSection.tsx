import type { ExportFilter } from '@/lib/export/rows';
import { CheckboxGroup } from './CheckboxGroup';
import type { ExportState } from './useExportState';

/** Search, inactivity and the ticked values of each field; a group with nothing ticked does not restrict. */
export function FiltersSection({
  id,
  state,
}: {
  id: string;
  state: Pick<
    ExportState,
    | 'settings'
    | 'options'
    | 'daysText'
    | 'inactiveOn'
    | 'activityUnknown'
    | 'updateFilter'
    | 'changeDays'
    | 'changeInactiveOn'
  >;
}) {
  const { settings, options, daysText, inactiveOn, activityUnknown, updateFilter, changeDays } = state;
  const active = activeFilterCount(settings.filter);
  // Collapsed at first, so the count and the preview are in view at 1280×800.
  return (
    <details className="wbat-section wbat-disclosure">
      <summary>Filters{active > 0 ? ` (${active} on)` : ''}</summary>
      <fieldset className="wbat-bare" disabled={!options}>
        <div className="wbat-row">
          <label htmlFor={`${id}-search`}>Search members</label>
          <input
            id={`${id}-search`}
            type="search"
            className="wbat-input"
            value={settings.filter.search ?? ''}
            placeholder="Name, username, email or team"
            onChange={(event) => updateFilter({ search: event.currentTarget.value })}
          />
          <label className="wbat-check">
            <input
              type="checkbox"
              checked={inactiveOn}
              onChange={(event) => state.changeInactiveOn(event.currentTarget.checked)}
            />
            <span>Only inactive members</span>
          </label>
          <label htmlFor={`${id}-days`}>No activity for at least N days</label>
          <input
            id={`${id}-days`}
            type="number"
            min={0}
            step={1}
            inputMode="numeric"
            className="wbat-input wbat-number"
            value={daysText}
            aria-describedby={activityUnknown ? `${id}-days-hint` : undefined}
            onChange={(event) => changeDays(event.currentTarget.value)}
          />
        </div>
        {activityUnknown ? (
          <p id={`${id}-days-hint`} className="wbat-hint">
            This W&B server does not report last activity, so every row counts as inactive.
          </p>
        ) : null}
        {options ? (
          <div className="wbat-groups">
            <CheckboxGroup
              legend="Org role"
              options={options.orgRoles}
              selected={settings.filter.orgRoles ?? []}
              onChange={(orgRoles) => updateFilter({ orgRoles })}
            />
            <CheckboxGroup
              legend="Models seat"
              options={options.modelsSeats}
              selected={settings.filter.modelsSeats ?? []}
              onChange={(modelsSeats) => updateFilter({ modelsSeats })}
            />
            <CheckboxGroup
              legend="Weave access"
              options={options.weaveAccess}
              selected={settings.filter.weaveAccess ?? []}
              onChange={(weaveAccess) => updateFilter({ weaveAccess })}
            />
            <CheckboxGroup
              legend="Status"
              options={options.statuses}
              selected={settings.filter.statuses ?? []}
              onChange={(statuses) => updateFilter({ statuses: statuses as ExportFilter['statuses'] })}
            />
            <CheckboxGroup
              legend="Account type"
              options={options.accountTypes}
              selected={settings.filter.accountTypes ?? []}
              onChange={(accountTypes) =>
                updateFilter({ accountTypes: accountTypes as ExportFilter['accountTypes'] })
              }
            />
            <CheckboxGroup
              legend="Team"
              options={options.teams}
              selected={settings.filter.teams ?? []}
              onChange={(teams) => updateFilter({ teams })}
              scroll
            />
          </div>
        ) : null}
        <p className="wbat-hint">A group with nothing ticked does not restrict the rows.</p>
      </fieldset>
    </details>
  );
}

/** How many filters restrict the rows now (a search, the inactivity filter, each group with a tick). */
function activeFilterCount(filter: ExportFilter): number {
  const groups = [
    filter.orgRoles,
    filter.modelsSeats,
    filter.weaveAccess,
    filter.statuses,
    filter.accountTypes,
    filter.teams,
  ];
  return (
    (filter.search?.trim() ? 1 : 0) +
    (filter.inactiveDays === undefined ? 0 : 1) +
    groups.filter((group) => (group?.length ?? 0) > 0).length
  );
}
