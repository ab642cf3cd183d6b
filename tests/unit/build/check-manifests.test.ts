/** The built-manifest check (`scripts/check-manifests.ts`, run by `npm test` after both builds) fails on what it should. */
import { describe, expect, it } from 'vitest';
import { manifestProblems } from '@/scripts/check-manifests';

const icons = { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' };
const chrome = {
  manifest_version: 3,
  permissions: ['storage', 'alarms', 'scripting'],
  host_permissions: ['https://wandb.ai/*', 'https://api.wandb.ai/*'],
  optional_host_permissions: ['https://*/*'],
  icons,
  action: { default_icon: icons },
  incognito: 'split',
  web_accessible_resources: [
    { resources: ['toolkit-frame.html'], matches: ['https://*/*'], use_dynamic_url: true },
  ],
};
const firefox = {
  manifest_version: 2,
  permissions: ['storage', 'alarms', 'scripting', 'https://wandb.ai/*', 'https://api.wandb.ai/*'],
  optional_permissions: ['https://*/*'],
  icons,
  browser_action: { default_icon: icons },
  incognito: 'not_allowed',
  web_accessible_resources: ['toolkit-frame.html'],
  browser_specific_settings: { gecko: { id: 'x@y', data_collection_permissions: { required: ['none'] } } },
};

describe('manifestProblems', () => {
  it('passes the manifests as they should be built', () => {
    expect(manifestProblems(chrome, 'chrome')).toEqual([]);
    expect(manifestProblems(firefox, 'firefox')).toEqual([]);
  });

  it('names a permission not on the allow-list, an extra host, and a page-reachable surface', () => {
    const wider = {
      ...chrome,
      permissions: [...chrome.permissions, 'tabs'],
      host_permissions: [...chrome.host_permissions, 'https://*/*'],
      web_accessible_resources: [{ resources: ['*'], matches: ['<all_urls>'] }],
    };
    expect(manifestProblems(wider, 'chrome')).toEqual([
      'permission "tabs" is not allowed',
      'host permissions are ["https://wandb.ai/*","https://api.wandb.ai/*","https://*/*"], expected ["https://wandb.ai/*","https://api.wandb.ai/*"]',
      'web_accessible_resources are [{"resources":["*"],"matches":["<all_urls>"]}]',
    ]);
  });

  it('names a toolkit page exposed under a fixed URL (probe-able by any site) or any other exposed file', () => {
    const fixedUrl = {
      ...chrome,
      web_accessible_resources: [{ resources: ['toolkit-frame.html'], matches: ['https://*/*'] }],
    };
    expect(manifestProblems(fixedUrl, 'chrome')).toEqual([
      'web_accessible_resources are [{"resources":["toolkit-frame.html"],"matches":["https://*/*"]}]',
    ]);
    expect(
      manifestProblems(
        { ...firefox, web_accessible_resources: ['toolkit-frame.html', 'background.js'] },
        'firefox',
      ),
    ).toEqual(['web_accessible_resources are ["toolkit-frame.html","background.js"]']);
  });

  it("names Firefox's dropped optional permission, missing id and data-collection statement", () => {
    const { optional_permissions: _dropped, browser_specific_settings: _settings, ...bare } = firefox;
    expect(manifestProblems(bare, 'firefox')).toEqual([
      'optional host permissions are undefined, expected ["https://*/*"]',
      'browser_specific_settings.gecko.id is missing',
      'gecko.data_collection_permissions must say that nothing is collected',
    ]);
  });
});
