import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { ReportView, saveReport } from '@/components/diagnostics/ReportView';
import type { DiagnosticsReport } from '@/lib/diagnostics/report';
import type { Result } from '@/lib/messaging/protocol';

export interface DiagnosticsSectionProps {
  /** wandb.ai and the added hosts (origins). */
  hosts: string[];
  /** The organization to fill in first (the admin key's, where one is kept). */
  defaultOrg: string;
  onRun(appOrigin: string, org: string): Promise<Result<DiagnosticsReport>>;
}

/** The Diagnostics report for a chosen host and organization, as the bar's More → Diagnostics gives it on a page. */
export function DiagnosticsSection({ hosts, defaultOrg, onRun }: DiagnosticsSectionProps) {
  const [host, setHost] = useState(hosts[0] ?? 'https://wandb.ai');
  const [org, setOrg] = useState(defaultOrg);
  const [running, setRunning] = useState(false);
  const [report, setReport] = useState<DiagnosticsReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const downloads = useRef<HTMLDivElement>(null);
  // The key's organization arrives after the first render; fill it in unless the admin typed one.
  useEffect(() => {
    setOrg((typed) => (typed === '' ? defaultOrg : typed));
  }, [defaultOrg]);
  const hostId = useId();
  const orgId = useId();

  async function run(event: FormEvent) {
    event.preventDefault();
    setRunning(true);
    setError(null);
    const result = await onRun(host, org.trim());
    setRunning(false);
    if (result.ok) setReport(result.data);
    else setError(result.error.message);
  }

  return (
    <section aria-labelledby="diagnostics-heading" className="opt-section">
      <h2 id="diagnostics-heading">Diagnostics</h2>
      <p className="opt-help">
        When something does not work on your W&B, run the read-only checks and send us the report. Only
        queries and SCIM reads are sent; the report holds no member data and the admin key only as its last 4
        characters. You must be signed in to the host in this browser.
      </p>
      <form className="opt-form" aria-label="Run diagnostics" onSubmit={(event) => void run(event)}>
        <label htmlFor={hostId}>W&B host</label>
        <select id={hostId} value={host} onChange={(event) => setHost(event.target.value)}>
          {hosts.map((origin) => (
            <option key={origin} value={origin}>
              {new URL(origin).host}
            </option>
          ))}
        </select>
        <label htmlFor={orgId}>Organization</label>
        <input id={orgId} value={org} required onChange={(event) => setOrg(event.target.value)} />
        <button type="submit" className="opt-button" disabled={running || org.trim() === ''}>
          Run the checks
        </button>
      </form>
      {running ? (
        <p role="status">
          <progress aria-label="Running the checks" /> Running the checks…
        </p>
      ) : null}
      {error ? <p role="alert">{error}</p> : null}
      {report ? (
        <section aria-label="Diagnostics report">
          <ReportView report={report} />
          <button
            type="button"
            className="opt-button"
            onClick={() => void saveReport(report, 'json', downloads.current ?? document.body)}
          >
            Download report (JSON)
          </button>{' '}
          <button
            type="button"
            className="opt-button"
            onClick={() => void saveReport(report, 'md', downloads.current ?? document.body)}
          >
            Download report (Markdown)
          </button>
        </section>
      ) : null}
      <div ref={downloads} />
    </section>
  );
}
