import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { DEFAULT_SETTINGS, getSettings, normaliseSettings, saveSettings, settingsItem } from '@/lib/settings';
import { parseHostInput, watcherRegistrationId } from '@/lib/settings/hosts';

beforeEach(() => fakeBrowser.reset());

describe('settings', () => {
  it('starts from the documented defaults', async () => {
    expect(await getSettings()).toEqual({
      inviteConcurrency: 4,
      allowedEmailDomains: [],
      inactivityDays: 90,
      keepLastExport: false,
    });
  });

  it('stores a valid change and reads it back', async () => {
    await saveSettings({
      inviteConcurrency: 16,
      allowedEmailDomains: ['Acme.com', 'acme.com', 'lab.acme.com'],
    });
    expect(await getSettings()).toMatchObject({
      inviteConcurrency: 16,
      allowedEmailDomains: ['acme.com', 'lab.acme.com'],
    });
  });

  it.each([
    [{ inviteConcurrency: 0 }],
    [{ inviteConcurrency: 17 }],
    [{ inviteConcurrency: 2.5 }],
    [{ inactivityDays: 0 }],
    [{ allowedEmailDomains: ['not a domain'] }],
    [{ allowedEmailDomains: ['@acme.com'] }],
  ])('refuses %o and keeps what was stored', async (patch) => {
    await saveSettings({ inviteConcurrency: 6 });
    await expect(saveSettings(patch as never)).rejects.toThrow();
    expect((await getSettings()).inviteConcurrency).toBe(6);
  });

  it('a damaged stored value falls back field by field', async () => {
    await settingsItem.setValue({ inviteConcurrency: 99, inactivityDays: 30 } as never);
    expect(await getSettings()).toEqual({ ...DEFAULT_SETTINGS, inactivityDays: 30 });
    expect(normaliseSettings('garbage')).toEqual(DEFAULT_SETTINGS);
  });
});

describe('parseHostInput', () => {
  it.each([
    ['acme.wandb.io', 'https://acme.wandb.io'],
    ['https://Acme.wandb.io/org/dashboard', 'https://acme.wandb.io'],
    ['  wandb.example.test  ', 'https://wandb.example.test'],
    ['acme.wandb.io.', 'https://acme.wandb.io'],
    ['https://ACME.wandb.io./members', 'https://acme.wandb.io'],
  ])('%s → %s', (input, origin) => {
    expect(parseHostInput(input)).toEqual({ ok: true, origin });
  });

  it.each([
    ['', /Enter a host/],
    ['http://acme.wandb.io', /Only HTTPS/],
    ['https://acme.wandb.io:8443', /port/],
    ['https://user:pw@acme.wandb.io', /user name/],
    ['https://10.0.0.1', /host name/],
    ['localhost', /host name/],
    ['wandb.ai', /built in/],
    ['https://api.wandb.ai', /built in/],
    ['wandb.ai.', /built in/],
    ['api.wandb.ai.', /built in/],
    ['acme%2ewandb.io', /percent-encoding/],
    ['https://%61cme.wandb.io', /percent-encoding/],
    ['wandb%2eai', /percent-encoding/],
    ['acme.wandb.io..', /host name/],
  ])('refuses %j', (input, reason) => {
    const result = parseHostInput(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('names one watcher registration per host', () => {
    expect(watcherRegistrationId('https://acme.wandb.io')).toBe('watcher:acme.wandb.io');
  });
});
