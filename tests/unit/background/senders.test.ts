import { describe, expect, it } from 'vitest';
import { checkSender, type SenderLike } from '../../../lib/background/senders';

const ours = { extensionId: 'ourid', extensionOrigin: 'chrome-extension://ourid/' };

describe('checkSender', () => {
  it.each<[string, SenderLike, boolean, string]>([
    [
      'our content script on wandb.ai, top frame',
      { id: 'ourid', url: 'https://wandb.ai/account-settings/acme/members', tab: { id: 4 }, frameId: 0 },
      true,
      'content-script',
    ],
    [
      'our options page',
      { id: 'ourid', url: 'chrome-extension://ourid/options.html' },
      true,
      'extension-page',
    ],
    [
      'another extension',
      { id: 'evil', url: 'https://wandb.ai/account-settings/acme/members', tab: { id: 4 }, frameId: 0 },
      false,
      'another extension',
    ],
    [
      'our content script in a sub-frame',
      { id: 'ourid', url: 'https://wandb.ai/account-settings/acme/members', tab: { id: 4 }, frameId: 3 },
      false,
      'sub-frame',
    ],
    [
      'a host that is not W&B',
      { id: 'ourid', url: 'https://wandb.ai.evil.example/x', tab: { id: 4 }, frameId: 0 },
      false,
      'not a W&B host',
    ],
    [
      'the API host is not an app origin',
      { id: 'ourid', url: 'https://api.wandb.ai/', tab: { id: 1 }, frameId: 0 },
      false,
      'not a W&B host',
    ],
    ['no URL', { id: 'ourid', tab: { id: 4 }, frameId: 0 }, false, 'no URL'],
    ['garbage URL', { id: 'ourid', url: '::::', tab: { id: 4 }, frameId: 0 }, false, 'no URL'],
    [
      'content script without tab',
      { id: 'ourid', url: 'https://wandb.ai/home', frameId: 0 },
      false,
      'without a tab',
    ],
  ])('%s', (_name, sender, trusted, detail) => {
    const verdict = checkSender(sender, ours);
    expect(verdict.trusted).toBe(trusted);
    if (verdict.trusted) expect(verdict.kind).toBe(detail);
    else expect(verdict.reason).toContain(detail);
  });

  it('accepts a self-managed host only once the admin has added it', () => {
    const sender = {
      id: 'ourid',
      url: 'https://acme.wandb.io/account-settings/acme/members',
      tab: { id: 2 },
      frameId: 0,
    };
    expect(checkSender(sender, ours).trusted).toBe(false);
    expect(checkSender(sender, { ...ours, extraAppOrigins: ['https://acme.wandb.io'] })).toEqual({
      trusted: true,
      kind: 'content-script',
      appOrigin: 'https://acme.wandb.io',
      tabId: 2,
      frameId: 0,
    });
  });
});
