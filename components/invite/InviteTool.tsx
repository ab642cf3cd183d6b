import { useCallback, useEffect, useRef, useState } from 'react';
import { dryRunCsvChunks } from '@/lib/invite/dry-run';
import { inviteFileName } from '@/lib/invite/file-names';
import { resultsCsvChunks } from '@/lib/invite/job';
import { sendMessage } from '@/lib/messaging/protocol';
import { reportFailure } from '@/lib/report';
import { DEFAULT_SETTINGS, getSettings, type Settings } from '@/lib/settings';
import { saveFile } from '../shared/download';
import type { ToolProps } from '../shared/tool';
import { BulkInviteDialog } from './BulkInviteDialog';
import { useDirectoryForDryRun } from './useDirectoryForDryRun';
import { messageOf, useInviteRun } from './useInviteRun';

/**
 * The bulk-invite tool: reads the directory for the dry run, starts the job in the background on
 * confirmation, and follows it (the job keeps running when this dialog, or the tab, is closed;
 * reopening shows it again).
 */
export function InviteTool({ pageUrl, org, onClose }: Pick<ToolProps, 'pageUrl' | 'org' | 'onClose'>) {
  const [error, setError] = useState<string | null>(null);
  const { directoryState, loadDirectory } = useDirectoryForDryRun(pageUrl);
  const job = useInviteRun(pageUrl, setError);
  // The options page's defaults (invites at once, allowed domains); the dialog waits for them.
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => {
    getSettings().then(setSettings, (reason: unknown) => {
      reportFailure('invite', reason);
      setSettings({ ...DEFAULT_SETTINGS });
    });
  }, []);
  // Whether the admin key works here: rows with the org role admin are then created through SCIM.
  const [orgRolesByKey, setOrgRolesByKey] = useState<boolean | null>(null);
  useEffect(() => {
    sendMessage('capabilities', { appOrigin: new URL(pageUrl).origin }).then(
      (reply) => setOrgRolesByKey(reply.ok && reply.data.capabilities['set-org-role'].transport === 'key'),
      (reason: unknown) => {
        reportFailure('invite', reason);
        setOrgRolesByKey(false);
      },
    );
  }, [pageUrl]);
  const downloads = useRef<HTMLDivElement>(null);

  const download = useCallback((fileName: string, chunks: Iterable<string>) => {
    if (!downloads.current) return;
    saveFile({ fileName, mimeType: 'text/csv;charset=utf-8', chunks }, downloads.current).catch(
      (reason: unknown) => setError(messageOf(reason)),
    );
  }, []);
  const { fullJob } = job;
  const downloadResults = useCallback(
    (jobId: string) =>
      // The one read of the whole job: its rows make the results file.
      fullJob(jobId).then(
        (finished) =>
          download(
            inviteFileName(org, 'results', new Date()),
            resultsCsvChunks(finished, { delimiter: ',', bom: true }),
          ),
        (reason: unknown) => setError(messageOf(reason)),
      ),
    [fullJob, download, org],
  );

  if (!settings || orgRolesByKey === null) return null;
  return (
    <>
      <BulkInviteDialog
        defaultConcurrency={settings.inviteConcurrency}
        defaultAllowedDomains={settings.allowedEmailDomains}
        orgRolesByKey={orgRolesByKey}
        directoryState={directoryState}
        job={job.run}
        onLoadDirectory={loadDirectory}
        onClose={onClose}
        onStart={(rows, options) => {
          setError(null);
          return job.start(rows, options);
        }}
        onDownloadDryRun={(rows) =>
          download(
            inviteFileName(org, 'dry-run', new Date()),
            dryRunCsvChunks(rows, { delimiter: ',', bom: true }),
          )
        }
        onPause={() => job.control('pause')}
        stopping={job.stopping}
        onResume={() => job.control('resume')}
        onCancel={() => job.control('cancel')}
        onRetryFailed={() => job.control('retry-failed')}
        onSendRest={() => job.control('send-rest')}
        onLoadJob={fullJob}
        onNewJob={job.leave}
        onDownloadResults={(run) => {
          void downloadResults(run.id);
        }}
      />
      {error ? (
        <div className="wbat-toast wbat-error" role="alert">
          {error}
        </div>
      ) : null}
      <div ref={downloads} hidden />
    </>
  );
}
