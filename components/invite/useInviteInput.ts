/**
 * The bulk-invite dialog's state before a job exists: the input (pasted text or a file), how it is
 * read (delimiter, header, column mapping), the options, and the dry run. Parsing and classifying
 * are pure (lib/invite); the dry run is worked out in slices so 10,000 rows do not hold the page.
 */
import { startTransition, useEffect, useMemo, useState } from 'react';
import { type ClassifiedRow, classifyInviteRowsInSlices, type DryRunStatus } from '@/lib/invite/classify';
import type { ColumnMapping } from '@/lib/invite/columns';
import { countByStatus, seatImpact, sendTotals } from '@/lib/invite/dry-run';
import { type InviteDelimiter, type InviteInput, parseInviteInput } from '@/lib/invite/parse';
import { reportFailure } from '@/lib/report';
import type { Directory } from '@/lib/wandb/directory';
import { yieldToPage } from '../shared/yield';

export type InviteStep = 'input' | 'dry-run' | 'confirm';

const NO_ROWS: ClassifiedRow[] = [];

/** What the job gets: the typed number within 1–16 (the default when the box is empty or not a number). */
function concurrencyOf(text: string, fallback: number): number {
  const typed = Math.round(Number(text));
  return text.trim() === '' || !Number.isFinite(typed) ? fallback : Math.min(16, Math.max(1, typed));
}

type ReadyInput = Extract<ReturnType<typeof parseInviteInput>, { ok: true }>;

/**
 * The dry run's rows for `input` (null: none needed yet), worked out in slices; `classified` is
 * null until the current input's rows are all done, and `checked` counts the rows done so far.
 */
function useClassifiedRows(
  input: { ready: ReadyInput; mapping: ColumnMapping; directory: Directory } | null,
  options: {
    defaultTeam: string | null;
    allowedDomains: string;
    addExistingMembers: boolean;
    includeIdpInactive: boolean;
    orgRolesByKey: boolean;
  },
) {
  const [classified, setClassified] = useState<ClassifiedRow[] | null>(null);
  const [checked, setChecked] = useState(0);
  const ready = input?.ready ?? null;
  const mapping = input?.mapping ?? null;
  const directory = input?.directory ?? null;
  const { defaultTeam, allowedDomains, addExistingMembers, includeIdpInactive, orgRolesByKey } = options;
  useEffect(() => {
    setClassified(null);
    setChecked(0);
    if (!ready || !mapping || !directory) return;
    const controller = new AbortController();
    classifyInviteRowsInSlices(ready.records, mapping, directory, {
      defaultTeam,
      allowedDomains: allowedDomains.split(/[\s,;]+/).filter(Boolean),
      addExistingMembers,
      includeIdpInactive,
      orgRolesByKey,
      pause: yieldToPage,
      signal: controller.signal,
      onProgress: setChecked,
    }).then(
      (done) => startTransition(() => setClassified(done)),
      // An abort (the input changed, or the dialog closed) is expected; anything else is logged.
      (error: unknown) => {
        if (!controller.signal.aborted) reportFailure('invite', error);
      },
    );
    return () => controller.abort();
  }, [
    ready,
    mapping,
    directory,
    defaultTeam,
    allowedDomains,
    addExistingMembers,
    includeIdpInactive,
    orgRolesByKey,
  ]);
  return { classified, checked };
}

export function useInviteInput(
  directory: Directory | null,
  defaults: {
    concurrency?: number | undefined;
    allowedDomains?: readonly string[] | undefined;
    /** A working admin key for this host (lib/invite/classify.ts `orgRolesByKey`). */
    orgRolesByKey?: boolean;
  },
) {
  const [step, setStep] = useState<InviteStep>('input');
  const [text, setText] = useState('');
  const [file, setFile] = useState<{ bytes: ArrayBuffer; fileName: string } | null>(null);
  const [delimiter, setDelimiter] = useState<InviteDelimiter | null>(null);
  const [hasHeader, setHasHeader] = useState<boolean | null>(null);
  const [mappingOverride, setMappingOverride] = useState<ColumnMapping | null>(null);
  const [showMapping, setShowMapping] = useState(false);
  const [mappingConfirmed, setMappingConfirmed] = useState(false);
  const [defaultTeam, setDefaultTeam] = useState('');
  const [domainsText, setDomainsText] = useState((defaults.allowedDomains ?? []).join(', '));
  const [addExistingMembers, setAddExistingMembers] = useState(true);
  const [includeIdpInactive, setIncludeIdpInactive] = useState(false);
  const [filter, setFilter] = useState<DryRunStatus | 'all'>('all');
  const [concurrencyText, setConcurrencyText] = useState(String(defaults.concurrency ?? 4));
  const concurrency = concurrencyOf(concurrencyText, defaults.concurrency ?? 4);
  const orgRolesByKey = defaults.orgRolesByKey ?? false;

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
  const needsRows = ready !== null && mapping !== null && directory !== null && step !== 'input';
  const { classified, checked } = useClassifiedRows(needsRows ? { ready, mapping, directory } : null, {
    defaultTeam: defaultTeam || null,
    allowedDomains: domainsText,
    addExistingMembers,
    includeIdpInactive,
    orgRolesByKey,
  });
  const rows = classified ?? NO_ROWS;
  const counts = useMemo(() => countByStatus(rows), [rows]);
  const totals = useMemo(() => sendTotals(rows), [rows]);
  const impact = useMemo(() => (directory ? seatImpact(rows, directory) : null), [rows, directory]);
  const shown = useMemo(
    () => (filter === 'all' ? rows : rows.filter((row) => row.status === filter)),
    [rows, filter],
  );

  const resetReading = () => {
    setDelimiter(null);
    setHasHeader(null);
    setMappingOverride(null);
    setMappingConfirmed(false);
  };
  // An uncertain mapping is used only once the admin has confirmed it (changing a column confirms it).
  const mappingSettled = ready !== null && (ready.mappingConfident || mappingConfirmed);
  // W&B invites to a team: without a team column, the dry run waits for a default team.
  const needsTeam = mapping !== null && mapping.teams === null && defaultTeam === '';

  return {
    step,
    setStep,
    text,
    file,
    parsed,
    ready,
    mapping,
    mappingOpen: ready !== null && (showMapping || !ready.mappingConfident),
    showMapping: () => setShowMapping(true),
    setMapping: (value: ColumnMapping) => {
      setMappingOverride(value);
      setMappingConfirmed(true);
    },
    mappingSettled,
    setMappingConfirmed,
    needsTeam,
    setDelimiter: (value: InviteDelimiter) => {
      setDelimiter(value);
      setMappingOverride(null);
      setMappingConfirmed(false);
    },
    setHasHeader: (value: boolean) => {
      setHasHeader(value);
      setMappingOverride(null);
      setMappingConfirmed(false);
    },
    typeText: (value: string) => {
      setText(value);
      setFile(null);
      resetReading();
    },
    takeFile: (picked: File) =>
      picked.arrayBuffer().then((bytes) => {
        setFile({ bytes, fileName: picked.name });
        setText('');
        resetReading();
      }),
    defaultTeam,
    setDefaultTeam,
    domainsText,
    setDomainsText,
    addExistingMembers,
    setAddExistingMembers,
    includeIdpInactive,
    setIncludeIdpInactive,
    filter,
    setFilter,
    concurrencyText,
    setConcurrencyText,
    concurrency,
    rows,
    checked,
    classifying: needsRows && classified === null,
    counts,
    totals,
    impact,
    shown,
  };
}

export type InviteInputState = ReturnType<typeof useInviteInput>;
