import { type ReactNode, useEffect, useState } from 'react';
import type { ProtocolError } from '../lib/messaging/protocol';
import type { DirectorySummary } from '../lib/wandb/directory';

/** What the toolkit bar can show; the container maps background replies onto it. */
export type BarState =
  | { status: 'loading' }
  | {
      status: 'ready';
      summary: DirectorySummary;
      refreshing?: boolean;
      /** When the figures were read (ms since the epoch); absent in fixtures that do not care. */
      readAt?: number;
      /** The last refresh failed: the figures shown are the older ones. */
      refreshError?: ProtocolError;
    }
  | { status: 'error'; error: ProtocolError };

export interface ToolkitBarProps {
  state: BarState;
  /** Where "Sign in to W&B" leads (the W&B app's own login page). */
  signInUrl: string;
  onRetry(): void;
  /** Tool buttons, shown only when the viewer may use them. */
  tools?: ReactNode;
  /** The admin key active for this host (last 4 characters) and what it enables; null or absent when none. */
  adminKey?: { last4: string; enables: string[] } | null;
  /** Opens the toolkit's options page; the button is shown only when given. */
  onOpenOptions?: () => void;
}

const numberFormat = new Intl.NumberFormat('en-US');

function plural(count: number, one: string, many: string): string {
  return `${numberFormat.format(count)} ${count === 1 ? one : many}`;
}

/** The toolkit's bar on W&B admin pages: scope, figures, states, and (later) the tool buttons. */
export function ToolkitBar({ state, signInUrl, onRetry, tools, adminKey, onOpenOptions }: ToolkitBarProps) {
  return (
    <div className="wbat-bar" role="toolbar" aria-label="W&B Admin Toolkit">
      <span className="wbat-brand" aria-hidden="true">
        <span className="wbat-logo" />
        Admin Toolkit
      </span>
      <BarBody state={state} signInUrl={signInUrl} onRetry={onRetry} />
      {state.status === 'ready' && canAdminister(state.summary) && tools ? (
        <div className="wbat-tools">{tools}</div>
      ) : null}
      {adminKey ? (
        <span className="wbat-key" title={`With the key: ${adminKey.enables.join(', ')}`}>
          Admin key: ****{adminKey.last4}
          <span className="wbat-key-enables">
            {adminKey.enables.length > 0 ? ` (enables ${adminKey.enables.join(', ')})` : ''}
          </span>
        </span>
      ) : null}
      {onOpenOptions ? (
        <button type="button" className="wbat-button" onClick={onOpenOptions}>
          Toolkit options
        </button>
      ) : null}
    </div>
  );
}

/** Admin tools are offered only when the viewer is known (or, per team, likely) to be an admin. */
export function canAdminister(summary: DirectorySummary): boolean {
  if (summary.scope.kind === 'team')
    return summary.viewer.isTeamAdmin === true || summary.viewer.isOrgAdmin === true;
  return summary.viewer.isOrgAdmin !== false;
}

function BarBody({ state, signInUrl, onRetry }: Omit<ToolkitBarProps, 'tools'>) {
  if (state.status === 'loading') {
    return (
      <output className="wbat-status" aria-live="polite">
        <span className="wbat-spinner" aria-hidden="true" />
        Loading organization figures…
      </output>
    );
  }
  if (state.status === 'error')
    return <BarError error={state.error} signInUrl={signInUrl} onRetry={onRetry} />;
  return (
    <>
      <BarFigures summary={state.summary} refreshing={state.refreshing ?? false} />
      <StaleNote readAt={state.readAt} refreshError={state.refreshError} onRefresh={onRetry} />
    </>
  );
}

/** Figures older than this are marked with their age. */
export const STALE_AFTER_MS = 10 * 60_000;

/** "less than a minute", "12 min", "3 h 5 min". */
export function ageText(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'less than a minute';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
}

/**
 * Figures that are old, or that a refresh could not replace because W&B failed, say so with
 * their age (checked every minute) and offer a refresh.
 */
function StaleNote({
  readAt,
  refreshError,
  onRefresh,
}: {
  readAt: number | undefined;
  refreshError: ProtocolError | undefined;
  onRefresh(): void;
}) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (readAt === undefined) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, [readAt]);
  if (readAt === undefined) return null;
  const age = Math.max(0, now - readAt);
  if (!refreshError && age < STALE_AFTER_MS) return null;
  return (
    <p className="wbat-note wbat-stale" role="note">
      Figures from {ageText(age)} ago
      {refreshError ? `: the refresh failed (${refreshError.message})` : ''}.{' '}
      <button type="button" className="wbat-button" onClick={() => onRefresh()}>
        Refresh figures
      </button>
    </p>
  );
}

function scopeLabel(summary: DirectorySummary): string {
  return summary.scope.kind === 'org' ? `Organization ${summary.scope.org}` : `Team ${summary.scope.team}`;
}

function BarFigures({ summary, refreshing }: { summary: DirectorySummary; refreshing: boolean }) {
  const { seats } = summary;
  return (
    <>
      <strong className="wbat-scope">{scopeLabel(summary)}</strong>
      <ul className="wbat-figures" aria-label="Figures" aria-busy={refreshing}>
        <li>{plural(summary.memberCount, 'member', 'members')}</li>
        <li>{plural(summary.pendingInvites, 'pending invite', 'pending invites')}</li>
        {seats ? (
          <li>
            Models seats: {numberFormat.format(seats.modelsFullUsed)}/
            {numberFormat.format(seats.modelsFullTotal)} full
            {' · '}
            {numberFormat.format(seats.modelsViewerUsed)}/{numberFormat.format(seats.modelsViewerTotal)}{' '}
            viewer
          </li>
        ) : (
          <li>Seats: not offered by this W&B server</li>
        )}
      </ul>
      {summary.viewer.isOrgAdmin === false && summary.scope.kind === 'org' ? (
        <p className="wbat-note" role="note">
          You are signed in as {summary.viewer.username}, who is not an admin of {summary.scope.org}. Admin
          tools are hidden.
        </p>
      ) : null}
      {summary.scope.kind === 'team' &&
      summary.viewer.isTeamAdmin === false &&
      summary.viewer.isOrgAdmin !== true ? (
        <p className="wbat-note" role="note">
          You are signed in as {summary.viewer.username}, who is not an admin of team {summary.scope.team}.
          Admin tools are hidden.
        </p>
      ) : null}
      {!summary.complete ? (
        <p className="wbat-note" role="note">
          {plural(summary.visibleTeams, 'team', 'teams')} visible to you; members outside them are not listed.
          {summary.fallbackReason ? ` ${summary.fallbackReason}` : ''}
        </p>
      ) : null}
    </>
  );
}

function BarError({
  error,
  signInUrl,
  onRetry,
}: {
  error: ProtocolError;
  signInUrl: string;
  onRetry(): void;
}) {
  const retry = (
    <button type="button" className="wbat-button" onClick={onRetry}>
      Retry
    </button>
  );
  if (error.kind === 'not-signed-in') {
    return (
      <div className="wbat-error" role="alert">
        <span>{error.message}</span>
        <a className="wbat-button wbat-primary" href={signInUrl} target="_blank" rel="noopener">
          Sign in to W&B
        </a>
        {retry}
      </div>
    );
  }
  const field = 'field' in error && error.field ? error.field : null;
  return (
    <div className="wbat-error" role="alert">
      <span>{error.message}</span>
      {error.kind === 'schema-mismatch' || error.kind === 'bad-response' ? (
        <span className="wbat-field">{field ? `Field: ${field}` : null}</span>
      ) : null}
      {retry}
    </div>
  );
}
