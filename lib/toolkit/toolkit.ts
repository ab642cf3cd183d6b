/**
 * The toolkit in its frame: the bar (components/ToolkitBar.ts, no React) fed by the background, and
 * the tools of the registry, each opened in the React root of ./tool-host.tsx. React and the tool
 * host are fetched when a tool's button is first hovered, focused or pressed, so before any click
 * an admin page runs only the bar.
 */
import { type BarTool, canAdminister, renderToolkitBar } from '@/components/ToolkitBar';
import type { ActiveInviteJob } from '../invite/messages';
import { sendMessage } from '../messaging/protocol';
import type { OffboardingCase } from '../offboarding/model';
import { ACTION_LABELS } from '../wandb/capabilities';
import type { DirectorySummary } from '../wandb/directory';
import { activeJobLabel, followJobWhileReady } from './active-invite-job';
import { followExpiredAccess } from './expired-access';
import { loadTool } from './load-tool';
import { TOOLS, type ToolEntry, type ToolProps } from './registry';
import { reportFailure } from './report';
import { type BarState, followSummary } from './summary';
import type { ToolHost } from './tool-host';

export interface ToolkitOptions {
  pageUrl: string;
  signInUrl: string;
  /** Told when a dialog opens or closes: the frame then covers the page or shrinks to the bar. */
  onOverlayChange?: (overlay: boolean) => void;
  /** The tools on the bar (the registry's, unless a test gives others). */
  tools?: readonly ToolEntry[];
  /** A tool to open, with what it opens on, once the figures are there (the action popup's "Open the case"). */
  launch?: { tool: string; arg: string } | undefined;
}

type HostModule = typeof import('./tool-host');
let hostModule: Promise<HostModule> | null = null;
/** React and the tool host, fetched once; a failed fetch may be retried by the next opening. */
function loadHostModule(): Promise<HostModule> {
  if (!hostModule) {
    hostModule = import('./tool-host');
    hostModule.catch(() => {
      hostModule = null;
    });
  }
  return hostModule;
}

/** Fetches a tool's code ahead of the click; a failure is logged, and the click's own load says it to the admin. */
function prefetchTool(entry: ToolEntry | undefined): void {
  if (!entry) return;
  // Both at once: the tool's own chunk need not wait for React.
  loadTool(entry).catch((error: unknown) => reportFailure(entry.id, error));
  loadHostModule().catch((error: unknown) => reportFailure('toolkit', error));
}

/** The page's offboarding cases, read once the figures are there (the bar counts the open ones). */
function readCases(pageUrl: string, onCases: (cases: OffboardingCase[]) => void): void {
  sendMessage('offboardCases', { pageUrl }).then(
    (reply) => {
      if (reply.ok) onCases(reply.data);
    },
    (error: unknown) => reportFailure('offboard', error),
  );
}

/** The registry's tools as the bar draws them (no code, only where each button goes). */
const barTools = (tools: readonly ToolEntry[]): BarTool[] =>
  tools.map(({ id, label, placement }) => (placement ? { id, label, placement } : { id, label }));

/**
 * Before a tool opened from the More panel shows: the panel closes and hides the tool's button, so
 * focus goes to More first, and the dialog gives it back there when it closes.
 */
function focusMoreButton(bar: HTMLElement): void {
  bar.querySelector<HTMLElement>('.wbat-more-button')?.focus();
}

/** The More panel's Toolkit options: the panel closes, the background opens the options page. */
function openOptionsPage(more: { set(open: boolean): void }): void {
  more.set(false);
  sendMessage('openOptions', {}).catch((error: unknown) => reportFailure('options', error));
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Draws the bar in `barContainer` and opens tools in `toolContainer`; returns the function that stops it. */
export function startToolkit(
  barContainer: HTMLElement,
  toolContainer: HTMLElement,
  { pageUrl, signInUrl, onOverlayChange, tools = TOOLS, launch }: ToolkitOptions,
): () => void {
  let bar: BarState = { status: 'loading' };
  let job: ActiveInviteJob | null = null;
  let adminKey: AdminKeyBadge = null;
  let openCases = 0;
  let open: ToolEntry | null = null;
  let openArg: string | undefined; // what the open tool opens on, when the background asked
  let pendingLaunch = launch;
  let toolError: string | null = null;
  let host: ToolHost | null = null;
  let hostOverlay = false;
  let refreshedAt = 0;
  let stopped = false;

  const draw = () => {
    if (stopped) return;
    renderToolkitBar(barContainer, {
      state: bar,
      signInUrl,
      onRetry: refresh,
      tools: barTools(tools),
      onOpenTool: openTool,
      onPrefetchTool: prefetch,
      jobLabel: job ? activeJobLabel(job) : null,
      openCases,
      expiredAccess: expired.count(),
      toolError,
      adminKey,
      onOpenOptions: () => openOptionsPage(more),
      moreOpen: more.isOpen(),
      onToggleMore: () => more.set(!more.isOpen()),
      now: Date.now(),
    });
  };
  /** The frame covers the page while a dialog or the More panel is open (the panel hangs below the bar). */
  const overlayChanged = () => onOverlayChange?.(hostOverlay || more.isOpen());
  const more = followMorePanel(barContainer, () => {
    draw();
    overlayChanged();
  });
  const onCasesChanged = (cases: OffboardingCase[]) => {
    openCases = cases.filter((c) => c.status === 'open').length;
    draw();
  };

  const showOpenTool = () => {
    if (!host) return;
    const calls = { onClose: closeTool, onCasesChanged, onOpenTool: openTool };
    host.show(
      open && bar.status === 'ready'
        ? { entry: open, props: toolProps(pageUrl, bar.summary, openArg, calls) }
        : null,
    );
  };
  function openTool(id: string, arg?: string) {
    const entry = tools.find((tool) => tool.id === id);
    // As the bar offers them: only to a viewer who may administer the page's org or team.
    if (!entry || bar.status !== 'ready' || !canAdminister(bar.summary)) return;
    open = entry;
    openArg = arg;
    pendingLaunch = undefined; // asked for once: the first opening consumes it
    toolError = null;
    if (entry.placement === 'more') focusMoreButton(barContainer);
    more.set(false);
    draw();
    loadHostModule().then(
      (module) => {
        if (stopped || open !== entry) return;
        host ??= module.createToolHost(toolContainer, (overlay) => {
          hostOverlay = overlay;
          overlayChanged();
        });
        showOpenTool();
      },
      (error: unknown) => {
        reportFailure(entry.id, error);
        if (open !== entry) return;
        open = null;
        toolError = `${entry.label} could not open: ${messageOf(error)}. Reload the page.`;
        draw();
      },
    );
  }
  function closeTool() {
    open = null;
    openArg = undefined;
    showOpenTool();
    // What the tool changed (invites sent, a member removed, an access date) shows at once.
    refresh();
    jobs.ask();
    expired.ask();
  }
  function refresh() {
    refreshedAt = Date.now();
    summary.retry();
  }
  const prefetch = (id: string) => prefetchTool(tools.find((tool) => tool.id === id));

  const onJob = (next: ActiveInviteJob | null) => {
    const hadJob = job !== null;
    job = next;
    // A job that finishes while no dialog is open changed the pending invites: read them again
    // (not twice: closing its dialog has just read them).
    if (hadJob && !next && !open && Date.now() - refreshedAt > 5000) refresh();
    draw();
  };
  const jobs = followJobWhileReady(pageUrl, onJob);
  const expired = followExpiredAccess(pageUrl, () => draw());
  const summary = followSummary(pageUrl, (state) => {
    const wasReady = bar.status === 'ready';
    bar = state;
    const ready = state.status === 'ready';
    jobs.setReady(ready);
    if (ready && !wasReady) readCases(pageUrl, onCasesChanged);
    expired.setReady(ready && canAdminister(state.summary));
    showOpenTool();
    draw();
    if (ready && pendingLaunch) openTool(pendingLaunch.tool, pendingLaunch.arg);
  });

  const stopKey = followAdminKey(pageUrl, (next) => {
    adminKey = next;
    draw();
  });
  // The figures' age is shown once they are old: checked every minute.
  const ticker = setInterval(draw, 60_000);
  draw();

  return () => {
    stopped = true;
    summary.stop();
    jobs.stop();
    expired.stop();
    clearInterval(ticker);
    stopKey();
    more.stop();
    host?.show(null);
  };
}

/**
 * Whether the bar's More panel is open; it closes on Escape (focus back on its button) and on a
 * press anywhere outside it. `onChange` hears each change.
 */
function followMorePanel(bar: HTMLElement, onChange: () => void) {
  let open = false;
  const set = (next: boolean) => {
    if (next === open) return;
    open = next;
    onChange();
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !open) return;
    set(false);
    bar.querySelector<HTMLElement>('.wbat-more-button')?.focus();
  };
  const onPointer = (event: PointerEvent) => {
    const inside = event.target instanceof Node && bar.querySelector('.wbat-more')?.contains(event.target);
    if (open && !inside) set(false);
  };
  document.addEventListener('keydown', onKey);
  document.addEventListener('pointerdown', onPointer);
  return {
    isOpen: () => open,
    set,
    stop: () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    },
  };
}

type AdminKeyBadge = { last4: string; enables: string[] } | null;

/**
 * The admin key active for this page's host, as the bar shows it (null when none works here), read
 * now and whenever the tab comes back (the key may be added or forgotten in the options page while
 * it is open). Returns the function that stops following it.
 */
function followAdminKey(pageUrl: string, onKey: (badge: AdminKeyBadge) => void): () => void {
  const load = () =>
    sendMessage('capabilities', { appOrigin: new URL(pageUrl).origin }).then(
      (reply) =>
        onKey(
          reply.ok && reply.data.key && reply.data.key.status === 'admin'
            ? {
                last4: reply.data.key.last4,
                enables: reply.data.enabledByKey.map((action) => ACTION_LABELS[action].toLowerCase()),
              }
            : null,
        ),
      (error: unknown) => {
        reportFailure('admin-key', error);
        onKey(null);
      },
    );
  load();
  document.addEventListener('visibilitychange', load);
  return () => document.removeEventListener('visibilitychange', load);
}

/** What the bar hands the open tool (components/shared/tool.ts). */
function toolProps(
  pageUrl: string,
  summary: DirectorySummary,
  launch: string | undefined,
  calls: Pick<ToolProps, 'onClose' | 'onCasesChanged' | 'onOpenTool'>,
): ToolProps {
  return { pageUrl, summary, org: orgName(summary), ...calls, ...(launch === undefined ? {} : { launch }) };
}

function orgName(summary: DirectorySummary): string {
  return (
    summary.org?.name ?? (summary.scope.kind === 'org' ? summary.scope.org : (summary.scope.org ?? 'org'))
  );
}
