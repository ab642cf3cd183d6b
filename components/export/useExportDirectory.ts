import { startTransition, useCallback, useEffect, useRef, useState } from 'react';
import { prepareExportRows } from '@/lib/export/rows';
import { DirectoryLoadError, loadDirectoryFromBackground } from '../shared/load-directory';
import { yieldToPage } from '../shared/yield';
import type { ExportDirectoryState } from './ExportDialog';

/** Words an admin can act on, for anything that stopped a load. */
function loadErrorMessage(error: unknown): string {
  if (error instanceof DirectoryLoadError) return error.message;
  return 'The toolkit lost contact with its background worker (was the extension updated?). Reload the page.';
}

/**
 * The export's directory, loaded through the background when the dialog opens (again when the
 * admin asks for run activity); closing the dialog or Cancel stops a load still running.
 */
export function useExportDirectory(pageUrl: string, withActivity: boolean) {
  const [directoryState, setDirectoryState] = useState<ExportDirectoryState>({ status: 'idle' });
  const controller = useRef<AbortController | null>(null);

  const load = useCallback(() => {
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    setDirectoryState({ status: 'loading', progress: null });
    loadDirectoryFromBackground(
      pageUrl,
      (progress) => {
        if (!abort.signal.aborted) setDirectoryState({ status: 'loading', progress });
      },
      abort.signal,
      withActivity,
    ).then(
      async (directory) => {
        // Build the export rows in slices now, so showing and filtering them costs no long task.
        await prepareExportRows(directory, yieldToPage);
        // A transition: React renders the filled dialog (500 team checkboxes, say) in slices.
        if (!abort.signal.aborted) startTransition(() => setDirectoryState({ status: 'ready', directory }));
      },
      (error: unknown) => {
        if (abort.signal.aborted) return;
        setDirectoryState({ status: 'error', message: loadErrorMessage(error) });
      },
    );
  }, [pageUrl, withActivity]);

  useEffect(() => {
    load();
    return () => controller.current?.abort();
  }, [load]);

  const cancel = useCallback(() => {
    controller.current?.abort();
    setDirectoryState({ status: 'error', message: 'Loading was cancelled; nothing was saved.' });
  }, []);

  return { directoryState, load, cancel };
}
