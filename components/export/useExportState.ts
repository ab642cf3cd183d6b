/**
 * The export dialog's state: the admin's settings (told to `onSettingsChange` on every change),
 * and what follows from them and the directory — rows, matching rows, filter options, comparison.
 */
import { useDeferredValue, useMemo, useState } from 'react';
import { EXPORT_COLUMNS, orderColumns } from '@/lib/export/columns';
import { compareExports } from '@/lib/export/compare';
import {
  type ExportFilter,
  type ExportRow,
  exportRows,
  filterOptions,
  filterRows,
  selectExportRows,
} from '@/lib/export/rows';
import type { PreviousExportState } from './ComparePanel';
import { DEFAULT_EXPORT_SETTINGS, type ExportDirectoryState, type ExportSettings } from './settings';

export interface ExportStateInput {
  directoryState: ExportDirectoryState;
  initialSettings?: Partial<ExportSettings>;
  /** Fills the inactivity box when the settings carry no inactivity filter (the filter stays off). */
  defaultInactiveDays?: number | undefined;
  /** The moment "no activity for N days" counts from; default: when the dialog opened. */
  now?: Date;
  previous: PreviousExportState;
  onSettingsChange?(settings: ExportSettings): void;
  onExport(settings: ExportSettings, rows: ExportRow[]): void;
}

/** The number input's text as a day count; undefined (no filter) when empty or not a number. */
function daysFrom(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const days = Number(text);
  return Number.isFinite(days) && days >= 0 ? Math.floor(days) : undefined;
}

export function useExportState({
  directoryState,
  initialSettings,
  defaultInactiveDays,
  now: fixedNow,
  previous,
  onSettingsChange,
  onExport,
}: ExportStateInput) {
  const [openedAt] = useState(() => new Date());
  const now = fixedNow ?? openedAt;
  const [settings, setSettings] = useState<ExportSettings>(() => ({
    ...DEFAULT_EXPORT_SETTINGS,
    ...initialSettings,
    columns: orderColumns(initialSettings?.columns ?? DEFAULT_EXPORT_SETTINGS.columns),
  }));
  const [daysText, setDaysText] = useState(() =>
    settings.filter.inactiveDays !== undefined
      ? String(settings.filter.inactiveDays)
      : defaultInactiveDays === undefined
        ? ''
        : String(defaultInactiveDays),
  );
  // The inactivity filter applies only while ticked; typing a number ticks it.
  const [inactiveOn, setInactiveOn] = useState(settings.filter.inactiveDays !== undefined);

  const update = (change: Partial<ExportSettings>) => {
    const next = { ...settings, ...change };
    setSettings(next);
    onSettingsChange?.(next);
  };
  const updateFilter = (change: Partial<ExportFilter>) =>
    update({ filter: { ...settings.filter, ...change } });
  const changeDays = (text: string) => {
    setDaysText(text);
    const days = daysFrom(text);
    setInactiveOn(days !== undefined);
    updateFilter({ inactiveDays: days });
  };
  const changeInactiveOn = (on: boolean) => {
    setInactiveOn(on);
    updateFilter({ inactiveDays: on ? daysFrom(daysText) : undefined });
  };

  const directory = directoryState.status === 'ready' ? directoryState.directory : null;
  // Filtering 50,000 rows takes a moment: typing stays responsive, the count follows.
  const shown = useDeferredValue(settings);
  const allRows = useMemo(
    () =>
      directory ? exportRows(directory, { includeInvites: shown.includeInvites, layout: shown.layout }) : [],
    [directory, shown.includeInvites, shown.layout],
  );
  const matching = useMemo(() => filterRows(allRows, shown.filter, now), [allRows, shown.filter, now]);
  const options = useMemo(
    () => (directory ? filterOptions(directory, { includeInvites: shown.includeInvites }) : null),
    [directory, shown.includeInvites],
  );
  const comparison = useMemo(
    () =>
      previous.status === 'ready'
        ? compareExports(previous.previous, { columns: EXPORT_COLUMNS, rows: matching })
        : null,
    [previous, matching],
  );
  const activityUnknown = useMemo(
    () =>
      (directory?.members.length ?? 0) > 0 &&
      (directory?.members.every((member) => member.lastActiveAt === null) ?? false),
    [directory],
  );

  const exportNow = () => {
    if (!directory) return;
    // The shown rows are exact unless a change is still being filtered.
    onExport(settings, shown === settings ? matching : selectExportRows(directory, settings, now));
  };

  return {
    now,
    settings,
    daysText,
    inactiveOn,
    update,
    updateFilter,
    changeDays,
    changeInactiveOn,
    directory,
    allRows,
    matching,
    options,
    comparison,
    activityUnknown,
    exportNow,
  };
}

export type ExportState = ReturnType<typeof useExportState>;
