/**
 * "A message that looks like ours is not evidence of trust": the background answers only our own
 * extension's pages, the toolkit's UI frame (`toolkit-frame.html`, only inside a tab's sub-frame), and
 * our own content scripts running in the top frame of a W&B app origin the toolkit serves. Pure,
 * so the rules are tested with a table (tests/unit/background/senders.test.ts). A toolkit frame is
 * then trusted only once it is bound to its page (lib/background/toolkit-frames.ts).
 */
import { isWandbAppOrigin } from '../wandb/pages';

/** The subset of `runtime.MessageSender` the check reads. */
export interface SenderLike {
  id?: string;
  url?: string;
  origin?: string;
  /** The document that sent the message (Chrome 106+); absent in browsers that do not give it. */
  documentId?: string;
  frameId?: number;
  tab?: { id?: number };
}

export type SenderVerdict =
  | {
      trusted: true;
      kind: 'content-script';
      appOrigin: string;
      tabId: number;
      frameId: number;
      /** The sending document, where the browser says; injection then targets it and no other. */
      documentId?: string;
    }
  | {
      trusted: true;
      /** The toolkit UI page in an iframe on a W&B page: which tab and frame, not yet which page. */
      kind: 'toolkit-frame';
      tabId: number;
      frameId: number;
      documentId?: string;
    }
  | { trusted: true; kind: 'extension-page' }
  | { trusted: false; reason: string };

/** The extension page that renders the toolkit inside W&B admin pages (entrypoints/toolkit/). */
export const TOOLKIT_FRAME_PATH = '/toolkit-frame.html';

/** Classifies a sender; never throws (a malformed sender is simply untrusted). */
export function checkSender(
  sender: SenderLike,
  ours: { extensionId: string; extensionOrigin: string; extraAppOrigins?: readonly string[] },
): SenderVerdict {
  if (sender.id !== ours.extensionId) return { trusted: false, reason: 'message from another extension' };
  const url = safeUrl(sender.url);
  if (!url) return { trusted: false, reason: 'sender has no URL' };
  // `sender.origin` (where the browser gives it) is the frame's real origin; a URL that disagrees
  // with it (about:blank, a sandboxed frame with origin "null") is not trusted.
  // (Spelt out: URL.origin is "null" for chrome-extension: URLs outside a browser.)
  if (sender.origin !== undefined && sender.origin !== `${url.protocol}//${url.host}`) {
    return { trusted: false, reason: `sender origin ${sender.origin.slice(0, 80)} does not match its URL` };
  }
  if (`${url.protocol}//${url.host}` === ours.extensionOrigin.replace(/\/$/, '')) {
    if (url.pathname === TOOLKIT_FRAME_PATH) {
      // The UI frame only ever runs inside a tab's page, never as a tab of its own.
      if (sender.tab?.id === undefined || sender.frameId === undefined || sender.frameId === 0) {
        return { trusted: false, reason: 'toolkit page outside a frame of a W&B page' };
      }
      return {
        trusted: true,
        kind: 'toolkit-frame',
        tabId: sender.tab.id,
        frameId: sender.frameId,
        ...(sender.documentId ? { documentId: sender.documentId } : {}),
      };
    }
    return sender.tab?.id === undefined || sender.url?.startsWith(ours.extensionOrigin)
      ? { trusted: true, kind: 'extension-page' }
      : { trusted: false, reason: 'extension page in an unexpected context' };
  }
  if (!isWandbAppOrigin(url.origin, ours.extraAppOrigins)) {
    return {
      trusted: false,
      reason: `content script on ${url.origin}, which is not a W&B host the toolkit serves`,
    };
  }
  if (sender.tab?.id === undefined) return { trusted: false, reason: 'content script without a tab' };
  if (sender.frameId !== 0) return { trusted: false, reason: 'content script in a sub-frame' };
  return {
    trusted: true,
    kind: 'content-script',
    appOrigin: url.origin,
    tabId: sender.tab.id,
    frameId: 0,
    ...(sender.documentId ? { documentId: sender.documentId } : {}),
  };
}

/**
 * Where `scripting.executeScript` puts the toolkit: the asking document when the browser named it
 * (a page that navigated meanwhile is a new document, which gets its own injection when its own
 * watcher asks), else the frame.
 */
export function toolkitInjectionTarget(
  tabId: number,
  frameId: number,
  documentId: string | undefined,
): { tabId: number; documentIds: string[] } | { tabId: number; frameIds: number[] } {
  return documentId ? { tabId, documentIds: [documentId] } : { tabId, frameIds: [frameId] };
}

function safeUrl(value: string | undefined): URL | null {
  if (!value) return null;
  try {
    return new URL(value);
  } catch {
    return null;
  }
}
