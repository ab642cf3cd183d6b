import { useId } from 'react';
import type { ClassifiedRow } from '@/lib/invite/classify';
import type { InviteJob } from '@/lib/invite/job';
import type { InviteRun } from '@/lib/invite/progress';
import { reportFailure } from '@/lib/report';
import { ModalDialog, plural } from '../dialog';
import { ConfirmSend } from './ConfirmSend';
import { DryRunScreen } from './DryRunScreen';
import { InputScreen } from './InputScreen';
import { RunScreen } from './RunScreen';
import type { InviteDirectoryState } from './useDirectoryForDryRun';
import { type InviteInputState, useInviteInput } from './useInviteInput';

export type { InviteDirectoryState };

/**
 * Presentational: props in, callbacks out. Parsing and classifying are pure (`lib/invite`) and
 * run in the dialog's state hook (./useInviteInput.ts); the caller loads the directory, runs the
 * job in the background and passes its counts back as `job`, which switches to the Run step.
 */
export interface BulkInviteDialogProps {
  directoryState: InviteDirectoryState;
  /** The job of this org (its counts), running or finished; null before one is started. */
  job: InviteRun | null;
  /** The clock for the ETA (tests pin it); default `Date.now()` at render. */
  now?: number;
  onLoadDirectory(): void;
  onClose(): void;
  /** Confirmed: start a job for these rows (only `new` rows send anything); Confirm stays disabled until a returned promise settles. */
  onStart(rows: ClassifiedRow[], options: { concurrency: number }): Promise<unknown> | undefined;
  /** Invites sent at once, before the admin changes it (default 4; the options page sets it). */
  defaultConcurrency?: number;
  /** The allowed email domains the dialog starts with (the options page sets them). */
  defaultAllowedDomains?: readonly string[];
  onDownloadDryRun(rows: ClassifiedRow[]): void;
  onPause(): void;
  /**
   * A pause or cancel the background has taken while the job still runs: the invites already sent
   * finish first, and the dialog says so until the job's status changes.
   */
  stopping?: 'pause' | 'cancel' | null;
  onResume(): void;
  onCancel(): void;
  onRetryFailed(): void;
  /** Sends what a cancel left unsent. */
  onSendRest?(): void;
  /** Reads the whole job, for the run step's rows table. */
  onLoadJob?(jobId: string): Promise<InviteJob>;
  /** The results file: the caller reads the whole job for it. */
  onDownloadResults(job: InviteRun): void;
  /** Leave a finished job's results and start over with new input; absent hides the button. */
  onNewJob?(): void;
  /** A working admin key for this host: rows with the org role admin are created through SCIM. */
  orgRolesByKey?: boolean;
}

/** "3 invites", "1 SCIM creation", or both: what Send sends. */
export function sendWhat({ invites, scimPeople }: { invites: number; scimPeople: number }): string {
  const scim = plural(scimPeople, 'SCIM creation', 'SCIM creations');
  if (scimPeople === 0) return plural(invites, 'invite', 'invites');
  return invites === 0 ? scim : `${plural(invites, 'invite', 'invites')} and ${scim}`;
}

/** The Bulk invite dialog: Input → Dry run (→ confirm) → Run. */
export function BulkInviteDialog(props: BulkInviteDialogProps) {
  const { directoryState, job, onClose } = props;
  const id = useId();
  const directory = directoryState.status === 'ready' ? directoryState.directory : null;
  const input = useInviteInput(directory, {
    concurrency: props.defaultConcurrency,
    allowedDomains: props.defaultAllowedDomains,
    orgRolesByKey: props.orgRolesByKey ?? false,
  });
  const { step, setStep } = input;
  return (
    <ModalDialog
      title="Bulk invite"
      className="wbat-invite"
      onClose={onClose}
      onEscape={() => (step === 'confirm' ? setStep('dry-run') : onClose())}
      screen={job ? 'run' : step}
    >
      <div className="wbat-dialog-body">
        {job ? (
          <RunScreen {...props} job={job} />
        ) : step === 'input' ? (
          <InputScreen
            id={id}
            input={input}
            directory={directory}
            directoryState={directoryState}
            onLoadDirectory={props.onLoadDirectory}
            onFileError={(error) => reportFailure('invite', error)}
          />
        ) : (
          <DryRunScreen id={id} input={input} />
        )}
      </div>
      {job ? null : <InviteFooter props={props} input={input} canDryRun={directory !== null} />}
    </ModalDialog>
  );
}

/** The buttons of the step shown: Dry run; Back, Download dry run, Send; or the confirmation. */
function InviteFooter({
  props,
  input,
  canDryRun,
}: {
  props: BulkInviteDialogProps;
  input: InviteInputState;
  canDryRun: boolean;
}) {
  const { step, setStep, rows, totals, classifying } = input;
  return (
    <footer className="wbat-dialog-footer">
      {step === 'input' ? (
        <button
          type="button"
          className="wbat-button wbat-primary"
          disabled={
            !input.ready ||
            !canDryRun ||
            input.mapping?.email === null ||
            !input.mappingSettled ||
            input.needsTeam
          }
          onClick={() => {
            input.setFilter('all');
            setStep('dry-run');
          }}
        >
          Dry run
        </button>
      ) : step === 'dry-run' ? (
        <>
          <button type="button" className="wbat-button" onClick={() => setStep('input')}>
            Back
          </button>
          <button
            type="button"
            className="wbat-button"
            disabled={classifying}
            onClick={() => props.onDownloadDryRun(rows)}
          >
            Download dry run
          </button>
          <button
            type="button"
            className="wbat-button wbat-primary"
            disabled={classifying || totals.invites + totals.scimPeople === 0}
            onClick={() => setStep('confirm')}
          >
            Send {sendWhat(totals)}
          </button>
        </>
      ) : (
        <ConfirmSend
          what={sendWhat(totals)}
          teams={totals.teams}
          impact={input.impact}
          concurrencyText={input.concurrencyText}
          onConcurrencyText={input.setConcurrencyText}
          onBack={() => setStep('dry-run')}
          onConfirm={() => props.onStart(rows, { concurrency: input.concurrency })}
        />
      )}
    </footer>
  );
}
