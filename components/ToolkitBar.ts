/**
 * The toolkit's bar on W&B admin pages: scope, figures, states, the tool buttons. It is drawn with
 * lit-html, not React: the bar is all an admin page runs before a tool is opened, and React (about
 * 65 KB gzip) is loaded with the first tool instead (lib/toolkit/toolkit.ts). lit-html updates the
 * parts that changed in place — a job's counts change many times a second while the admin may be
 * pressing a button next to them — and writes every value as text, never as markup.
 */
import { html, nothing, render, type TemplateResult } from 'lit-html';
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

/** A button on the bar that opens a tool. */
export interface BarTool {
  id: string;
  label: string;
  /** `more`: its button is in the More panel, not on the row. */
  placement?: 'more';
}

export interface ToolkitBarProps {
  state: BarState;
  /** Where "Sign in to W&B" leads (the W&B app's own login page). */
  signInUrl: string;
  onRetry(): void;
  /** Tool buttons, shown only when the viewer may use them. */
  tools?: readonly BarTool[];
  /** A tool's button was pressed. */
  onOpenTool?(id: string): void;
  /** The pointer reached a tool's button, or it got focus: its code may be fetched ahead. */
  onPrefetchTool?(id: string): void;
  /** The unfinished bulk-invite job, as the chip that opens its dialog says it; absent when none. */
  jobLabel?: string | null;
  /** How many offboarding cases are open (the count is shown when above 0). */
  openCases?: number;
  /** How many of the org's members are past their last day of access (a button to Time-bound access when above 0). */
  expiredAccess?: number;
  /** Why a tool could not be opened (its code did not load), shown until the next opening. */
  toolError?: string | null;
  /** The admin key active for this host (last 4 characters) and what it enables; null or absent when none. */
  adminKey?: { last4: string; enables: string[] } | null;
  /** Opens the toolkit's options page (its button is in the More panel); absent hides it. */
  onOpenOptions?: () => void;
  /** Whether the More panel (options, the key's details) is open. */
  moreOpen?: boolean;
  /** The More button was pressed. */
  onToggleMore?: () => void;
  /** Now, for the age of the figures (ms since the epoch); the container ticks it every minute. */
  now?: number;
}

/** Draws (or updates in place) the bar in `container`. */
export function renderToolkitBar(container: HTMLElement, props: ToolkitBarProps): void {
  render(barTemplate(props), container);
}

const numberFormat = new Intl.NumberFormat('en-US');

function plural(count: number, one: string, many: string): string {
  return `${numberFormat.format(count)} ${count === 1 ? one : many}`;
}

/** The id of the More panel, for its button's `aria-controls`. */
export const MORE_PANEL_ID = 'wbat-more';

/**
 * One row (brand, scope and figures, tools, the key's last 4, More) that never wraps — the figures
 * give way first, clipped, with their full text as a tooltip — so the W&B page never moves when a
 * job's chip appears; notes that are states of their own (not an admin, a partial list, old
 * figures) go below it.
 */
function barTemplate(props: ToolkitBarProps): TemplateResult {
  const { state, adminKey } = props;
  return html`<div class="wbat-bar" role="toolbar" aria-label="W&B Admin Toolkit">
    <div class="wbat-bar-row">
      <span class="wbat-brand" aria-hidden="true"><span class="wbat-logo"></span><span class="wbat-brand-name">Admin Toolkit</span></span>
      ${barBody(props)}
      ${state.status === 'ready' && canAdminister(state.summary) && props.tools ? toolButtons(props) : nothing}
      ${
        adminKey
          ? html`<span class="wbat-key" title=${`With the key: ${adminKey.enables.join(', ')}`}>Admin key: ****${adminKey.last4}</span>`
          : nothing
      }
      ${props.onOpenOptions || adminKey || moreTools(props).length > 0 ? moreMenu(props) : nothing}
    </div>
    ${state.status === 'ready' ? barNotes(state, props) : nothing}
    ${props.toolError ? html`<p class="wbat-note wbat-error" role="alert">${props.toolError}</p>` : nothing}
  </div>`;
}

/** The tools offered in the More panel: as those on the row, only to a viewer who may administer here. */
function moreTools({ state, tools = [] }: ToolkitBarProps): readonly BarTool[] {
  if (state.status !== 'ready' || !canAdminister(state.summary)) return [];
  return tools.filter((tool) => tool.placement === 'more');
}

/** A button that opens a tool's dialog (on the row or in the More panel). */
function toolButton(tool: BarTool, { onOpenTool, onPrefetchTool }: ToolkitBarProps): TemplateResult {
  return html`<button
    type="button"
    class="wbat-button"
    aria-haspopup="dialog"
    @pointerenter=${() => onPrefetchTool?.(tool.id)}
    @focus=${() => onPrefetchTool?.(tool.id)}
    @click=${() => onOpenTool?.(tool.id)}
  >${tool.label}</button>`;
}

/** The More button and its panel: tools placed there, the toolkit's options and what the admin key enables. */
function moreMenu(props: ToolkitBarProps): TemplateResult {
  const { moreOpen = false, onToggleMore, onOpenOptions, adminKey } = props;
  return html`<div class="wbat-more">
    <button
      type="button"
      class="wbat-button wbat-more-button"
      aria-expanded=${moreOpen ? 'true' : 'false'}
      aria-controls=${MORE_PANEL_ID}
      @click=${() => onToggleMore?.()}
    >More</button>
    <div id=${MORE_PANEL_ID} class="wbat-more-panel" role="group" aria-label="More" ?hidden=${!moreOpen}>
      ${moreTools(props).map((tool) => toolButton(tool, props))}
      ${
        adminKey
          ? html`<p class="wbat-more-key">With the admin key ****${adminKey.last4}: ${
              adminKey.enables.length > 0 ? adminKey.enables.join(', ') : 'nothing beyond the session'
            }.</p>`
          : nothing
      }
      ${
        onOpenOptions
          ? html`<button type="button" class="wbat-button" @click=${() => onOpenOptions()}>Toolkit options</button>`
          : nothing
      }
    </div>
  </div>`;
}

function toolButtons(props: ToolkitBarProps): TemplateResult {
  const { tools = [], jobLabel, openCases = 0, expiredAccess = 0, onOpenTool } = props;
  return html`<div class="wbat-tools">
    ${
      jobLabel
        ? html`<button
            type="button"
            class="wbat-button wbat-job-chip"
            aria-haspopup="dialog"
            @click=${() => onOpenTool?.('invite')}
          >${jobLabel}</button>`
        : nothing
    }
    ${tools.filter((tool) => tool.placement !== 'more').map((tool) => toolButton(tool, props))}
    ${
      openCases > 0
        ? html`<output class="wbat-count" aria-label="Open offboarding cases"
            >${openCases} open offboarding ${openCases === 1 ? 'case' : 'cases'}</output
          >`
        : nothing
    }
    ${
      expiredAccess > 0
        ? html`<button
            type="button"
            class="wbat-button wbat-job-chip"
            aria-haspopup="dialog"
            @click=${() => onOpenTool?.('access-expiry')}
          >${numberFormat.format(expiredAccess)} access expired</button>`
        : nothing
    }
  </div>`;
}

/** Admin tools are offered only when the viewer is known (or, per team, likely) to be an admin. */
export function canAdminister(summary: DirectorySummary): boolean {
  if (summary.scope.kind === 'team')
    return summary.viewer.isTeamAdmin === true || summary.viewer.isOrgAdmin === true;
  return summary.viewer.isOrgAdmin !== false;
}

function barBody({ state, signInUrl, onRetry }: ToolkitBarProps): TemplateResult {
  if (state.status === 'loading') {
    return html`<output class="wbat-status" aria-live="polite"
      ><span class="wbat-spinner" aria-hidden="true"></span>Loading organization figures…</output
    >`;
  }
  if (state.status === 'error') return barError(state.error, signInUrl, onRetry);
  return barFigures(state.summary, state.refreshing ?? false);
}

/** The notes under the row: not an admin here, a partial list, old figures or a failed refresh. */
function barNotes(
  state: Extract<BarState, { status: 'ready' }>,
  { now, onRetry }: ToolkitBarProps,
): TemplateResult {
  return html`${summaryNotes(state.summary)}${staleNote(state.readAt, state.refreshError, now ?? Date.now(), onRetry)}`;
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
 * their age and offer a refresh.
 */
function staleNote(
  readAt: number | undefined,
  refreshError: ProtocolError | undefined,
  now: number,
  onRefresh: () => void,
): TemplateResult | typeof nothing {
  if (readAt === undefined) return nothing;
  const age = Math.max(0, now - readAt);
  if (!refreshError && age < STALE_AFTER_MS) return nothing;
  return html`<p class="wbat-note wbat-stale" role="note">Figures from ${ageText(age)} ago${
    refreshError ? `: the refresh failed (${refreshError.message})` : ''
  }. <button type="button" class="wbat-button" @click=${() => onRefresh()}>Refresh figures</button></p>`;
}

function scopeLabel(summary: DirectorySummary): string {
  return summary.scope.kind === 'org' ? `Organization ${summary.scope.org}` : `Team ${summary.scope.team}`;
}

function figureTexts(summary: DirectorySummary): string[] {
  const { seats } = summary;
  const f = (n: number) => numberFormat.format(n);
  return [
    plural(summary.memberCount, 'member', 'members'),
    plural(summary.pendingInvites, 'pending invite', 'pending invites'),
    seats
      ? `Models seats: ${f(seats.modelsFullUsed)}/${f(seats.modelsFullTotal)} full · ${f(seats.modelsViewerUsed)}/${f(seats.modelsViewerTotal)} viewer`
      : 'Seats: not offered by this W&B server',
  ];
}

function barFigures(summary: DirectorySummary, refreshing: boolean): TemplateResult {
  const figures = figureTexts(summary);
  return html`<strong class="wbat-scope">${scopeLabel(summary)}</strong>
    <ul class="wbat-figures" aria-label="Figures" aria-busy=${refreshing ? 'true' : 'false'} title=${figures.join(' · ')}>
      ${figures.map((text) => html`<li>${text}</li>`)}
    </ul>`;
}

function summaryNotes(summary: DirectorySummary): TemplateResult {
  const { viewer, scope } = summary;
  const notAdmin =
    scope.kind === 'org'
      ? viewer.isOrgAdmin === false
        ? `You are signed in as ${viewer.username}, who is not an admin of ${scope.org}. Admin tools are hidden.`
        : null
      : viewer.isTeamAdmin === false && viewer.isOrgAdmin !== true
        ? `You are signed in as ${viewer.username}, who is not an admin of team ${scope.team}. Admin tools are hidden.`
        : null;
  return html`${notAdmin ? html`<p class="wbat-note" role="note">${notAdmin}</p>` : nothing}
    ${summary.filledFromScim ? html`<p class="wbat-note" role="note">${summary.fallbackReason}</p>` : nothing}
    ${
      summary.complete
        ? nothing
        : html`<p class="wbat-note" role="note">${plural(summary.visibleTeams, 'team', 'teams')} visible to you; members outside them are not listed.${
            summary.fallbackReason ? ` ${summary.fallbackReason}` : ''
          }</p>`
    }`;
}

function barError(error: ProtocolError, signInUrl: string, onRetry: () => void): TemplateResult {
  const retry = html`<button type="button" class="wbat-button" @click=${() => onRetry()}>Retry</button>`;
  if (error.kind === 'not-signed-in') {
    return html`<div class="wbat-error" role="alert">
      <span>${error.message}</span>
      <a class="wbat-button wbat-primary" href=${signInUrl} target="_blank" rel="noopener">Sign in to W&B</a>
      ${retry}
    </div>`;
  }
  const field = 'field' in error && error.field ? error.field : null;
  return html`<div class="wbat-error" role="alert">
    <span>${error.message}</span>
    ${
      error.kind === 'schema-mismatch' || error.kind === 'bad-response'
        ? html`<span class="wbat-field">${field ? `Field: ${field}` : nothing}</span>`
        : nothing
    }
    ${retry}
  </div>`;
}
