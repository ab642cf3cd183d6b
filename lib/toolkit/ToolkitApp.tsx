import { useCallback, useEffect, useState } from 'react';
import { ToolkitBar } from '../../components/ToolkitBar';
import { sendMessage } from '../messaging/protocol';
import type { OffboardingCase } from '../offboarding/model';
import type { DirectorySummary } from '../wandb/directory';
import { ExportTool } from './export/ExportTool';
import { InviteTool } from './invite/InviteTool';
import { OffboardTool } from './offboard/OffboardTool';
import { useSummary } from './summary';

type Tool = 'export' | 'invite' | 'offboard';

/** The container of the toolkit bar: background data in, the presentational bar and tools out. */
export function ToolkitApp({ pageUrl, signInUrl }: { pageUrl: string; signInUrl: string }) {
  const { state, retry } = useSummary(pageUrl);
  const [open, setOpen] = useState<Tool | null>(null);
  const [openCases, setOpenCases] = useState(0);
  const onCasesChanged = useCallback(
    (cases: OffboardingCase[]) => setOpenCases(cases.filter((c) => c.status === 'open').length),
    [],
  );
  const ready = state.status === 'ready';
  useEffect(() => {
    if (!ready) return;
    sendMessage('offboardCases', { pageUrl }).then(
      (reply) => {
        if (reply.ok) onCasesChanged(reply.data);
      },
      () => {},
    );
  }, [ready, pageUrl, onCasesChanged]);
  return (
    <>
      <ToolkitBar
        state={state}
        signInUrl={signInUrl}
        onRetry={retry}
        tools={
          <>
            <button
              type="button"
              className="wbat-button"
              aria-haspopup="dialog"
              onClick={() => setOpen('invite')}
            >
              Bulk invite
            </button>
            <button
              type="button"
              className="wbat-button"
              aria-haspopup="dialog"
              onClick={() => setOpen('export')}
            >
              Export members
            </button>
            <button
              type="button"
              className="wbat-button"
              aria-haspopup="dialog"
              onClick={() => setOpen('offboard')}
            >
              Offboard member
            </button>
            {openCases > 0 ? (
              <output className="wbat-count" aria-label="Open offboarding cases">
                {openCases} open offboarding {openCases === 1 ? 'case' : 'cases'}
              </output>
            ) : null}
          </>
        }
      />
      {open === 'export' && state.status === 'ready' ? (
        <ExportTool pageUrl={pageUrl} summary={state.summary} onClose={() => setOpen(null)} />
      ) : null}
      {open === 'offboard' && state.status === 'ready' ? (
        <OffboardTool
          pageUrl={pageUrl}
          org={orgName(state.summary)}
          onClose={() => setOpen(null)}
          onCasesChanged={onCasesChanged}
        />
      ) : null}
      {open === 'invite' && state.status === 'ready' ? (
        <InviteTool pageUrl={pageUrl} org={orgName(state.summary)} onClose={() => setOpen(null)} />
      ) : null}
    </>
  );
}

function orgName(summary: DirectorySummary): string {
  return (
    summary.org?.name ?? (summary.scope.kind === 'org' ? summary.scope.org : (summary.scope.org ?? 'org'))
  );
}
