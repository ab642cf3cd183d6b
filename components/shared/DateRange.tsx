/**
 * A From / To pair of day fields (both days included, as the filters read them): each bounds the
 * other, so the picker never offers an end before the start. `field` makes the ids.
 */
export function DateRange({
  field,
  from,
  to,
  onChange,
}: {
  field(name: string): string;
  from: string;
  to: string;
  onChange(change: { from?: string; to?: string }): void;
}) {
  return (
    <>
      <label htmlFor={field('from')}>From</label>
      <input
        id={field('from')}
        type="date"
        className="wbat-input"
        value={from}
        max={to || undefined}
        onChange={(event) => onChange({ from: event.currentTarget.value })}
      />
      <label htmlFor={field('to')}>To</label>
      <input
        id={field('to')}
        type="date"
        className="wbat-input"
        value={to}
        min={from || undefined}
        onChange={(event) => onChange({ to: event.currentTarget.value })}
      />
    </>
  );
}
