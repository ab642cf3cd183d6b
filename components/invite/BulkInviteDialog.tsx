import { startTransition, useEffect, useId, useMemo, useState } from 'react';
import {
  type ClassifiedRow,
  classifyInviteRowsInSlices,
  countByStatus,
  DRY_RUN_STATUSES,
  type DryRunStatus,
  seatImpact,
  sendTotals,
} from '../../lib/invite/classify';
import {
  type ColumnMapping,
  INVITE_FIELD_LABELS,
  INVITE_FIELDS,
  type InviteField,
} from '../../lib/invite/columns';
import {
  DELIMITER_LABELS,
  INVITE_DELIMITERS,
  type InviteDelimiter,
  type InviteInput,
  parseInviteInput,
} from '../../lib/invite/parse';
import { type InviteJob, jobProgress, progressText } from '../../lib/jobs/invite-job';
import type { Directory } from '../../lib/wandb/directory';
import { ModalDialog, plural } from '../dialog';
import { yieldToPage } from '../shared/yield';
import { CancelJob } from './CancelJob';
import { ConfirmSend } from './ConfirmSend';
import { DryRunTable } from './DryRunTable';

/** Where loading the directory stands (the dry run needs a fresh one). */
export type InviteDirectoryState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; directory: Directory }
  | { status: 'error'; message: string };

/**
 * Presentational: props in, callbacks out. Parsing and classifying are pure (`lib/invite`) and
 * run here; the caller loads the directory, runs the job in the background and passes it back
 * as `job`, which switches the dialog to its Run step.
 */
export interface BulkInviteDialogProps {
  directoryState: InviteDirectoryState;
  /** The job of this org, running or finished; null before one is started. */
  job: InviteJob | null;
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
  onDownloadResults(job: InviteJob): void;
  /** Leave a finished job's results and start over with new input; absent hides the button. */
  onNewJob?(): void;
}

const numberFormat = new Intl.NumberFormat('en-US');
const NO_ROWS: ClassifiedRow[] = [];

type Step = 'input' | 'dry-run' | 'confirm';

/** The Bulk invite dialog: Input → Dry run (→ confirm) → Run. */
export function BulkInviteDialog(props: BulkInviteDialogProps) {
  const { directoryState, job, onClose } = props;
  const id = useId();
  const [step, setStep] = useState<Step>('input');
  const [text, setText] = useState('');
  const [file, setFile] = useState<{ bytes: ArrayBuffer; fileName: string } | null>(null);
  const [delimiter, setDelimiter] = useState<InviteDelimiter | null>(null);
  const [hasHeader, setHasHeader] = useState<boolean | null>(null);
  const [mappingOverride, setMappingOverride] = useState<ColumnMapping | null>(null);
  const [showMapping, setShowMapping] = useState(false);
  const [defaultTeam, setDefaultTeam] = useState('');
  const [domainsText, setDomainsText] = useState((props.defaultAllowedDomains ?? []).join(', '));
  const [filter, setFilter] = useState<DryRunStatus | 'all'>('all');
  const [dragging, setDragging] = useState(false);
  const [concurrencyText, setConcurrencyText] = useState(String(props.defaultConcurrency ?? 4));
  const typedConcurrency = Math.round(Number(concurrencyText));
  // What the job gets: the typed number within 1–16 (the default when the box is empty or not a number).
  const concurrency =
    concurrencyText.trim() === '' || !Number.isFinite(typedConcurrency)
      ? (props.defaultConcurrency ?? 4)
      : Math.min(16, Math.max(1, typedConcurrency));

  const parsed = useMemo(() => {
    const input: InviteInput | null = file ?? (text.trim() === '' ? null : { text });
    if (!input) return null;
    return parseInviteInput(input, {
      ...(delimiter === null ? {} : { delimiter }),
      ...(hasHeader === null ? {} : { hasHeader }),
    });
  }, [file, text, delimiter, hasHeader]);
  const ready = parsed?.ok ? parsed : null;
  const mapping = mappingOverride ?? ready?.mapping ?? null;
  const directory = directoryState.status === 'ready' ? directoryState.directory : null;
  // The dry run is worked out in slices (10,000 rows would otherwise hold the W&B page's main
  // thread for a few hundred ms); `classified` is null until the current input's rows are all done.
  const [classified, setClassified] = useState<ClassifiedRow[] | null>(null);
  const [checked, setChecked] = useState(0);
  const needsRows = ready !== null && mapping !== null && directory !== null && step !== 'input';
  useEffect(() => {
    setClassified(null);
    setChecked(0);
    if (!needsRows || !ready || !mapping || !directory) return;
    const controller = new AbortController();
    classifyInviteRowsInSlices(ready.records, mapping, directory, {
      defaultTeam: defaultTeam || null,
      allowedDomains: domainsText.split(/[\s,;]+/).filter(Boolean),
      pause: yieldToPage,
      signal: controller.signal,
      onProgress: setChecked,
    }).then(
      (done) => startTransition(() => setClassified(done)),
      () => {},
    );
    return () => controller.abort();
  }, [needsRows, ready, mapping, directory, defaultTeam, domainsText]);
  const rows = classified ?? NO_ROWS;
  const classifying = needsRows && classified === null;
  const counts = useMemo(() => countByStatus(rows), [rows]);
  const totals = useMemo(() => sendTotals(rows), [rows]);
  const impact = useMemo(() => (directory ? seatImpact(rows, directory) : null), [rows, directory]);
  const shown = useMemo(
    () => (filter === 'all' ? rows : rows.filter((row) => row.status === filter)),
    [rows, filter],
  );

  const resetInput = () => {
    setDelimiter(null);
    setHasHeader(null);
    setMappingOverride(null);
  };

  const takeFile = (picked: File) => {
    void picked.arrayBuffer().then((bytes) => {
      setFile({ bytes, fileName: picked.name });
      setText('');
      resetInput();
    });
  };

  const mappingOpen = ready !== null && (showMapping || !ready.mappingConfident);

  return (
    <ModalDialog
      title="Bulk invite"
      className="wbat-invite"
      onClose={onClose}
      onEscape={() => (step === 'confirm' ? setStep('dry-run') : onClose())}
    >
      <div className="wbat-dialog-body">
        {job ? (
          <RunStep {...props} job={job} />
        ) : step === 'input' ? (
          <>
            <section
              className={`wbat-section${dragging ? ' wbat-dropping' : ''}`}
              aria-labelledby={`${id}-input`}
              onDragOver={(event) => {
                if (!event.dataTransfer.types.includes('Files')) return;
                event.preventDefault();
                event.dataTransfer.dropEffect = 'copy';
                setDragging(true);
              }}
              onDragLeave={() => setDragging(false)}
              onDrop={(event) => {
                const dropped = event.dataTransfer.files[0];
                setDragging(false);
                if (!dropped) return;
                // Ours alone: the W&B page must not also open the file.
                event.preventDefault();
                event.stopPropagation();
                takeFile(dropped);
              }}
            >
              <h3 id={`${id}-input`} className="wbat-section-title">
                1. Input
              </h3>
              <label htmlFor={`${id}-paste`}>Paste addresses or CSV</label>
              <textarea
                id={`${id}-paste`}
                className="wbat-input wbat-paste"
                rows={6}
                value={text}
                placeholder={'ann@example.com, "Bob B" <bob@example.com>\nor rows copied from a spreadsheet'}
                onChange={(event) => {
                  setText(event.currentTarget.value);
                  setFile(null);
                  resetInput();
                }}
              />
              <div className="wbat-row">
                <label htmlFor={`${id}-file`}>Choose a CSV, TSV or TXT file</label>
                <span className="wbat-hint">(or drop it here)</span>
                <input
                  id={`${id}-file`}
                  type="file"
                  accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain"
                  onChange={(event) => {
                    const picked = event.currentTarget.files?.[0];
                    if (picked) takeFile(picked);
                  }}
                />
                {file ? <span className="wbat-hint">File: {file.fileName}</span> : null}
              </div>
              {parsed && !parsed.ok ? (
                <div className="wbat-error" role="alert">
                  <span>{parsed.error.message}</span>
                </div>
              ) : null}
              {ready ? (
                <>
                  <div className="wbat-row">
                    <output aria-live="polite">
                      {plural(ready.records.length, 'row', 'rows')} read
                      {ready.kind === 'address-list' ? ' as a list of addresses' : ''}
                      {ready.encoding !== 'text' ? ` (${ready.encoding})` : ''}
                    </output>
                    {ready.kind === 'table' ? (
                      <>
                        <label htmlFor={`${id}-delimiter`}>Delimiter</label>
                        <select
                          id={`${id}-delimiter`}
                          className="wbat-input wbat-select"
                          value={ready.delimiter}
                          onChange={(event) => {
                            setDelimiter(event.currentTarget.value as InviteDelimiter);
                            setMappingOverride(null);
                          }}
                        >
                          {INVITE_DELIMITERS.map((value) => (
                            <option key={value} value={value}>
                              {DELIMITER_LABELS[value]}
                            </option>
                          ))}
                        </select>
                        <label className="wbat-check">
                          <input
                            type="checkbox"
                            checked={ready.hasHeader}
                            onChange={(event) => {
                              setHasHeader(event.currentTarget.checked);
                              setMappingOverride(null);
                            }}
                          />
                          <span>First row is a header</span>
                        </label>
                        {!mappingOpen ? (
                          <button type="button" className="wbat-button" onClick={() => setShowMapping(true)}>
                            Change column mapping
                          </button>
                        ) : null}
                      </>
                    ) : null}
                  </div>
                  {ready.warnings.slice(0, 3).map((warning) => (
                    <p key={warning.line} className="wbat-hint">
                      {warning.message}
                    </p>
                  ))}
                </>
              ) : null}
            </section>
            {ready && mapping && mappingOpen ? (
              <fieldset className="wbat-section">
                <legend>Columns</legend>
                {!ready.mappingConfident ? (
                  <p className="wbat-hint">Say which column holds what (at least the email).</p>
                ) : null}
                <div className="wbat-mapping">
                  {INVITE_FIELDS.map((field: InviteField) => (
                    <label key={field} className="wbat-mapping-field">
                      <span>{INVITE_FIELD_LABELS[field]}</span>
                      <select
                        className="wbat-input wbat-select"
                        value={mapping[field] === null ? '' : String(mapping[field])}
                        onChange={(event) => {
                          const value = event.currentTarget.value;
                          setMappingOverride({ ...mapping, [field]: value === '' ? null : Number(value) });
                        }}
                      >
                        <option value="">(none)</option>
                        {ready.headers.map((header, index) => (
                          // biome-ignore lint/suspicious/noArrayIndexKey: headers may repeat; the index is the identity.
                          <option key={index} value={String(index)}>
                            {header}
                          </option>
                        ))}
                      </select>
                    </label>
                  ))}
                </div>
              </fieldset>
            ) : null}
            <fieldset className="wbat-section">
              <legend>Options</legend>
              <div className="wbat-row">
                <label htmlFor={`${id}-team`}>Default team</label>
                <select
                  id={`${id}-team`}
                  className="wbat-input wbat-select"
                  value={defaultTeam}
                  onChange={(event) => setDefaultTeam(event.currentTarget.value)}
                >
                  <option value="">(none: every row names its team)</option>
                  {(directory?.teams ?? []).map((team) => (
                    <option key={team.name} value={team.name}>
                      {team.name}
                    </option>
                  ))}
                </select>
                <label htmlFor={`${id}-domains`}>Allowed email domains</label>
                <input
                  id={`${id}-domains`}
                  className="wbat-input"
                  value={domainsText}
                  placeholder="example.com, example.org"
                  onChange={(event) => setDomainsText(event.currentTarget.value)}
                />
              </div>
            </fieldset>
            <DirectoryLine state={directoryState} onLoad={props.onLoadDirectory} />
          </>
        ) : (
          <section className="wbat-section" aria-labelledby={`${id}-dry`}>
            <h3 id={`${id}-dry`} className="wbat-section-title">
              2. Dry run
            </h3>
            {classifying && ready ? (
              <div className="wbat-loading">
                <progress aria-label="Checking rows" max={ready.records.length} value={checked} />
                <span>
                  Checking {numberFormat.format(checked)} of {numberFormat.format(ready.records.length)} rows
                  against the members, invites and teams…
                </span>
              </div>
            ) : (
              <>
                <ul className="wbat-counts" aria-label="Rows per status">
                  {DRY_RUN_STATUSES.map((status) => (
                    <li key={status}>
                      {status}: {numberFormat.format(counts[status])}
                    </li>
                  ))}
                </ul>
                {impact ? (
                  impact.exceeds ? (
                    <div className="wbat-error" role="alert">
                      <span>{impact.sentence}</span>
                    </div>
                  ) : (
                    <p>{impact.sentence}</p>
                  )
                ) : null}
                <div className="wbat-row">
                  <label htmlFor={`${id}-filter`}>Show</label>
                  <select
                    id={`${id}-filter`}
                    className="wbat-input wbat-select"
                    value={filter}
                    onChange={(event) => setFilter(event.currentTarget.value as DryRunStatus | 'all')}
                  >
                    <option value="all">All rows ({numberFormat.format(rows.length)})</option>
                    {DRY_RUN_STATUSES.map((status) => (
                      <option key={status} value={status}>
                        {status} ({numberFormat.format(counts[status])})
                      </option>
                    ))}
                  </select>
                </div>
                <DryRunTable rows={shown} />
              </>
            )}
          </section>
        )}
      </div>
      {job ? null : (
        <footer className="wbat-dialog-footer">
          {step === 'input' ? (
            <button
              type="button"
              className="wbat-button wbat-primary"
              disabled={!ready || !directory || mapping?.email === null}
              onClick={() => {
                setFilter('all');
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
                disabled={classifying || totals.invites === 0}
                onClick={() => setStep('confirm')}
              >
                Send {plural(totals.invites, 'invite', 'invites')}
              </button>
            </>
          ) : (
            <ConfirmSend
              invites={totals.invites}
              teams={totals.teams}
              impact={impact}
              concurrencyText={concurrencyText}
              onConcurrencyText={setConcurrencyText}
              onBack={() => setStep('dry-run')}
              onConfirm={() => props.onStart(rows, { concurrency })}
            />
          )}
        </footer>
      )}
    </ModalDialog>
  );
}

function DirectoryLine({ state, onLoad }: { state: InviteDirectoryState; onLoad(): void }) {
  if (state.status === 'ready') return null;
  if (state.status === 'loading')
    return (
      <div className="wbat-loading">
        <progress aria-label="Loading members" />
        <span>Reading members, invites and teams for the dry run…</span>
      </div>
    );
  if (state.status === 'error')
    return (
      <div className="wbat-error" role="alert">
        <span>{state.message}</span>
        <button type="button" className="wbat-button" onClick={onLoad}>
          Retry
        </button>
      </div>
    );
  return (
    <div className="wbat-row">
      <span>The dry run needs the current members and teams.</span>
      <button type="button" className="wbat-button" onClick={onLoad}>
        Load members
      </button>
    </div>
  );
}

function runHint(job: InviteJob, stopping: 'pause' | 'cancel' | null): string {
  if (job.status !== 'running') return `Job ${job.status}.`;
  if (stopping === 'pause') return 'Pausing: the invites already sent finish first.';
  if (stopping === 'cancel') return 'Cancelling: the invites already sent finish first.';
  return 'You can close this dialog or the tab: the job keeps running and the toolkit bar shows it.';
}

function RunStep(props: BulkInviteDialogProps & { job: InviteJob }) {
  const { job } = props;
  const progress = jobProgress(job, props.now ?? Date.now());
  const finished = job.status === 'done' || job.status === 'cancelled';
  return (
    <section className="wbat-section" aria-label="Run">
      <h3 className="wbat-section-title">3. Run</h3>
      <div className="wbat-loading">
        <progress
          aria-label="Invite progress"
          value={progress.total - progress.left}
          max={Math.max(1, progress.total)}
        />
        <output aria-live="polite">{progressText(progress)}</output>
      </div>
      {job.message ? (
        <div className="wbat-error" role="alert">
          <span>{job.message}</span>
        </div>
      ) : null}
      <p className="wbat-hint">{runHint(job, props.stopping ?? null)}</p>
      <div className="wbat-row">
        {job.status === 'running' ? (
          <button type="button" className="wbat-button" onClick={props.onPause} disabled={!!props.stopping}>
            Pause
          </button>
        ) : null}
        {job.status === 'paused' || job.status === 'paused-signed-out' ? (
          <button type="button" className="wbat-button wbat-primary" onClick={props.onResume}>
            Resume
          </button>
        ) : null}
        {!finished ? <CancelJob progress={progress} onCancel={props.onCancel} /> : null}
        <button type="button" className="wbat-button" onClick={() => props.onDownloadResults(job)}>
          Download results
        </button>
        {finished && progress.failed > 0 ? (
          <button type="button" className="wbat-button" onClick={props.onRetryFailed}>
            Retry failed
          </button>
        ) : null}
        {finished && props.onNewJob ? (
          <button type="button" className="wbat-button" onClick={props.onNewJob}>
            New bulk invite
          </button>
        ) : null}
      </div>
    </section>
  );
}
