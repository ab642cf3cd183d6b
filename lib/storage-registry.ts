/**
 * The storage registry: every piece of data the extension keeps, one line each (issue 12). The
 * options page's Data section (lib/settings/data.ts) lists, sizes, exports and clears the items
 * that have a `dataLabel`, in this order; an item without one says why it is not listed.
 *
 * This file only names the items. Each WXT item is defined (`storage.defineItem`) in the file its
 * line names, because a WXT item reads its value as soon as it is defined: a content script that
 * imported a `session:` item would be refused. `tests/unit/meta/storage.test.ts` checks that every
 * `defineItem` and IndexedDB database in the product code has its line here, in the file named,
 * and that no line is left over. `vault:` is the extension's own IndexedDB.
 *
 * A new tool that stores something adds its line here.
 */
export interface StorageEntry {
  key: `${'local' | 'session' | 'vault'}:${string}`;
  /** Where the item is defined. */
  declaredIn: string;
  /** Its line in the options page's Data section. */
  dataLabel?: string;
  /** Why it is not in the Data section (exactly one of `dataLabel` and `notListed`). */
  notListed?: string;
}

export const STORAGE_ITEMS = [
  {
    key: 'local:inviteJobs',
    declaredIn: 'lib/storage.ts',
    dataLabel: 'Bulk-invite jobs and their results',
  },
  { key: 'local:auditLog', declaredIn: 'lib/audit/storage.ts', dataLabel: 'Audit log' },
  { key: 'local:lastExport', declaredIn: 'lib/storage.ts', dataLabel: 'Last member export' },
  { key: 'local:offboardingCases', declaredIn: 'lib/storage.ts', dataLabel: 'Offboarding cases' },
  {
    key: 'local:accessExpiries',
    declaredIn: 'lib/access-expiry/storage.ts',
    dataLabel: 'Time-bound access dates',
  },
  {
    key: 'vault:adminKey',
    declaredIn: 'lib/settings/key-vault.ts',
    dataLabel: 'Admin API key (only when remembered)',
  },
  {
    key: 'local:idpLinks',
    declaredIn: 'lib/reconcile/links.ts',
    dataLabel: 'Identity-provider links (same person)',
  },
  { key: 'local:settings', declaredIn: 'lib/settings/index.ts', dataLabel: 'Settings' },
  { key: 'local:wandbHosts', declaredIn: 'lib/settings/hosts.ts', dataLabel: 'Added W&B hosts' },
  {
    key: 'local:corruptItems',
    declaredIn: 'lib/corrupt-storage.ts',
    dataLabel: 'Damaged data set aside (not used)',
  },
  {
    key: 'local:adminKey',
    declaredIn: 'lib/settings/admin-key.ts',
    notListed:
      "an older build's remembered key: the Admin API key line reads it, which moves it to the vault",
  },
  {
    key: 'session:adminKey',
    declaredIn: 'lib/settings/admin-key.ts',
    notListed: 'memory only, gone when the browser closes; the Admin API key section shows and forgets it',
  },
  {
    key: 'session:directoryStrategy',
    declaredIn: 'lib/background/session-storage.ts',
    notListed: 'memory only: which directory read a host answered this browser session, no admin data',
  },
  {
    key: 'session:toolkitFrames',
    declaredIn: 'lib/background/session-storage.ts',
    notListed:
      'memory only: the toolkit frames open now and their tokens; clearing it would cut off open bars',
  },
  {
    key: 'session:inviteRuns',
    declaredIn: 'lib/invite/progress-item.ts',
    notListed:
      "memory only: each bulk-invite job's counts, pushed for the dialog and the bar; the job itself is under Bulk-invite jobs and their results",
  },
] as const satisfies readonly StorageEntry[];

/** The items of the options page's Data section, in the registry's order. */
export type DataListEntry = Extract<(typeof STORAGE_ITEMS)[number], { dataLabel: string }>;

export const DATA_LIST_ITEMS: readonly DataListEntry[] = STORAGE_ITEMS.filter(
  (item): item is DataListEntry => 'dataLabel' in item,
);
