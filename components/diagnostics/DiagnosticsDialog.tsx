/**
 * Diagnostics: runs the read-only checks against this page's W&B host and shows the report, with
 * JSON and Markdown downloads to send to support. Nothing is changed on W&B.
 */
import { useRef, useState } from 'react';
import type { ToolProps } from '@/components/shared/tool';
import type { DiagnosticsReport } from '@/lib/diagnostics/report';
import { sendMessage } from '@/lib/messaging/protocol';
import { ModalDialog } from '../dialog';
import { ReportView, saveReport } from './ReportView';

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
    if (report && downloads.current) await saveReport(report, kind, downloads.current);
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
        {report ? <ReportView report={report} /> : null}
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
