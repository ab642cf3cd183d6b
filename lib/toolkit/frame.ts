/**
 * The toolkit UI frame (`toolkit-frame.html`, inside an iframe on a W&B admin page). It waits for its
 * content script to hand it a one-time token, presents it to the background to learn which page
 * it serves, then starts the bar and tools (./toolkit.ts). It reports its layout (the bar's height,
 * or an overlay while a dialog is open) over the private port that came with the token.
 */
import { sendMessage } from '../messaging/protocol';
import { type FrameLayout, frameHandoffSchema } from './frame-protocol';
import { reportFailure } from './report';
import { startToolkit } from './toolkit';

export function startToolkitFrame(container: HTMLElement | null): void {
  if (!container) return;
  const onMessage = (event: MessageEvent) => {
    // Only the embedding page's window posts the handoff (the content script shares it).
    if (event.source !== window.parent) return;
    const handoff = frameHandoffSchema.safeParse(event.data);
    const port = event.ports[0];
    if (!handoff.success || !port) return;
    window.removeEventListener('message', onMessage);
    sendMessage('toolkitFrameHello', { token: handoff.data.token })
      .then((reply) => {
        if (!reply.ok) throw new Error(reply.error.message);
        start(container, new URL(reply.data.pageUrl), port, reply.data.launch);
      })
      .catch((error) => reportFailure('frame', error));
  };
  window.addEventListener('message', onMessage);
}

function start(
  container: HTMLElement,
  pageUrl: URL,
  port: MessagePort,
  launch: { tool: string; arg: string } | undefined,
): void {
  const bar = document.createElement('div');
  bar.className = 'wbat-frame-bar';
  const tools = document.createElement('div');
  container.replaceChildren(bar, tools);
  let overlay = false;
  const post = (layout: FrameLayout) => port.postMessage(layout);
  const barLayout = (): FrameLayout => ({ mode: 'bar', height: bar.getBoundingClientRect().height });
  new ResizeObserver(() => {
    if (!overlay) post(barLayout());
  }).observe(bar);
  startToolkit(bar, tools, {
    pageUrl: pageUrl.href,
    signInUrl: `${pageUrl.origin}/login`,
    launch,
    onOverlayChange: (open) => {
      overlay = open;
      post(open ? { mode: 'overlay' } : barLayout());
    },
  });
}
