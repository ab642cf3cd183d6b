import { useId } from 'react';

export interface CheckboxGroupProps {
  /** The group's accessible name (its legend). */
  legend: string;
  /** The values offered; `''` is shown as "(not set)". */
  options: readonly string[];
  /** The ticked values; none ticked means "any". */
  selected: readonly string[];
  onChange(selected: string[]): void;
  /** Scroll inside the group when it is long (teams). */
  scroll?: boolean;
}

/** Shown for an empty value (a role or seat the server did not report, or a pending invite's). */
export const NOT_SET_LABEL = '(not set)';

/** A fieldset of checkboxes, one per value, each named by its value; none ticked means "any". */
export function CheckboxGroup({ legend, options, selected, onChange, scroll = false }: CheckboxGroupProps) {
  const id = useId();
  const chosen = new Set(selected);
  const toggle = (value: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(value);
    else next.delete(value);
    // Kept in the order offered, so the choice reads the same however it was clicked.
    onChange(options.filter((option) => next.has(option)));
  };
  return (
    <fieldset className="wbat-group">
      <legend>{legend}</legend>
      {options.length === 0 ? (
        <p className="wbat-hint">No values to choose from.</p>
      ) : (
        <div className={scroll ? 'wbat-choices wbat-scroll' : 'wbat-choices'}>
          {options.map((value, index) => (
            <label key={value} className="wbat-check" htmlFor={`${id}-${index}`}>
              <input
                id={`${id}-${index}`}
                type="checkbox"
                checked={chosen.has(value)}
                onChange={(event) => toggle(value, event.currentTarget.checked)}
              />
              <span>{value === '' ? NOT_SET_LABEL : value}</span>
            </label>
          ))}
        </div>
      )}
    </fieldset>
  );
}
