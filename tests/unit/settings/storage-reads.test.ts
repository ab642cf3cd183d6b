/**
 * Every storage read is parsed with zod: the settings, the background's remembered directory
 * strategies (`session:directoryStrategy`) and the set-aside list itself. A corrupt value never
 * crashes the reader, is reported once, and is kept aside in `local:corruptItems`. The last test
 * is a meta-test: every storage item of the registry (which `tests/unit/meta/storage.test.ts` holds
 * to every item declared in lib/) has a reader here that survives a corrupt value and sets it
 * aside, so a new item cannot skip the parsed read path unnoticed.
 */
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { readAccessExpiries } from '@/lib/access-expiry/storage';
import { readAuditLog } from '@/lib/audit/writer';
import { createOffboarding } from '@/lib/background/offboarding';
import {
  readDirectoryStrategies,
  readToolkitFramesState,
  rememberDirectoryStrategy,
} from '@/lib/background/session-storage';
import { readCorruptItems, setAsideCorrupt } from '@/lib/corrupt-storage';
import { readInviteRun } from '@/lib/invite/progress-item';
import { readLinks } from '@/lib/reconcile/links';
import { DEFAULT_SETTINGS, getSettings, saveSettings, watchSettings } from '@/lib/settings';
import { loadAdminKey } from '@/lib/settings/admin-key';
import { readWandbHosts } from '@/lib/settings/hosts';
import { STORAGE_ITEMS } from '@/lib/storage-registry';
import { readInviteJobs, readKeptExport } from '@/lib/storage-schemas';
import { freshStorageEachTest } from '../fresh-storage';

const warnings = freshStorageEachTest();

const warningsAbout = (key: string) =>
  warnings().mock.calls.filter((call: unknown[]) => String(call[0]).includes(`${key} is not valid`)).length;

describe('settings', () => {
  it('a corrupt field is set aside and reported once; the valid fields are still used; nothing throws', async () => {
    const stored = { inviteConcurrency: 'lots', allowedEmailDomains: ['acme.com'], keepLastExport: true };
    await fakeBrowser.storage.local.set({ settings: stored });
    const settings = await getSettings();
    expect(settings).toEqual({
      ...DEFAULT_SETTINGS,
      allowedEmailDomains: ['acme.com'],
      keepLastExport: true,
    });
    await getSettings();
    expect(warningsAbout('local:settings')).toBe(1);
    const aside = (await readCorruptItems())['local:settings'];
    expect(aside?.value).toEqual(stored);
    expect(aside?.problem).toMatch(/^inviteConcurrency: /);
  });

  it('a value that is not an object at all reads as the defaults and is kept aside', async () => {
    await fakeBrowser.storage.local.set({ settings: 'garbage' });
    expect(await getSettings()).toEqual(DEFAULT_SETTINGS);
    expect((await readCorruptItems())['local:settings']?.value).toBe('garbage');
  });

  it('settings an older build stored (fewer fields) are not corrupt', async () => {
    await fakeBrowser.storage.local.set({ settings: { inactivityDays: 30 } });
    expect(await getSettings()).toEqual({ ...DEFAULT_SETTINGS, inactivityDays: 30 });
    expect(await readCorruptItems()).toEqual({});
    expect(warnings()).not.toHaveBeenCalled();
  });

  it('saving over a corrupt value stores valid settings; a watcher is told the parsed ones', async () => {
    await fakeBrowser.storage.local.set({ settings: { inviteConcurrency: -3 } });
    const seen: unknown[] = [];
    const unwatch = watchSettings((s) => seen.push(s));
    await fakeBrowser.storage.local.set({ settings: { inviteConcurrency: 99, inactivityDays: 7 } });
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    expect(seen[0]).toEqual({ ...DEFAULT_SETTINGS, inactivityDays: 7 });
    unwatch();
    expect(await saveSettings({ inviteConcurrency: 2 })).toEqual({
      ...DEFAULT_SETTINGS,
      inviteConcurrency: 2,
      inactivityDays: 7,
    });
    expect((await fakeBrowser.storage.local.get('settings')).settings).toEqual({
      ...DEFAULT_SETTINGS,
      inviteConcurrency: 2,
      inactivityDays: 7,
    });
  });
});

describe('the remembered directory strategy (session storage, background only)', () => {
  it('a corrupt entry is set aside and left out, the others are used; reported once', async () => {
    await fakeBrowser.storage.session.set({
      directoryStrategy: { 'https://api.wandb.ai': 'sideways', 'https://w.acme.io': 'per-team' },
    });
    expect(await readDirectoryStrategies()).toEqual({ 'https://w.acme.io': 'per-team' });
    expect(await readDirectoryStrategies()).toEqual({ 'https://w.acme.io': 'per-team' });
    expect(warningsAbout('session:directoryStrategy/https://api.wandb.ai')).toBe(1);
    expect((await readCorruptItems())['session:directoryStrategy/https://api.wandb.ai']?.value).toBe(
      'sideways',
    );
  });

  it('a value that is not a record reads as none, is kept aside, and the next remembered strategy replaces it', async () => {
    await fakeBrowser.storage.session.set({ directoryStrategy: ['org-query'] });
    expect(await readDirectoryStrategies()).toEqual({});
    expect((await readCorruptItems())['session:directoryStrategy']?.value).toEqual(['org-query']);
    await rememberDirectoryStrategy('https://api.wandb.ai', 'org-query');
    expect(await readDirectoryStrategies()).toEqual({ 'https://api.wandb.ai': 'org-query' });
  });
});

describe('the set-aside list itself', () => {
  it('when damaged, it is kept whole as its own first entry, and setting aside goes on', async () => {
    await fakeBrowser.storage.local.set({ corruptItems: 'not a record' });
    await setAsideCorrupt('local:lastExport', 42, '(value): expected an object');
    const all = await readCorruptItems();
    expect(all['local:corruptItems']?.value).toBe('not a record');
    expect(all['local:lastExport']?.value).toBe(42);
  });
});

/**
 * Every WXT item of the storage registry (`vault:` is IndexedDB, not a WXT item), by key.
 * `tests/unit/meta/storage.test.ts` checks the registry against every `storage.defineItem` in
 * lib/, so this test reads no source: in Stryker's sandbox the sources are instrumented.
 */
const declaredStorageKeys = (): string[] =>
  STORAGE_ITEMS.map((item) => item.key)
    .filter((key) => !key.startsWith('vault:'))
    .sort();

const offboardingReader = () =>
  createOffboarding({
    clientFor: async () => {
      throw new Error('not used');
    },
    actionsFor: async () => {
      throw new Error('not used');
    },
    startInviteJob: async () => 'unused',
    alarms: { create: async () => {}, get: async () => undefined },
    setBadge: async () => {},
    now: Date.now,
  }).list('https://wandb.ai', 'acme');

/** Each item's corrupt value and the reader a tool uses; the reader must survive it and set it aside. */
const READERS: Record<string, { corrupt: unknown; read: () => Promise<unknown> }> = {
  'local:accessExpiries': {
    corrupt: { 'https://wandb.ai|acme|carol': { lastDay: 'soon' } },
    read: readAccessExpiries,
  },
  'local:adminKey': { corrupt: { key: 42 }, read: loadAdminKey },
  'local:auditLog': { corrupt: [{ id: 1 }], read: readAuditLog },
  'local:corruptItems': { corrupt: 'not a record', read: readCorruptItems },
  'local:idpLinks': {
    corrupt: { 'https://wandb.ai acme': { links: 'all' } },
    read: () => readLinks('https://wandb.ai', 'acme'),
  },
  'local:inviteJobs': { corrupt: 'not a record', read: readInviteJobs },
  'local:lastExport': { corrupt: { org: 7 }, read: readKeptExport },
  'local:offboardingCases': { corrupt: { 'case-x': { id: 'nope' } }, read: offboardingReader },
  'local:settings': { corrupt: { inactivityDays: 'soon' }, read: getSettings },
  'local:wandbHosts': { corrupt: 'https://evil.test', read: readWandbHosts },
  'session:adminKey': { corrupt: { appOrigin: 5 }, read: loadAdminKey },
  'session:directoryStrategy': { corrupt: 'per-team', read: readDirectoryStrategies },
  'session:inviteRuns': {
    corrupt: { j: { appOrigin: 5 } },
    read: () => readInviteRun('j', 'https://wandb.ai'),
  },
  'session:toolkitFrames': { corrupt: { frames: 'all of them' }, read: readToolkitFramesState },
};

describe('meta: every declared storage item is read through zod', () => {
  it('the table names every WXT item of the storage registry (so every item declared in lib/)', () => {
    expect(Object.keys(READERS).sort()).toEqual(declaredStorageKeys());
  });

  it.each(Object.entries(READERS))(
    '%s: a corrupt value is survived and set aside',
    async (key, { corrupt, read }) => {
      const [area, name] = key.split(':') as ['local' | 'session', string];
      await fakeBrowser.storage[area].set({ [name]: corrupt });
      await read(); // a reader that throws on the corrupt value fails the test here
      const aside = Object.keys(await readCorruptItems());
      expect(aside.some((where) => where === key || where.startsWith(`${key}/`))).toBe(true);
    },
  );
});
