import { defineConfig } from 'wxt';

// The manifest asks only for what the extension uses: storage (typed items), alarms (job and
// re-check timers), scripting (inject the toolkit UI only on admin routes, and register the route
// watcher on self-managed hosts the admin added). Host access is
// limited to the W&B app and its API host; the API host permission is what lets the service
// worker's credentialed fetch carry the admin's W&B session cookie.
export default defineConfig({
  hooks: {
    // What runs in or beside a W&B page — the route watcher (on every W&B page, ≤ 5 KB gzip), the
    // toolkit content script, and the extension pages (the toolkit frame and the options page, built
    // as one group) — uses the browser's own promise-based API: Firefox's `browser`, Chrome's
    // `chrome` (MV3). Their builds resolve `wxt/browser` to WXT's native wrapper instead of
    // webextension-polyfill (about 10 KB gzip each); the background, built on its own, keeps the
    // polyfill (its message listeners answer with promises).
    'vite:build:extendConfig'(entrypoints, viteConfig) {
      const native = new Set(['watcher', 'toolkit', 'toolkit-frame', 'options', 'popup']);
      if (entrypoints.length === 0 || !entrypoints.every((entrypoint) => native.has(entrypoint.name))) return;
      const alias = viteConfig.resolve?.alias;
      const nativeBrowser = { find: /^wxt\/browser$/, replacement: '@wxt-dev/browser' };
      viteConfig.resolve = {
        ...viteConfig.resolve,
        alias: Array.isArray(alias)
          ? [nativeBrowser, ...alias]
          : [
              nativeBrowser,
              ...Object.entries(alias ?? {}).map(([find, replacement]) => ({ find, replacement })),
            ],
      };
    },
  },
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  // `npm run zip`: the store packages carry the PNG icons the manifests name, not the SVG they are
  // drawn from; the Firefox sources package (for AMO's reviewers) leaves out what .gitignore does:
  // test and benchmark output a local run left behind.
  zip: {
    exclude: ['icon/icon.svg'],
    excludeSources: [
      'test-results/**',
      'playwright-report/**',
      'reports/**',
      '.bench/**',
      'tmp/**',
      'demo-screenshot.png',
      '*.log',
    ],
  },
  manifest: ({ browser }) => ({
    name: 'Admin Toolkit for W&B',
    description: 'Bulk invite, member export and an offboarding checklist on W&B organization admin pages.',
    permissions: ['storage', 'alarms', 'scripting'],
    // The toolbar action exists only to carry the offboarding re-check badge (no popup, and no
    // `notifications` permission).
    action: {
      default_title: 'Admin Toolkit for W&B',
      default_icon: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' },
    },
    host_permissions: ['https://wandb.ai/*', 'https://api.wandb.ai/*'],
    // The toolkit's UI is this extension page in an iframe on W&B admin pages, out of the page
    // scripts' reach. Web-accessible so the content script can embed it, on any HTTPS origin
    // because self-managed W&B hosts have arbitrary names. A frame the toolkit did not open itself
    // gets no token and is refused by the background (lib/background/toolkit-frames.ts). In Chrome
    // its URL carries a per-session id (`use_dynamic_url`), so no site can probe for it; Firefox
    // already gives every install its own random moz-extension:// origin.
    web_accessible_resources:
      browser === 'firefox'
        ? (['toolkit-frame.html'] as unknown as { resources: string[]; matches: string[] }[])
        : [{ resources: ['toolkit-frame.html'], matches: ['https://*/*'], use_dynamic_url: true }],
    // Dedicated and self-managed W&B hosts have arbitrary names (`<name>.wandb.io` or the
    // customer's own domain), so the only pattern that can cover them is every HTTPS origin. It is
    // optional: nothing is granted at install; the options page asks for one origin at a time
    // (`https://<host>/*`) when the admin adds that host, and gives it back when it is removed.
    optional_host_permissions: ['https://*/*'],
    // Firefox's build is MV2, where WXT drops the MV3-only key above: there the same pattern is an
    // optional permission (without it `permissions.request` for an added host is refused).
    ...(browser === 'firefox' ? { optional_permissions: ['https://*/*'] } : {}),
    // A fixed add-on id keeps one storage across installs (Firefox makes up a new id, and a new
    // storage, for every temporary install without it); nothing is collected or sent anywhere but
    // the admin's own W&B hosts, which Firefox asks add-ons to declare.
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'admin-toolkit-for-wandb@wbat.invalid',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
    // An incognito window must act with its own W&B session, never the normal profile's: Chrome's
    // split mode gives it its own background (and cookie store). Firefox has no split mode, so
    // there the extension does not run in private windows.
    incognito: browser === 'firefox' ? 'not_allowed' : 'split',
  }),
});
