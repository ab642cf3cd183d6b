import { type FormEvent, useId, useState } from 'react';

export interface HostsSectionProps {
  /** Added hosts (origins); wandb.ai is built in and not listed. */
  hosts: string[];
  /**
   * Adds a host. Called straight from the click (the browser asks for the host's permission only
   * during a user gesture); resolves with an error message, or the origin as parsed when it was added.
   */
  onAdd(input: string): Promise<{ error: string } | { origin: string }>;
  onRemove(origin: string): Promise<void>;
}

/** Dedicated and self-managed W&B hosts. */
export function HostsSection({ hosts, onAdd, onRemove }: HostsSectionProps) {
  const [input, setInput] = useState('');
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const inputId = useId();

  function add(event: FormEvent) {
    event.preventDefault();
    // No await before onAdd: the permission request must run inside this click.
    onAdd(input).then((outcome) => {
      if ('error' in outcome) setMessage({ error: true, text: outcome.error });
      else {
        setMessage({
          error: false,
          text: `Added ${new URL(outcome.origin).host}. Open or reload its admin pages to see the toolkit.`,
        });
        setInput('');
      }
    });
  }

  return (
    <section aria-labelledby="hosts-heading" className="opt-section">
      <h2 id="hosts-heading">W&B hosts</h2>
      <p className="opt-help">
        wandb.ai is built in. Add a dedicated or self-managed W&B host (for example https://acme.wandb.io);
        the browser asks you to allow access to it, and the toolkit then appears on its admin pages. Its API
        is <code>&lt;host&gt;/graphql</code> and SCIM <code>&lt;host&gt;/scim/</code>.
      </p>
      <ul aria-label="Added hosts" className="opt-list">
        <li>wandb.ai (built in)</li>
        {hosts.map((origin) => (
          <li key={origin}>
            {new URL(origin).host}{' '}
            <button
              type="button"
              className="opt-button"
              aria-label={`Remove ${new URL(origin).host}`}
              onClick={() => void onRemove(origin)}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
      <form className="opt-form opt-inline" onSubmit={add} aria-label="Add a W&B host">
        <label htmlFor={inputId}>Host address</label>
        <input
          id={inputId}
          value={input}
          placeholder="https://acme.wandb.io"
          onChange={(event) => setInput(event.target.value)}
        />
        <button type="submit" className="opt-button opt-primary">
          Add host
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
