import { sendMessage } from '../lib/messaging/protocol';
import { isToolkitLoaded } from '../lib/toolkit/flag';
import { isAdminRoute, isPageNavigation } from '../lib/wandb/pages';

/**
 * A tiny route watcher on every W&B page. It asks the background for the toolkit UI only when the
 * tab is (or navigates in-app) on an admin route, so other W&B pages never parse React.
 */
export default defineContentScript({
  matches: ['https://wandb.ai/*'],
  runAt: 'document_end',
  main(ctx) {
    const requestToolkit = (url: URL) => {
      if (isToolkitLoaded() || !isAdminRoute(url)) return;
      sendMessage('injectToolkit', { pageUrl: url.href }).catch(() => {
        // The extension was reloaded or the background refused; the page must not notice.
      });
    };
    requestToolkit(new URL(location.href));
    ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }) => {
      if (isPageNavigation(newUrl)) requestToolkit(newUrl);
    });
  },
});
