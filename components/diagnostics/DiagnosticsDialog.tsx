/**
 * Diagnostics: runs the read-only checks against this page's W&B host and shows the report, with
 * JSON and Markdown downloads to send to support. Nothing is changed on W&B.
 */
import { useRef, useState } from 'react';
import { saveFile } from '@/components/shared/download';
import type { ToolProps } from '@/components/shared/tool';
import { type DiagnosticsReport, reportMarkdown } from '@/lib/diagnostics/report';
import { sendMessage } from '@/lib/messaging/protocol';
import { ModalDialog } from '../dialog';

const RESULT_TEXT = { passed: 'Passed', refused: 'Refused', 'not-tried': 'Not tried' } as const;

export function DiagnosticsDialog({ pageUrl, org, onClose }: Pick<ToolProps, 'pageUrl' | 'org' | 'onClose'>) {
  const [report, setReport] = useState<DiagnosticsReport | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const downloads = useRef<HTMLDivElement>(null);

  async function run() {
    setRunning(true);
    setError(null);
    try {
      const reply = await sendMessage('diagnosticsRun', { pageUrl });
      if (reply.ok) setReport(reply.data);
      else setError(reply.error.message);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setRunning(false);
    }
  }

  async function download(kind: 'json' | 'md') {
    if (!report || !downloads.current) return;
    const day = report.generatedAt.slice(0, 10);
    await saveFile(
      kind === 'json'
        ? {
            fileName: `wandb-${org}-diagnostics-${day}.json`,
            mimeType: 'application/json',
            chunks: [`${JSON.stringify(report, null, 2)}\n`],
          }
        : {
            fileName: `wandb-${org}-diagnostics-${day}.md`,
            mimeType: 'text/markdown',
            chunks: [reportMarkdown(report)],
          },
      downloads.current,
    );
  }

  return (
    <ModalDialog title="Diagnostics" subtitle={`Organization ${org}`} onClose={onClose}>
      <div className="wbat-dialog-body">
        <p>
          Asks this W&B host every read the toolkit relies on, one at a time, and reports what it answers.
          Only queries and SCIM reads are sent: nothing is changed. The report holds no member data, no email
          but yours, and the admin key only as its last 4 characters.
        </p>
        {running ? (
          <p role="status" aria-live="polite">
            <progress aria-label="Running the checks" /> Running the checks…
          </p>
        ) : null}
        {error ? (
          <p className="wbat-error" role="alert">
            {error}
          </p>
        ) : null}
        {report ? (
          <>
            <p role="status">
              Directory on this host: {report.directoryStrategy}. Admin key:{' '}
              {report.key ? `****${report.key.last4}` : 'none for this host'}.
            </p>
            <div className="wbat-table-wrap">
              <table className="wbat-table" aria-label="Diagnostics checks">
                <thead>
                  <tr>
                    <th scope="col">Check</th>
                    <th scope="col">Result</th>
                    <th scope="col">What W&B answered</th>
                    <th scope="col">ms</th>
                  </tr>
                </thead>
                <tbody>
                  {report.checks.map((check) => (
                    <tr key={check.id}>
                      <th scope="row">{check.label}</th>
                      <td>{RESULT_TEXT[check.status]}</td>
                      <td>{check.detail}</td>
                      <td>{check.ms ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p>
              Extension {report.versions.extension}; browser {report.versions.browser}; host{' '}
              {report.versions.host}.
            </p>
          </>
        ) : null}
        <div ref={downloads} />
      </div>
      <div className="wbat-dialog-footer">
        <button
          type="button"
          className="wbat-button wbat-primary"
          disabled={running}
          onClick={() => void run()}
        >
          {report ? 'Run the checks again' : 'Run the checks'}
        </button>
        <button
          type="button"
          className="wbat-button"
          disabled={!report}
          onClick={() => void download('json')}
        >
          Download report (JSON)
        </button>
        <button type="button" className="wbat-button" disabled={!report} onClick={() => void download('md')}>
          Download report (Markdown)
        </button>
      </div>
    </ModalDialog>
  );
}
