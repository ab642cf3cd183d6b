import type { ExportActivity, ExportSettings } from './settings';

/** Invites, the kept copy, run activity, format, delimiter, layout and BOM. */
export function OptionsSection({
  id,
  settings,
  update,
  activity,
}: {
  id: string;
  settings: ExportSettings;
  update(change: Partial<ExportSettings>): void;
  activity: ExportActivity | undefined;
}) {
  const csv = settings.format === 'csv';
  return (
    <fieldset className="wbat-section">
      <legend>Options</legend>
      <div className="wbat-row">
        <label className="wbat-check">
          <input
            type="checkbox"
            checked={settings.includeInvites}
            onChange={(event) => update({ includeInvites: event.currentTarget.checked })}
          />
          <span>Include pending invites</span>
        </label>
        <label className="wbat-check">
          <input
            type="checkbox"
            checked={settings.keepCopy}
            onChange={(event) => update({ keepCopy: event.currentTarget.checked })}
          />
          <span>Keep a copy on this device for the next comparison</span>
        </label>
        {activity ? (
          <label className="wbat-check">
            <input
              type="checkbox"
              checked={activity.enabled}
              aria-describedby={`${id}-activity-hint`}
              onChange={(event) => activity.onChange(event.currentTarget.checked)}
            />
            <span>Last activity from run heartbeats (slower)</span>
          </label>
        ) : null}
      </div>
      <div className="wbat-row">
        {activity ? (
          <p id={`${id}-activity-hint`} className="wbat-hint">
            {activity.explanation}
          </p>
        ) : null}
      </div>
      <div className="wbat-groups">
        <RadioGroup
          legend="Format"
          name={`${id}-format`}
          value={settings.format}
          options={[
            ['csv', 'CSV'],
            ['json', 'JSON'],
          ]}
          onChange={(format) => update({ format })}
        />
        <RadioGroup
          legend="Delimiter"
          name={`${id}-delimiter`}
          value={settings.delimiter}
          disabled={!csv}
          options={[
            [',', 'Comma (,)'],
            [';', 'Semicolon (;)'],
          ]}
          onChange={(delimiter) => update({ delimiter })}
        />
        <RadioGroup
          legend="Layout"
          name={`${id}-layout`}
          value={settings.layout}
          options={[
            ['per-member', 'One row per member'],
            ['per-team', 'One row per member and team'],
          ]}
          onChange={(layout) => update({ layout })}
        />
      </div>
      <div className="wbat-row">
        <label className="wbat-check">
          <input
            type="checkbox"
            checked={settings.bom}
            disabled={!csv}
            onChange={(event) => update({ bom: event.currentTarget.checked })}
          />
          <span>Add BOM for Excel</span>
        </label>
      </div>
    </fieldset>
  );
}

function RadioGroup<T extends string>({
  legend,
  name,
  value,
  options,
  disabled = false,
  onChange,
}: {
  legend: string;
  name: string;
  value: T;
  options: readonly (readonly [T, string])[];
  disabled?: boolean;
  onChange(value: T): void;
}) {
  return (
    <fieldset className="wbat-group" disabled={disabled}>
      <legend>{legend}</legend>
      <div className="wbat-choices">
        {options.map(([option, label]) => (
          <label key={option} className="wbat-check">
            <input
              type="radio"
              name={name}
              value={option}
              checked={value === option}
              disabled={disabled}
              onChange={() => onChange(option)}
            />
            <span>{label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
