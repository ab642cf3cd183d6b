/** Audit log: reads the log through the background when opened, and saves what the admin downloads. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { sendMessage } from '@/lib/messaging/protocol';
import { reportFailure } from '@/lib/report';
import { type SavedFile, saveFile } from '../shared/download';
import type { ToolProps } from '../shared/tool';
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
  return (
    <>
      <AuditLogDialog state={state} saveError={saveError} onSave={save} onClose={onClose} />
      <div ref={downloads} hidden />
    </>
  );
}
