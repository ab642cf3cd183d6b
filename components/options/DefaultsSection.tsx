import { type FormEvent, useEffect, useId, useState } from 'react';
import type { Settings } from '@/lib/settings';

export interface DefaultsSectionProps {
  settings: Settings;
  /** Saves the settings; resolves with an error message, or null when saved. */
  onSave(settings: Settings): Promise<string | null>;
}

/** Invite concurrency, allowed email domains, inactivity threshold, keep last export. */
export function DefaultsSection({ settings, onSave }: DefaultsSectionProps) {
  const [concurrency, setConcurrency] = useState(String(settings.inviteConcurrency));
  const [domains, setDomains] = useState(settings.allowedEmailDomains.join('\n'));
  const [days, setDays] = useState(String(settings.inactivityDays));
  const [keepExport, setKeepExport] = useState(settings.keepLastExport);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const ids = { concurrency: useId(), domains: useId(), days: useId(), keep: useId() };

  useEffect(() => {
    setConcurrency(String(settings.inviteConcurrency));
    setDomains(settings.allowedEmailDomains.join('\n'));
    setDays(String(settings.inactivityDays));
    setKeepExport(settings.keepLastExport);
  }, [settings]);

  async function save(event: FormEvent) {
    event.preventDefault();
    const inviteConcurrency = Number(concurrency);
    const inactivityDays = Number(days);
    if (!Number.isInteger(inviteConcurrency) || inviteConcurrency < 1 || inviteConcurrency > 16) {
      setMessage({ error: true, text: 'Invite concurrency must be a whole number from 1 to 16.' });
      return;
    }
    if (!Number.isInteger(inactivityDays) || inactivityDays < 1 || inactivityDays > 3650) {
      setMessage({
        error: true,
        text: 'The inactivity threshold must be a whole number of days from 1 to 3650.',
      });
      return;
    }
    const allowedEmailDomains = domains
      .split(/[\s,;]+/)
      .map((d) => d.trim().replace(/^@/, ''))
      .filter((d) => d !== '');
    const error = await onSave({
      inviteConcurrency,
      allowedEmailDomains,
      inactivityDays,
      keepLastExport: keepExport,
    });
    setMessage(error ? { error: true, text: error } : { error: false, text: 'Defaults saved.' });
  }

  return (
    <section aria-labelledby="defaults-heading" className="opt-section">
      <h2 id="defaults-heading">Defaults</h2>
      <form className="opt-form" onSubmit={save} aria-label="Defaults" noValidate>
        <label htmlFor={ids.concurrency}>Invite concurrency (1–16)</label>
        <input
          id={ids.concurrency}
          type="number"
          min={1}
          max={16}
          step={1}
          value={concurrency}
          onChange={(event) => setConcurrency(event.target.value)}
        />
        <label htmlFor={ids.domains}>
          Allowed email domains for bulk invite (one per line; empty allows all)
        </label>
        <textarea
          id={ids.domains}
          rows={3}
          value={domains}
          onChange={(event) => setDomains(event.target.value)}
        />
        <label htmlFor={ids.days}>Inactivity threshold (days)</label>
        <input
          id={ids.days}
          type="number"
          min={1}
          max={3650}
          step={1}
          value={days}
          onChange={(event) => setDays(event.target.value)}
        />
        <label className="opt-check" htmlFor={ids.keep}>
          <input
            id={ids.keep}
            type="checkbox"
            checked={keepExport}
            onChange={(event) => setKeepExport(event.target.checked)}
          />
          Keep the last export on this device
        </label>
        <button type="submit" className="opt-button opt-primary">
          Save defaults
        </button>
      </form>
      {message ? (
        message.error ? (
          <p className="opt-error" role="alert">
            {message.text}
          </p>
        ) : (
          <output className="opt-ok">{message.text}</output>
        )
      ) : null}
    </section>
  );
}
