/**
 * The toolkit UI frame (`toolkit-frame.html`, inside an iframe on a W&B admin page). It waits for its
 * content script to hand it a one-time token, presents it to the background to learn which page
 * it serves, then renders the bar and tools. It reports its layout (the bar's height, or an
 * overlay while a dialog is open) over the private port that came with the token.
 */
import { StrictMode, useCallback, useEffect, useRef } from 'react';
import { createRoot } from 'react-dom/client';
import { sendMessage } from '../messaging/protocol';
import { type FrameLayout, frameHandoffSchema } from './frame-protocol';
import { reportFailure } from './report';
import { ToolkitApp } from './ToolkitApp';

export function startToolkitFrame(container: HTMLElement | null): void {
  if (!container) return;
  const root = createRoot(container, { onUncaughtError: (error) => reportFailure('bar', error) });
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
        const pageUrl = new URL(reply.data.pageUrl);
        root.render(
          <StrictMode>
            <FrameApp pageUrl={pageUrl.href} signInUrl={`${pageUrl.origin}/login`} port={port} />
          </StrictMode>,
        );
      })
      .catch((error) => reportFailure('frame', error));
  };
  window.addEventListener('message', onMessage);
}

function FrameApp({ pageUrl, signInUrl, port }: { pageUrl: string; signInUrl: string; port: MessagePort }) {
  const barRef = useRef<HTMLDivElement>(null);
  const overlay = useRef(false);
  const post = useCallback((layout: FrameLayout) => port.postMessage(layout), [port]);
  useEffect(() => {
    const bar = barRef.current;
    if (!bar) return;
    const observer = new ResizeObserver(() => {
      if (!overlay.current) post({ mode: 'bar', height: bar.getBoundingClientRect().height });
    });
    observer.observe(bar);
    return () => observer.disconnect();
  }, [post]);
  const onOverlayChange = useCallback(
    (open: boolean) => {
      overlay.current = open;
      const bar = barRef.current;
      post(open || !bar ? { mode: 'overlay' } : { mode: 'bar', height: bar.getBoundingClientRect().height });
    },
    [post],
  );
  return (
    <div ref={barRef} className="wbat-frame-bar">
      <ToolkitApp pageUrl={pageUrl} signInUrl={signInUrl} onOverlayChange={onOverlayChange} />
    </div>
  );
}
