/**
 * Audit log: reads the log through the background when opened, offers W&B's own audit log (read
 * with the admin key, window by window) as a second source, and saves what the admin downloads.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { sendMessage } from '@/lib/messaging/protocol';
import { reportFailure } from '@/lib/report';
import { type SavedFile, saveFile } from '../shared/download';
import type { ToolProps } from '../shared/tool';
import { readWandbAuditEntries } from '../shared/wandb-audit';
import { AuditLogDialog, type AuditLogState } from './AuditLogDialog';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function AuditLogTool({ pageUrl, onClose }: Pick<ToolProps, 'pageUrl' | 'onClose'>) {
  const [state, setState] = useState<AuditLogState>({ status: 'loading' });
  const [saveError, setSaveError] = useState<string | null>(null);
  const downloads = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let live = true;
    sendMessage('auditEntries', { pageUrl }).then(
      (reply) => {
        if (!live) return;
        setState(
          reply.ok ? { status: 'ready', log: reply.data } : { status: 'error', message: reply.error.message },
        );
      },
      (error: unknown) => {
        reportFailure('audit', error);
        if (live) setState({ status: 'error', message: messageOf(error) });
      },
    );
    return () => {
      live = false;
    };
  }, [pageUrl]);
  const save = useCallback((file: SavedFile) => {
    if (!downloads.current) return;
    setSaveError(null);
    saveFile(file, downloads.current).catch((error: unknown) =>
      setSaveError(`The file could not be saved: ${messageOf(error)}`),
    );
  }, []);
  const readWandb = useCallback(
    (days: number, onProgress: (done: number, total: number) => void, signal: AbortSignal) =>
      readWandbAuditEntries(pageUrl, days, onProgress, signal),
    [pageUrl],
  );
  return (
    <>
      <AuditLogDialog
        state={state}
        saveError={saveError}
        readWandb={readWandb}
        onSave={save}
        onClose={onClose}
      />
      <div ref={downloads} hidden />
    </>
  );
}
