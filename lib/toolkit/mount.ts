/**
 * Puts the toolkit on W&B admin pages: an iframe of the extension's own page (`toolkit-frame.html`),
 * which the page's scripts cannot read, script or click into (another origin), in a shadow root
 * that keeps the page's styles off it. Follows in-app (SPA) navigation: a new frame for each admin
 * route, nothing elsewhere. Failures are reported with the feature id and never thrown into the page.
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { sendMessage } from '../messaging/protocol';
import { isPageNavigation, parseAdminRoute } from '../wandb/pages';
import { markToolkitLoaded } from './flag';
import { type FrameLayout, frameLayoutSchema, INITIAL_BAR_HEIGHT } from './frame-protocol';
import { reportFailure } from './report';

/** The element name of the shadow host the toolkit adds to the page (and nothing else). */
export const TOOLKIT_HOST_ELEMENT = 'wandb-admin-toolkit';

export { reportFailure };

const HOST_STYLE = `
:host { display: block !important; position: relative !important; margin: 0 !important;
  padding: 0 !important; border: 0 !important; }
iframe { display: block; width: 100%; border: 0; margin: 0; padding: 0; background: transparent;
  color-scheme: normal; }
iframe.wbat-overlay { position: fixed; inset: 0; width: 100vw; height: 100vh; z-index: 2147483647; }
`;

export async function mountToolkit(ctx: ContentScriptContext): Promise<void> {
  if (!markToolkitLoaded()) return;
  let current: { remove(): void } | null = null;
  const render = (url: URL) => {
    try {
      current?.remove();
      current = parseAdminRoute(url) ? addToolkitFrame(url.href) : null;
    } catch (error) {
      reportFailure('mount', error);
    }
  };
  render(new URL(location.href));
  ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }) => {
    if (isPageNavigation(newUrl)) render(newUrl);
  });
  ctx.onInvalidated(() => current?.remove());
}

/** Adds the host and the frame at the top of the page; hands the frame its token on every load. */
function addToolkitFrame(pageUrl: string): { remove(): void } {
  const host = document.createElement(TOOLKIT_HOST_ELEMENT);
  const root = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = HOST_STYLE;
  const frame = document.createElement('iframe');
  frame.title = 'W&B Admin Toolkit';
  const frameUrl = browser.runtime.getURL('/toolkit-frame.html');
  frame.src = frameUrl;
  root.append(style, frame);
  let barHeight = INITIAL_BAR_HEIGHT;
  const layout = (next: FrameLayout) => {
    if (next.mode === 'bar') barHeight = Math.ceil(next.height);
    // The host keeps the bar's height in both modes, so the page never moves under a dialog.
    host.style.setProperty('height', `${barHeight}px`, 'important');
    frame.style.height = next.mode === 'bar' ? `${barHeight}px` : '';
    frame.classList.toggle('wbat-overlay', next.mode === 'overlay');
  };
  layout({ mode: 'bar', height: barHeight });
  let channel: MessageChannel | null = null;
  const handOver = async () => {
    channel?.port1.close();
    const current = new MessageChannel();
    channel = current;
    current.port1.onmessage = (event) => {
      const parsed = frameLayoutSchema.safeParse(event.data);
      if (parsed.success) layout(parsed.data);
    };
    const reply = await sendMessage('toolkitFrameToken', { pageUrl });
    if (!reply.ok) throw new Error(reply.error.message);
    // Aimed at the extension's origin: if the frame now shows anything else, it receives nothing.
    // (The frame's URL may carry Chrome's per-session dynamic id; its document's origin is the
    // extension's own, which `getURL('/')` gives.)
    frame.contentWindow?.postMessage(
      { type: 'wbat-toolkit-handoff', token: reply.data.token },
      new URL(browser.runtime.getURL('/')).origin,
      [current.port2],
    );
  };
  frame.addEventListener('load', () => {
    handOver().catch((error) => reportFailure('frame', error));
  });
  document.body.prepend(host);
  return {
    remove() {
      channel?.port1.close();
      host.remove();
    },
  };
}
