import { useCallback, useEffect, useRef, useState } from 'react';
import type { BarState } from '../../components/ToolkitBar';
import { type ProtocolError, sendMessage } from '../messaging/protocol';
import { reportFailure } from '../report';

export type { BarState };

const EXTENSION_RELOADED: ProtocolError = {
  kind: 'network',
  message:
    'The toolkit lost contact with its background worker (was the extension updated?). Reload the page.',
};

/**
 * The bar's figures for the admin page at `pageUrl`, fetched by the background. After an error,
 * coming back to the tab retries once on its own (the admin may have just signed in again).
 * `retry` reads them again (past the background's cache); when that fails while figures are
 * shown, they stay, marked with the failed refresh.
 */
export function useSummary(pageUrl: string): { state: BarState; retry(): void } {
  const [state, setState] = useState<BarState>({ status: 'loading' });
  const request = useRef(0);

  const load = useCallback(
    (refresh: boolean) => {
      const id = ++request.current;
      setState((previous) =>
        previous.status === 'ready' && refresh ? { ...previous, refreshing: true } : { status: 'loading' },
      );
      sendMessage('getSummary', { pageUrl, refresh })
        .then((reply) => {
          if (id !== request.current) return;
          setState((previous) => {
            if (reply.ok) return { status: 'ready', summary: reply.data, readAt: Date.now() };
            // A failed refresh keeps the figures the admin had, marked stale with the reason.
            if (refresh && previous.status === 'ready')
              return { ...previous, refreshing: false, refreshError: reply.error };
            return { status: 'error', error: reply.error };
          });
        })
        .catch((error: unknown) => {
          reportFailure('bar', error);
          if (id === request.current) setState({ status: 'error', error: EXTENSION_RELOADED });
        });
    },
    [pageUrl],
  );

  useEffect(() => {
    load(false);
  }, [load]);

  useEffect(() => {
    if (state.status !== 'error') return;
    const onVisible = () => {
      if (document.visibilityState === 'visible') load(true);
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [state.status, load]);

  return { state, retry: useCallback(() => load(true), [load]) };
}
