import '@/lib/zod-setup';
import { mountToolkit, reportFailure } from '@/lib/toolkit/mount';

/**
 * The toolkit UI bundle. Not in the manifest: the background injects it with
 * `scripting.executeScript` only when the route watcher reports an admin route.
 */
export default defineContentScript({
  registration: 'runtime',
  matches: ['https://wandb.ai/*'],
  cssInjectionMode: 'manual',
  main(ctx) {
    mountToolkit(ctx).catch((error) => reportFailure('toolkit', error));
  },
});
