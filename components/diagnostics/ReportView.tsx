/** The diagnostics report on screen (the dialog and the options page) and its two files. */
import { saveFile } from '@/components/shared/download';
import { type DiagnosticsReport, reportMarkdown } from '@/lib/diagnostics/report';

const RESULT_TEXT = { passed: 'Passed', refused: 'Refused', 'not-tried': 'Not tried' } as const;

export function ReportView({ report }: { report: DiagnosticsReport }) {
  return (
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
        Extension {report.versions.extension}; browser {report.versions.browser}; host {report.versions.host}.
      </p>
    </>
  );
}

/** Saves the report as `wandb-<org>-diagnostics-<day>.json` or `.md`. */
export function saveReport(report: DiagnosticsReport, kind: 'json' | 'md', container: Node): Promise<void> {
  const stem = `wandb-${report.org}-diagnostics-${report.generatedAt.slice(0, 10)}`;
  return saveFile(
    kind === 'json'
      ? {
          fileName: `${stem}.json`,
          mimeType: 'application/json',
          chunks: [`${JSON.stringify(report, null, 2)}\n`],
        }
      : { fileName: `${stem}.md`, mimeType: 'text/markdown', chunks: [reportMarkdown(report)] },
    container,
  );
}
