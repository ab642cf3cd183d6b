/**
 * Reconcile with IdP (issue 14): an identity provider's user export against the organization's
 * members — orphans, suspended people who still hold a seat, and active people of the allowed
 * domains who are not members — with same-person links for addresses that differ, each list
 * downloadable, and one click from an orphan to the offboarding checklist. Read-only on W&B.
 */
import { useId, useRef, useState } from 'react';
import { offboardLaunch } from '@/lib/offboarding/launch';
import {
  type ReconcileList,
  reconcileCsvChunks,
  reconcileFileName,
  reconcileJsonChunks,
} from '@/lib/reconcile/export';
import { IDP_FORMAT_LABELS } from '@/lib/reconcile/read';
import { ModalDialog, plural } from '../dialog';
import { saveFile } from '../shared/download';
import type { ToolProps } from '../shared/tool';
import { InputSection } from './InputSection';
import { LinksSection } from './LinksSection';
import { ReadSummary } from './ReadSummary';
import { ResultLists } from './ResultLists';
import { type ReconcileState, useReconcile } from './useReconcile';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

function DirectoryLine({ state }: { state: ReconcileState }) {
  const { directory } = state;
  if (directory.status === 'error')
    return (
      <p className="wbat-error" role="alert">
        The members could not be read: {directory.message}
      </p>
    );
  if (directory.status === 'loading')
    return (
      <div className="wbat-loading" role="status">
        <progress
          aria-label="Loading members"
          {...(directory.progress
            ? { value: directory.progress.done, max: Math.max(1, directory.progress.total) }
            : {})}
        />
        <span>Reading the organization’s members…</span>
      </div>
    );
  return (
    <p className="wbat-hint">
      {plural(directory.members.length, 'member', 'members')} read from W&B.
      {directory.teamScope
        ? ` This is the page of the team ${directory.teamScope}: only its members are reconciled, so everyone else in the export shows as not a member. Open it from the organization's Members page to reconcile the whole organization.`
        : ''}
      {directory.complete
        ? ''
        : ' Only the teams visible to you were read: members outside them cannot be reconciled, and people of the export in those teams show as not members.'}
    </p>
  );
}

export function ReconcileTool({ pageUrl, org, onClose, onOpenTool }: ToolProps) {
  const id = useId();
  const state = useReconcile(pageUrl);
  const downloads = useRef<HTMLDivElement>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const { outcome, reading } = state;
  const source = reading.read?.ok ? reading.read : null;

  const download = (list: ReconcileList | 'all', format: 'csv' | 'json') => {
    if (!outcome || !source || !downloads.current) return;
    const now = new Date();
    const input = reading.input;
    const chunks =
      format === 'csv'
        ? reconcileCsvChunks(outcome.result, list, { delimiter: ',', bom: true })
        : reconcileJsonChunks(outcome.result, list, {
            org,
            host: new URL(pageUrl).host,
            source: input && 'file' in input ? input.file.name : 'pasted text',
            format: IDP_FORMAT_LABELS[source.format],
            exportedAt: now,
          });
    setSaveError(null);
    saveFile(
      {
        fileName: reconcileFileName(org, list, format, now),
        mimeType: format === 'csv' ? 'text/csv' : 'application/json',
        chunks,
      },
      downloads.current,
    ).catch((error: unknown) => setSaveError(`The file could not be saved: ${messageOf(error)}`));
  };

  return (
    <ModalDialog title="Reconcile with IdP" subtitle={`Organization ${org}`} onClose={onClose}>
      <div className="wbat-dialog-body">
        <p>
          Compare a user export of your identity provider with W&B’s members: matched by email (case and
          spaces ignored; dots and +tags are not), with links you make for people whose addresses differ.
          Nothing is changed on W&B.
        </p>
        <DirectoryLine state={state} />
        <InputAndOptions id={id} state={state} />
        {state.matching ? (
          <div className="wbat-loading" role="status">
            <progress aria-label="Matching" />
            <span>Matching the export with the members…</span>
          </div>
        ) : null}
        {state.matchError ? (
          <p className="wbat-error" role="alert">
            {state.matchError}
          </p>
        ) : null}
        {outcome && source ? (
          <>
            <ReadSummary source={source} summary={outcome.read} />
            <ResultLists
              result={outcome.result}
              onOffboard={(username) => onOpenTool('offboard', offboardLaunch.member(username))}
              onLink={state.links.link}
              onDownload={download}
            />
          </>
        ) : null}
        {saveError ? (
          <p className="wbat-error" role="alert">
            {saveError}
          </p>
        ) : null}
        <LinksSection
          links={state.links.links}
          uses={outcome?.result.links ?? null}
          error={state.links.linkError}
          onUnlink={state.links.unlink}
        />
        <div ref={downloads} hidden />
      </div>
    </ModalDialog>
  );
}

function InputAndOptions({ id, state }: { id: string; state: ReconcileState }) {
  return (
    <>
      <InputSection id={id} state={state} />
      <div className="wbat-row">
        <label htmlFor={`${id}-domains`}>Allowed email domains</label>
        <input
          id={`${id}-domains`}
          className="wbat-input"
          value={state.domainsText}
          placeholder="example.com, example.org"
          aria-describedby={`${id}-domains-hint`}
          onChange={(event) => state.setDomainsText(event.currentTarget.value)}
        />
        <span id={`${id}-domains-hint`} className="wbat-hint">
          From the options; people of the export outside them are not listed as missing members.
        </span>
      </div>
    </>
  );
}
