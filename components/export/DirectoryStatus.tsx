import type { ReactNode } from 'react';
import { plural } from '../dialog';
import type { ExportDirectoryState } from './settings';

const numberFormat = new Intl.NumberFormat('en-US');

/** Loading the directory: a button to start, progress while it runs, the error with Retry. */
export function DirectoryStatus({
  state,
  onLoad,
  onCancel,
}: {
  state: ExportDirectoryState;
  onLoad(): void;
  onCancel(): void;
}): ReactNode {
  if (state.status === 'idle') {
    return (
      <div className="wbat-row">
        <span>Members are not loaded yet.</span>
        <button type="button" className="wbat-button" onClick={onLoad}>
          Load members
        </button>
      </div>
    );
  }
  if (state.status === 'error') {
    return (
      <div className="wbat-error" role="alert">
        <span>{state.message}</span>
        <button type="button" className="wbat-button" onClick={onLoad}>
          Retry
        </button>
      </div>
    );
  }
  if (state.status === 'loading') {
    const progress = state.progress;
    const teams = progress?.phase === 'teams' ? progress : null;
    const activityProgress = progress?.phase === 'activity' ? progress : null;
    const counted = teams ?? activityProgress;
    return (
      <div className="wbat-loading">
        {counted ? (
          <progress aria-label="Loading members" value={counted.done} max={Math.max(1, counted.total)} />
        ) : (
          <progress aria-label="Loading members" />
        )}
        <span aria-live="polite">
          {teams
            ? `Loaded ${numberFormat.format(teams.done)} of ${plural(teams.total, 'team', 'teams')}`
            : activityProgress
              ? `Reading run activity: ${numberFormat.format(activityProgress.done)} of ${numberFormat.format(activityProgress.total)}`
              : 'Reading the organization…'}
        </span>
        <button type="button" className="wbat-button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    );
  }
  return null;
}
