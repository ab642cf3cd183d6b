/**
 * `storage.session` items: kept while the browser runs, readable by the background only. They are
 * declared apart from lib/storage.ts because a WXT item reads its value when it is defined, and
 * a content script that merely imported a `session:` item would throw "Access to storage is not
 * allowed from this context" on the W&B page.
 */
import { storage } from 'wxt/utils/storage';
import { z } from 'zod';
import { parseStored, parseStoredRecord } from '../corrupt-storage';
import { type ToolkitFramesState, toolkitFramesStateSchema } from './toolkit-frames';

export const directoryStrategySchema = z.enum(['org-query', 'per-team']);
export type DirectoryStrategy = z.infer<typeof directoryStrategySchema>;

/**
 * Which way of reading the member directory each W&B API origin accepted, so a server that
 * rejected the org query is not asked again after the service worker restarts. Session storage:
 * forgotten when the browser closes, so a server upgrade is picked up.
 */
export const directoryStrategyItem = storage.defineItem<Record<string, DirectoryStrategy>>(
  'session:directoryStrategy',
  { fallback: {}, version: 1 },
);

/** The remembered strategies by API origin; a corrupt entry (or value) is set aside and left out. */
export async function readDirectoryStrategies(): Promise<Record<string, DirectoryStrategy>> {
  return (
    await parseStoredRecord(
      'session:directoryStrategy',
      await directoryStrategyItem.getValue(),
      directoryStrategySchema,
    )
  ).entries;
}

/** Remembers `strategy` for `apiOrigin` (entries that did not parse are not written back). */
export async function rememberDirectoryStrategy(
  apiOrigin: string,
  strategy: DirectoryStrategy,
): Promise<void> {
  await directoryStrategyItem.setValue({ ...(await readDirectoryStrategies()), [apiOrigin]: strategy });
}

/**
 * The toolkit UI frames bound to their W&B pages, and the one-time tokens not yet presented
 * (lib/background/toolkit-frames.ts). Session storage: it must outlive a service-worker restart
 * while the admin page stays open, and means nothing after the browser closes. Parsed with zod
 * where it is read.
 */
export const toolkitFramesItem = storage.defineItem<unknown>('session:toolkitFrames', {
  fallback: { pending: {}, frames: {} },
  version: 1,
});

/**
 * The frames and tokens, parsed; a corrupt value binds nothing (frames then re-handshake) and is
 * set aside as a note only: it holds one-time tokens, which are not copied anywhere.
 */
export function readToolkitFramesState(): Promise<ToolkitFramesState> {
  return toolkitFramesItem
    .getValue()
    .then((raw) =>
      parseStored(
        'session:toolkitFrames',
        raw,
        toolkitFramesStateSchema,
        { pending: {}, frames: {} },
        { secret: true },
      ),
    );
}
