import type { BarState } from '@/components/ToolkitBar';
import { type ProtocolError, sendMessage } from '../messaging/protocol';
import { reportFailure } from '../report';

export type { BarState };

const EXTENSION_RELOADED: ProtocolError = {
  kind: 'network',
  message:
    'The toolkit lost contact with its background worker (was the extension updated?). Reload the page.',
};

export interface SummaryFeed {
  /** Reads the figures again, past the background's cache. */
  retry(): void;
  stop(): void;
}

/**
 * The bar's figures for the admin page at `pageUrl`, fetched by the background; `onState` hears
 * every change. After an error, coming back to the tab retries once on its own (the admin may have
 * just signed in again). `retry` reads them again (past the background's cache); when that fails
 * while figures are shown, they stay, marked with the failed refresh.
 */
export function followSummary(pageUrl: string, onState: (state: BarState) => void): SummaryFeed {
  let state: BarState = { status: 'loading' };
  let request = 0;
  const set = (next: BarState) => {
    state = next;
    onState(state);
  };
  const load = (refresh: boolean) => {
    const id = ++request;
    set(state.status === 'ready' && refresh ? { ...state, refreshing: true } : { status: 'loading' });
    sendMessage('getSummary', { pageUrl, refresh })
      .then((reply) => {
        if (id !== request) return;
        if (reply.ok) set({ status: 'ready', summary: reply.data, readAt: Date.now() });
        // A failed refresh keeps the figures the admin had, marked stale with the reason.
        else if (refresh && state.status === 'ready')
          set({ ...state, refreshing: false, refreshError: reply.error });
        else set({ status: 'error', error: reply.error });
      })
      .catch((error: unknown) => {
        reportFailure('bar', error);
        if (id === request) set({ status: 'error', error: EXTENSION_RELOADED });
      });
  };
  const onVisible = () => {
    if (state.status === 'error' && document.visibilityState === 'visible') load(true);
  };
  document.addEventListener('visibilitychange', onVisible);
  load(false);
  return {
    retry: () => load(true),
    stop: () => {
      request++;
      document.removeEventListener('visibilitychange', onVisible);
    },
  };
}
