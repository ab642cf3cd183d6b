/**
 * Mounts the toolkit bar in a shadow root at the top of W&B admin pages and keeps it in step with
 * in-app (SPA) navigation: mounted on admin routes, removed everywhere else. Failures are
 * reported with the feature id and never thrown into the host page.
 */
import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import styles from '../../components/toolkit.css?inline';
import { isPageNavigation, parseAdminRoute } from '../wandb/pages';
import { markToolkitLoaded } from './flag';
import { ToolkitApp } from './ToolkitApp';

/** The element name of the shadow host the toolkit adds to the page (and nothing else). */
export const TOOLKIT_HOST_ELEMENT = 'wandb-admin-toolkit';

export function reportFailure(feature: string, error: unknown): void {
  console.warn(`[wandb-admin-toolkit:${feature}]`, error instanceof Error ? error.message : String(error));
}

export async function mountToolkit(ctx: ContentScriptContext): Promise<void> {
  if (!markToolkitLoaded()) return;
  let root: Root | null = null;
  const ui = await createShadowRootUi<Root>(ctx, {
    name: TOOLKIT_HOST_ELEMENT,
    position: 'inline',
    anchor: 'body',
    append: 'first',
    css: styles,
    onMount(container) {
      root = createRoot(container, { onUncaughtError: (error) => reportFailure('bar', error) });
      return root;
    },
    onRemove(mounted) {
      mounted?.unmount();
      root = null;
    },
  });

  const render = (url: URL) => {
    try {
      if (!parseAdminRoute(url)) {
        if (ui.mounted) ui.remove();
        return;
      }
      if (!ui.mounted) ui.mount();
      root?.render(
        <StrictMode>
          <ToolkitApp key={url.pathname} pageUrl={url.href} signInUrl={`${url.origin}/login`} />
        </StrictMode>,
      );
    } catch (error) {
      reportFailure('mount', error);
    }
  };

  render(new URL(location.href));
  ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }) => {
    if (isPageNavigation(newUrl)) render(newUrl);
  });
}
