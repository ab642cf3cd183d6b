import { useCallback, useEffect, useRef, useState } from 'react';
import type { Directory } from '@/lib/wandb/directory';
import { loadDirectoryFromBackground } from '../shared/load-directory';
import { messageOf } from './useInviteRun';

/** Where loading the directory stands (the dry run needs a fresh one). */
export type InviteDirectoryState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; directory: Directory }
  | { status: 'error'; message: string };

/** The directory the dry run checks rows against, read through the background on opening (and on Retry). */
export function useDirectoryForDryRun(pageUrl: string) {
  const [directoryState, setDirectoryState] = useState<InviteDirectoryState>({ status: 'idle' });
  const loading = useRef<AbortController | null>(null);

  const loadDirectory = useCallback(() => {
    loading.current?.abort();
    const abort = new AbortController();
    loading.current = abort;
    setDirectoryState({ status: 'loading' });
    loadDirectoryFromBackground(pageUrl, () => {}, abort.signal).then(
      (directory) => {
        if (!abort.signal.aborted) setDirectoryState({ status: 'ready', directory });
      },
      (reason: unknown) => {
        if (!abort.signal.aborted) setDirectoryState({ status: 'error', message: messageOf(reason) });
      },
    );
  }, [pageUrl]);

  useEffect(() => {
    loadDirectory();
    return () => loading.current?.abort();
  }, [loadDirectory]);

  return { directoryState, loadDirectory };
}
