import { type ComponentType, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { ToolBoundary, ToolLoading } from '../../components/ToolBoundary';
import { ToolkitBar } from '../../components/ToolkitBar';
import { sendMessage } from '../messaging/protocol';
import type { OffboardingCase } from '../offboarding/model';
import { ACTION_LABELS } from '../wandb/capabilities';
import type { DirectorySummary } from '../wandb/directory';
import { activeJobLabel, useActiveInviteJob } from './active-invite-job';
import { TOOLS, type ToolEntry, type ToolProps } from './registry';
import { reportFailure } from './report';
import { useSummary } from './summary';

/**
 * Each tool's code, fetched once per page: on the first hover or focus of its button (so it is
 * usually there by the click) or on the click. Loaded by hand rather than with React.lazy, whose
 * Suspense holds revealed content back for up to 300 ms after a fallback showed.
 */
const loading = new WeakMap<ToolEntry, Promise<ComponentType<ToolProps>>>();
const loaded = new WeakMap<ToolEntry, ComponentType<ToolProps>>();
function loadTool(entry: ToolEntry): Promise<ComponentType<ToolProps>> {
  let promise = loading.get(entry);
  if (!promise) {
    promise = entry.load().then((component) => {
      loaded.set(entry, component);
      return component;
    });
    // A failed load may be retried by the next opening.
    promise.catch(() => loading.delete(entry));
    loading.set(entry, promise);
  }
  return promise;
}

/** Fetches a tool's code ahead of the click; a failure is logged, and the click's own load says it to the admin. */
function prefetch(entry: ToolEntry): void {
  loadTool(entry).catch((error: unknown) => reportFailure(entry.id, error));
}

/** The container of the toolkit bar: background data in, the presentational bar and tools out. */
export function ToolkitApp({
  pageUrl,
  signInUrl,
  onOverlayChange,
  tools = TOOLS,
}: {
  pageUrl: string;
  signInUrl: string;
  /** Told when a dialog opens or closes: the frame then covers the page or shrinks to the bar. */
  onOverlayChange?: (overlay: boolean) => void;
  /** The tools on the bar (the registry's, unless a test gives others). */
  tools?: readonly ToolEntry[];
}) {
  const { state, retry } = useSummary(pageUrl);
  const [open, setOpen] = useState<string | null>(null);
  const refreshedAt = useRef(0);
  const refresh = useCallback(() => {
    refreshedAt.current = Date.now();
    retry();
  }, [retry]);
  const closeTool = useCallback(() => {
    setOpen(null);
    // The tool may have changed W&B (invites sent, a member removed): the figures are read again.
    refresh();
  }, [refresh]);
  const overlay = open !== null && state.status === 'ready';
  // Before paint, so a dialog is never drawn into a frame the height of the bar.
  useLayoutEffect(() => onOverlayChange?.(overlay), [overlay, onOverlayChange]);
  // Asked again whenever a dialog closes, so a job started there shows at once.
  const activeJob = useActiveInviteJob(pageUrl, state.status === 'ready', open);
  // A job that finishes while no dialog is open changed the pending invites: read them again.
  const jobRunning = activeJob !== null;
  const hadJob = useRef(false);
  useEffect(() => {
    if (jobRunning) hadJob.current = true;
    else if (hadJob.current) {
      hadJob.current = false;
      // Not twice: closing its dialog has just read them.
      if (Date.now() - refreshedAt.current > 5000) refresh();
    }
  }, [jobRunning, refresh]);
  const adminKey = useAdminKeyBadge(pageUrl);
  const [openCases, setOpenCases] = useState(0);
  const onCasesChanged = useCallback(
    (cases: OffboardingCase[]) => setOpenCases(cases.filter((c) => c.status === 'open').length),
    [],
  );
  const ready = state.status === 'ready';
  const openTool = tools.find((tool) => tool.id === open);
  useEffect(() => {
    if (!ready) return;
    sendMessage('offboardCases', { pageUrl }).then(
      (reply) => {
        if (reply.ok) onCasesChanged(reply.data);
      },
      (error: unknown) => reportFailure('offboard', error),
    );
  }, [ready, pageUrl, onCasesChanged]);
  return (
    <>
      <ToolkitBar
        state={state}
        signInUrl={signInUrl}
        onRetry={retry}
        adminKey={adminKey}
        onOpenOptions={() => {
          sendMessage('openOptions', {}).catch((error: unknown) => reportFailure('options', error));
        }}
        tools={
          <>
            {activeJob ? (
              <button
                type="button"
                className="wbat-button wbat-job-chip"
                aria-haspopup="dialog"
                onClick={() => setOpen('invite')}
              >
                {activeJobLabel(activeJob)}
              </button>
            ) : null}
            {tools.map((tool) => (
              <button
                key={tool.id}
                type="button"
                className="wbat-button"
                aria-haspopup="dialog"
                onPointerEnter={() => prefetch(tool)}
                onFocus={() => prefetch(tool)}
                onClick={() => setOpen(tool.id)}
              >
                {tool.label}
              </button>
            ))}
            {openCases > 0 ? (
              <output className="wbat-count" aria-label="Open offboarding cases">
                {openCases} open offboarding {openCases === 1 ? 'case' : 'cases'}
              </output>
            ) : null}
          </>
        }
      />
      {openTool && state.status === 'ready' ? (
        <OpenTool
          key={openTool.id}
          entry={openTool}
          pageUrl={pageUrl}
          summary={state.summary}
          org={orgName(state.summary)}
          onClose={closeTool}
          onCasesChanged={onCasesChanged}
        />
      ) : null}
    </>
  );
}

/** One open tool: loaded on first use, inside its own error boundary. */
function OpenTool({ entry, ...props }: ToolProps & { entry: ToolEntry }) {
  const [state, setState] = useState<{ Tool?: ComponentType<ToolProps>; error?: unknown }>(() => {
    const Tool = loaded.get(entry);
    return Tool ? { Tool } : {};
  });
  useEffect(() => {
    if (state.Tool) return;
    let live = true;
    loadTool(entry).then(
      (Tool) => live && setState({ Tool }),
      (error: unknown) => live && setState({ error }),
    );
    return () => {
      live = false;
    };
  }, [entry, state.Tool]);
  const { Tool } = state;
  return (
    <ToolBoundary
      label={entry.label}
      onClose={props.onClose}
      onError={(error) => reportFailure(entry.id, error)}
    >
      {'error' in state ? (
        <Rethrow error={state.error} />
      ) : Tool ? (
        <Tool {...props} />
      ) : (
        <ToolLoading label={entry.label} onClose={props.onClose} />
      )}
    </ToolBoundary>
  );
}

/** Hands a failed load to the tool's error boundary, as a render error would be. */
function Rethrow({ error }: { error: unknown }): never {
  throw error;
}

function orgName(summary: DirectorySummary): string {
  return (
    summary.org?.name ?? (summary.scope.kind === 'org' ? summary.scope.org : (summary.scope.org ?? 'org'))
  );
}

/** The admin key active for this page's host, as the bar shows it; null when none works here. */
function useAdminKeyBadge(pageUrl: string): { last4: string; enables: string[] } | null {
  const [badge, setBadge] = useState<{ last4: string; enables: string[] } | null>(null);
  useEffect(() => {
    const load = () =>
      sendMessage('capabilities', { appOrigin: new URL(pageUrl).origin })
        .then((reply) => {
          setBadge(
            reply.ok && reply.data.key && reply.data.key.status === 'admin'
              ? {
                  last4: reply.data.key.last4,
                  enables: reply.data.enabledByKey.map((action) => ACTION_LABELS[action].toLowerCase()),
                }
              : null,
          );
        })
        .catch((error: unknown) => {
          reportFailure('admin-key', error);
          setBadge(null);
        });
    load();
    // The key may be added or forgotten in the options page while this tab is open.
    document.addEventListener('visibilitychange', load);
    return () => document.removeEventListener('visibilitychange', load);
  }, [pageUrl]);
  return badge;
}
