import { defineConfig } from 'wxt';

// The manifest asks only for what the extension uses: storage (typed items), alarms (job and
// re-check timers), scripting (inject the toolkit UI only on admin routes). Host access is
// limited to the W&B app and its API host; the API host permission is what lets the service
// worker's credentialed fetch carry the admin's W&B session cookie.
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  manifest: {
    name: 'Admin Toolkit for W&B',
    description: 'Bulk invite, member export and an offboarding checklist on W&B organization admin pages.',
    permissions: ['storage', 'alarms', 'scripting'],
    host_permissions: ['https://wandb.ai/*', 'https://api.wandb.ai/*'],
  },
});
