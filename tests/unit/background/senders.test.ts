import { describe, expect, it } from 'vitest';
import { checkSender, type SenderLike, toolkitInjectionTarget } from '@/lib/background/senders';

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
    [
      'the toolkit UI page in a frame of a tab',
      { id: 'ourid', url: 'chrome-extension://ourid/toolkit-frame.html', tab: { id: 4 }, frameId: 7 },
      true,
      'toolkit-frame',
    ],
    [
      'the toolkit UI page as a tab of its own',
      { id: 'ourid', url: 'chrome-extension://ourid/toolkit-frame.html', tab: { id: 4 }, frameId: 0 },
      false,
      'outside a frame',
    ],
    [
      'the toolkit UI page without a tab',
      { id: 'ourid', url: 'chrome-extension://ourid/toolkit-frame.html' },
      false,
      'outside a frame',
    ],
    [
      "another extension's page named like ours",
      { id: 'evil', url: 'chrome-extension://evil/toolkit-frame.html', tab: { id: 4 }, frameId: 7 },
      false,
      'another extension',
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

describe('checkSender with sender.origin and sender.documentId', () => {
  const page = 'https://wandb.ai/account-settings/acme/members';

  it('uses sender.origin where the browser gives it, and refuses a URL from another origin', () => {
    const verdict = checkSender(
      { id: 'ourid', url: page, origin: 'https://evil.example', tab: { id: 4 }, frameId: 0 },
      ours,
    );
    expect(verdict).toMatchObject({ trusted: false, reason: expect.stringContaining('origin') });
  });

  it('refuses an opaque origin (a sandboxed frame) even on a W&B URL', () => {
    expect(
      checkSender({ id: 'ourid', url: page, origin: 'null', tab: { id: 4 }, frameId: 0 }, ours).trusted,
    ).toBe(false);
  });

  it('carries the document id of the asking page, for injection into that document only', () => {
    expect(
      checkSender(
        {
          id: 'ourid',
          url: page,
          origin: 'https://wandb.ai',
          documentId: 'DOC-1',
          tab: { id: 4 },
          frameId: 0,
        },
        ours,
      ),
    ).toEqual({
      trusted: true,
      kind: 'content-script',
      appOrigin: 'https://wandb.ai',
      tabId: 4,
      frameId: 0,
      documentId: 'DOC-1',
    });
  });
});

describe('toolkitInjectionTarget', () => {
  it('targets the asking document when the browser named it, else the frame', () => {
    expect(toolkitInjectionTarget(4, 0, 'DOC-1')).toEqual({ tabId: 4, documentIds: ['DOC-1'] });
    expect(toolkitInjectionTarget(4, 0, undefined)).toEqual({ tabId: 4, frameIds: [0] });
  });
});
