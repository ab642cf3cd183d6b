/**
 * Time-bound access: a last day of access on members (contractors, interns), kept on this device
 * per host and org. The background watches the dates (an alarm, the toolbar badge, the bar); here
 * the admin sets, changes and removes them, and hands an expired member to the offboarding
 * checklist in one click.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { expiryCsvChunks } from '@/lib/access-expiry/csv';
import type { AccessExpiry } from '@/lib/access-expiry/messages';
import { localDay } from '@/lib/access-expiry/model';
import { type Result, sendMessage } from '@/lib/messaging/protocol';
import { offboardLaunch } from '@/lib/offboarding/launch';
import type { DirectoryMember, LoadProgress } from '@/lib/wandb/directory';
import { ModalDialog } from '../dialog';
import { saveFile } from '../shared/download';
import { loadDirectoryFromBackground } from '../shared/load-directory';
import type { ToolProps } from '../shared/tool';
import { ExpiryForm, type ExpiryMember, MemberPicker } from './ExpiryForm';
import { ExpiryList } from './ExpiryList';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The member directory for the picker, read once per dialog with its progress. */
function useDirectory(pageUrl: string) {
  const [members, setMembers] = useState<DirectoryMember[] | null>(null);
  const [progress, setProgress] = useState<LoadProgress | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    loadDirectoryFromBackground(pageUrl, setProgress, abort.signal).then(
      (read) => setMembers(read.members),
      (reason: unknown) => {
        if (!abort.signal.aborted) setLoadError(messageOf(reason));
      },
    );
    return () => abort.abort();
  }, [pageUrl]);
  return { members, progress, loadError };
}

export function TimeBoundAccessDialog({
  pageUrl,
  org,
  onClose,
  onOpenTool,
}: Pick<ToolProps, 'pageUrl' | 'org' | 'onClose' | 'onOpenTool'>) {
  const directory = useDirectory(pageUrl);
  const [entries, setEntries] = useState<AccessExpiry[] | null>(null);
  const [member, setMember] = useState<ExpiryMember | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const downloads = useRef<HTMLDivElement>(null);

  /** One request; its reply replaces the list, or its error is shown. Resolves whether it succeeded. */
  const call = useCallback(async (send: () => Promise<Result<AccessExpiry[]>>): Promise<boolean> => {
    setError(null);
    try {
      const reply = await send();
      if (!reply.ok) {
        setError(reply.error.message);
        return false;
      }
      setEntries(reply.data);
      return true;
    } catch (reason) {
      setError(messageOf(reason));
      return false;
    }
  }, []);

  useEffect(() => {
    void call(() => sendMessage('accessExpiryList', { pageUrl }));
  }, [call, pageUrl]);

  const choose = (next: ExpiryMember | null) => {
    setMember(next);
    setError(null);
    setSaved(null);
  };
  const existing = member ? entries?.find((e) => e.username === member.username) : undefined;

  async function save(lastDay: string, note: string) {
    if (!member) return;
    const ok = await call(() => sendMessage('accessExpirySet', { pageUrl, ...member, lastDay, note }));
    if (ok) {
      setSaved(`${member.username}’s last day of access is ${lastDay}.`);
      setMember(null);
    }
  }
  async function remove() {
    if (!member) return;
    const ok = await call(() => sendMessage('accessExpiryRemove', { pageUrl, username: member.username }));
    if (ok) {
      setSaved(`${member.username}’s last day of access was removed.`);
      setMember(null);
    } else throw new Error('not removed');
  }
  function download() {
    if (!downloads.current || !entries) return;
    const day = localDay(Date.now());
    void saveFile(
      {
        fileName: `wandb-${org}-access-expiry-${day}.csv`,
        mimeType: 'text/csv',
        chunks: expiryCsvChunks(entries, { delimiter: ',', bom: true }),
      },
      downloads.current,
    ).catch((reason: unknown) => setError(messageOf(reason)));
  }

  return (
    <ModalDialog title="Time-bound access" subtitle={`Organization ${org}`} onClose={onClose}>
      <div className="wbat-dialog-body">
        <p>
          A last day of access for contractors and interns, kept on this device. When it passes, the toolbar
          badge and the bar count the member, and one click opens their offboarding checklist. Nothing is
          changed on W&B until you offboard them.
        </p>
        {saved ? <p role="status">{saved}</p> : null}
        {member ? (
          <ExpiryForm
            key={member.username}
            member={member}
            existing={existing}
            error={error}
            onSave={save}
            onRemove={remove}
            onCancel={() => choose(null)}
          />
        ) : (
          <section className="wbat-section" aria-label="Set a last day of access">
            <h3 className="wbat-section-title">Set a last day of access</h3>
            <MemberPicker {...directory} onPick={choose} />
            {error ? (
              <p className="wbat-error" role="alert">
                {error}
              </p>
            ) : null}
          </section>
        )}
        {entries === null ? (
          <p role="status">Reading the dates kept on this device…</p>
        ) : (
          <ExpiryList
            entries={entries}
            onEdit={(e) => choose({ username: e.username, name: e.name, email: e.email })}
            onOffboard={(username) => onOpenTool('offboard', offboardLaunch.member(username))}
          />
        )}
        {entries && entries.length > 0 ? (
          <p>
            <button type="button" className="wbat-button" onClick={download}>
              Download the list (CSV)
            </button>
          </p>
        ) : null}
        <div ref={downloads} hidden />
      </div>
    </ModalDialog>
  );
}
