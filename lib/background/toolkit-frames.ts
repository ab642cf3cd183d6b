/**
 * Which extension frames are the toolkit's own UI, and for which W&B page.
 *
 * The toolkit renders in an extension page (`toolkit-frame.html`) inside an iframe on the admin page, so
 * no script of the page can reach into it. That page is web-accessible, so a page could also embed
 * it on its own; such a frame must be useless. Hence a handshake:
 * 1. the toolkit's content script on an admin page asks for a one-time token (`issueToken`, bound
 *    to its tab, origin and page URL);
 * 2. it adds the iframe and, once loaded, hands the token to it with `postMessage` aimed at the
 *    extension's origin — never in the frame's URL, so the page never sees it;
 * 3. the frame presents the token (`adopt`) and is bound: tab, frame id and document, to the page.
 * Every later message from a toolkit frame is accepted only from a bound frame (`lookup`).
 * State lives in `storage.session` (the service worker may restart while the page is open).
 */
import { z } from 'zod';
import { settled } from '../report';

/** A toolkit frame the background answers, and the W&B page it belongs to. */
export interface FrameBinding {
  appOrigin: string;
  pageUrl: string;
  tabId: number;
  frameId: number;
  documentId?: string;
  at: number;
}

const pendingSchema = z.object({
  appOrigin: z.string(),
  pageUrl: z.string(),
  tabId: z.int(),
  at: z.number(),
});
const bindingSchema = z.object({
  appOrigin: z.string(),
  pageUrl: z.string(),
  tabId: z.int(),
  frameId: z.int(),
  documentId: z.string().optional(),
  at: z.number(),
});
export const toolkitFramesStateSchema = z.object({
  pending: z.record(z.string(), pendingSchema),
  frames: z.record(z.string(), bindingSchema),
});
export type ToolkitFramesState = z.infer<typeof toolkitFramesStateSchema>;

/** A token not presented within this time is void (the frame loads in well under a second). */
export const TOKEN_TTL_MS = 60_000;
/** Bound frames kept at most (oldest dropped first): closed tabs and left pages leave stale ones. */
export const MAX_BOUND_FRAMES = 200;
const MAX_PENDING = 50;

export interface FrameStore {
  get(): Promise<unknown>;
  set(state: ToolkitFramesState): Promise<void>;
}

export interface ToolkitFrames {
  /** A one-time token for the frame a content script is about to add to its page. */
  issueToken(page: { appOrigin: string; tabId: number }, pageUrl: string): Promise<string>;
  /** Binds the presenting frame when the token is live and was issued to its tab; null otherwise. */
  adopt(
    token: string,
    frame: { tabId: number; frameId: number; documentId?: string },
  ): Promise<FrameBinding | null>;
  /** The binding of a frame (same tab, frame and, where the browser says, document); null if none. */
  lookup(frame: { tabId: number; frameId: number; documentId?: string }): Promise<FrameBinding | null>;
  /** Forgets every frame and token of a closed tab. */
  forgetTab(tabId: number): Promise<void>;
}

export function createToolkitFrames(
  store: FrameStore,
  options: { now?: () => number; newToken?: () => string } = {},
): ToolkitFrames {
  const now = options.now ?? Date.now;
  const newToken = options.newToken ?? (() => crypto.randomUUID());
  // Read-modify-write of one storage value: serialised, so concurrent messages never lose a binding.
  let queue: Promise<unknown> = Promise.resolve();
  const update = <T>(change: (state: ToolkitFramesState) => T): Promise<T> => {
    const run = queue.then(async () => {
      const state = await read();
      const result = change(state);
      await store.set(state);
      return result;
    });
    queue = settled(run);
    return run;
  };
  const read = async (): Promise<ToolkitFramesState> => {
    const parsed = toolkitFramesStateSchema.safeParse(await store.get());
    // A malformed value (never written by this code) binds nothing: frames then re-handshake.
    return parsed.success ? parsed.data : { pending: {}, frames: {} };
  };
  const key = (frame: { tabId: number; frameId: number }) => `${frame.tabId}:${frame.frameId}`;

  return {
    issueToken(page, pageUrl) {
      return update((state) => {
        const token = newToken();
        prune(state.pending, MAX_PENDING - 1, (entry) => now() - entry.at > TOKEN_TTL_MS);
        state.pending[token] = { appOrigin: page.appOrigin, pageUrl, tabId: page.tabId, at: now() };
        return token;
      });
    },
    adopt(token, frame) {
      return update((state) => {
        const pending = state.pending[token];
        delete state.pending[token];
        if (!pending || now() - pending.at > TOKEN_TTL_MS || pending.tabId !== frame.tabId) return null;
        const binding: FrameBinding = {
          appOrigin: pending.appOrigin,
          pageUrl: pending.pageUrl,
          tabId: frame.tabId,
          frameId: frame.frameId,
          ...(frame.documentId ? { documentId: frame.documentId } : {}),
          at: now(),
        };
        prune(state.frames, MAX_BOUND_FRAMES - 1, () => false);
        state.frames[key(frame)] = binding;
        return binding;
      });
    },
    async lookup(frame) {
      await queue;
      const binding = (await read()).frames[key(frame)];
      if (!binding) return null;
      // A frame that navigated is a new document: it must present a new token.
      if (binding.documentId && frame.documentId && binding.documentId !== frame.documentId) return null;
      return binding;
    },
    forgetTab(tabId) {
      return update((state) => {
        for (const [name, entry] of Object.entries(state.frames))
          if (entry.tabId === tabId) delete state.frames[name];
        for (const [name, entry] of Object.entries(state.pending))
          if (entry.tabId === tabId) delete state.pending[name];
      });
    },
  };
}

/** Drops expired entries, then the oldest, until at most `keep` remain. */
function prune<T extends { at: number }>(
  entries: Record<string, T>,
  keep: number,
  expired: (entry: T) => boolean,
): void {
  for (const [name, entry] of Object.entries(entries)) if (expired(entry)) delete entries[name];
  const names = Object.keys(entries).sort((a, b) => (entries[a]?.at ?? 0) - (entries[b]?.at ?? 0));
  for (const name of names.slice(0, Math.max(0, names.length - keep))) delete entries[name];
}
