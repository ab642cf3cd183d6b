import { useCallback, useEffect, useRef, useState } from 'react';
import { type ClassifiedRow, dryRunCsvChunks } from '../../lib/invite/classify';
import { type InviteJob, isFinal, resultsCsvChunks } from '../../lib/jobs/invite-job';
import { sendMessage } from '../../lib/messaging/protocol';
import { DEFAULT_SETTINGS, getSettings, type Settings } from '../../lib/settings';
import { saveFile } from '../shared/download';
import { DirectoryLoadError, loadDirectoryFromBackground } from '../shared/load-directory';
import { BulkInviteDialog, type InviteDirectoryState } from './BulkInviteDialog';

const POLL_MS = 400;
const RECENT_MS = 60 * 60_000;

/** A job worth showing on opening: not finished, or finished within the last hour. */
function isRecent(job: InviteJob): boolean {
  if (job.status !== 'done' && job.status !== 'cancelled') return true;
  const finishedAt = Math.max(0, ...job.units.map((unit) => (unit.at ? Date.parse(unit.at) : 0)));
  return Date.now() - finishedAt < RECENT_MS;
}

function messageOf(error: unknown): string {
  if (error instanceof DirectoryLoadError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * The bulk-invite tool: reads the directory for the dry run, starts the job in the background on
 * confirmation, and follows it (the job keeps running when this dialog, or the tab, is closed;
 * reopening shows it again).
 */
export function InviteTool({ pageUrl, org, onClose }: { pageUrl: string; org: string; onClose(): void }) {
  const [directoryState, setDirectoryState] = useState<InviteDirectoryState>({ status: 'idle' });
  const [job, setJob] = useState<InviteJob | null>(null);
  const [error, setError] = useState<string | null>(null);
  // A pause or cancel the background took while sends were in flight (shown until the job stops).
  const [stopping, setStopping] = useState<'pause' | 'cancel' | null>(null);
  // The options page's defaults (invites at once, allowed domains); the dialog waits for them.
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => {
    getSettings().then(setSettings, () => setSettings({ ...DEFAULT_SETTINGS }));
  }, []);
  const downloads = useRef<HTMLDivElement>(null);
  const loading = useRef<AbortController | null>(null);

  const loadDirectory = useCallback(() => {
    loading.current?.abort();
    const abort = new AbortController();
    loading.current = abort;
    setDirectoryState({ status: 'loading' });
    loadDirectoryFromBackground(pageUrl, () => {}, abort.signal).then(
      (directory) => {
        if (!abort.signal.aborted) setDirectoryState({ status: 'ready', directory });
      },
      (reason: unknown) => {
        if (!abort.signal.aborted) setDirectoryState({ status: 'error', message: messageOf(reason) });
      },
    );
  }, [pageUrl]);

  useEffect(() => {
    loadDirectory();
    sendMessage('inviteLatest', { pageUrl }).then(
      (reply) => {
        // A running or paused job, or one that finished while the dialog was closed, is shown
        // again (with its results); "New bulk invite" leaves it.
        if (reply.ok && reply.data && isRecent(reply.data)) setJob(reply.data);
      },
      () => {},
    );
    return () => loading.current?.abort();
  }, [loadDirectory, pageUrl]);

  // Follow the job while the dialog is open.
  const jobId = job?.id;
  // Final only once every unit is: a cancelled job still settles the sends that were in flight.
  const jobFinal =
    (job?.status === 'done' || job?.status === 'cancelled') && job.units.every((unit) => isFinal(unit.state));
  useEffect(() => {
    if (!jobId || jobFinal) return;
    const timer = setInterval(() => {
      sendMessage('inviteStatus', { pageUrl, inviteJobId: jobId }).then(
        (reply) => {
          if (reply.ok) setJob(reply.data);
        },
        () => {},
      );
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [jobId, jobFinal, pageUrl]);

  const start = useCallback(
    (rows: ClassifiedRow[], options: { concurrency: number }) => {
      setError(null);
      // Returned, so the dialog keeps Confirm disabled until the background has answered.
      return sendMessage('inviteStart', { pageUrl, rows, concurrency: options.concurrency }).then(
        async (reply) => {
          if (!reply.ok) return setError(reply.error.message);
          const status = await sendMessage('inviteStatus', { pageUrl, inviteJobId: reply.data.jobId });
          if (status.ok) setJob(status.data);
        },
        (reason: unknown) => setError(messageOf(reason)),
      );
    },
    [pageUrl],
  );

  const control = useCallback(
    (action: 'pause' | 'resume' | 'cancel' | 'retry-failed') => {
      if (!job) return;
      sendMessage('inviteControl', { pageUrl, inviteJobId: job.id, action })
        .then((reply) => {
          setStopping(reply.ok && (action === 'pause' || action === 'cancel') ? action : null);
          return sendMessage('inviteStatus', { pageUrl, inviteJobId: job.id });
        })
        .then(
          (reply) => {
            if (reply.ok) setJob(reply.data);
          },
          (reason: unknown) => setError(messageOf(reason)),
        );
    },
    [job, pageUrl],
  );

  const download = useCallback((fileName: string, chunks: Iterable<string>) => {
    if (!downloads.current) return;
    saveFile({ fileName, mimeType: 'text/csv;charset=utf-8', chunks }, downloads.current).catch(
      (reason: unknown) => setError(messageOf(reason)),
    );
  }, []);

  if (!settings) return null;
  return (
    <>
      <BulkInviteDialog
        defaultConcurrency={settings.inviteConcurrency}
        defaultAllowedDomains={settings.allowedEmailDomains}
        directoryState={directoryState}
        job={job}
        onLoadDirectory={loadDirectory}
        onClose={onClose}
        onStart={start}
        onDownloadDryRun={(rows) =>
          download(`wandb-${org}-invite-dry-run.csv`, dryRunCsvChunks(rows, { delimiter: ',', bom: true }))
        }
        onPause={() => control('pause')}
        stopping={job?.status === 'running' ? stopping : null}
        onResume={() => control('resume')}
        onCancel={() => control('cancel')}
        onRetryFailed={() => control('retry-failed')}
        onNewJob={() => setJob(null)}
        onDownloadResults={(finished) =>
          download(
            `wandb-${org}-invite-results.csv`,
            resultsCsvChunks(finished, { delimiter: ',', bom: true }),
          )
        }
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
