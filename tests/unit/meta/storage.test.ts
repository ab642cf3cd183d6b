/**
 * Every piece of stored data is in the storage registry (lib/storage-registry.ts) and in the options
 * page's Data section (issue 12), like WXT's single storage declaration: a WXT item
 * (`storage.defineItem`), an IndexedDB database, and every storage key written as a string in the
 * product code name a registry line, in the file the line says; no line is left over; and the Data
 * section sizes, exports and clears every listed item. Nothing calls `browser.storage` directly.
 */

import ts from 'typescript';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { storage } from 'wxt/utils/storage';
import { storeAdminKey } from '@/lib/settings/admin-key';
import { clearLocalData, describeLocalData, exportLocalData } from '@/lib/settings/data';
import { DATA_LIST_ITEMS, STORAGE_ITEMS, type StorageEntry } from '@/lib/storage-registry';
import { productSources, repoPath } from './import-graph';

interface StorageUse {
  file: string;
  line: number;
  /** `defined`: a WXT item; `named`: a key in a string; `dynamic`: a key built at run time. */
  kind: 'defined' | 'named' | 'dynamic' | 'database' | 'raw-api';
  key?: string;
}

const KEY = /^(local|session|sync|managed):[\w$-]+$/;
const KEY_PREFIX = /^(local|session|sync|managed):/;

const stringText = (node: ts.Node | undefined): string | undefined =>
  node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined;

/** Every storage use in one file. */
function storageUses(file: string, text: string): StorageUse[] {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const uses: StorageUse[] = [];
  const add = (node: ts.Node, use: Omit<StorageUse, 'file' | 'line'>) =>
    uses.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, ...use });
  const visit = (node: ts.Node): void => {
    const literal = stringText(node);
    if (literal !== undefined && KEY.test(literal)) {
      const call = node.parent;
      const defines =
        ts.isCallExpression(call) &&
        call.arguments[0] === node &&
        ts.isPropertyAccessExpression(call.expression) &&
        call.expression.name.text === 'defineItem';
      add(node, { kind: defines ? 'defined' : 'named', key: literal });
    } else if (ts.isTemplateExpression(node) && KEY_PREFIX.test(node.head.text)) {
      add(node, { kind: 'dynamic', key: `${node.head.text}…` });
    } else if (
      ts.isPropertyAccessExpression(node) &&
      node.name.text === 'open' &&
      /(^|\.)indexedDB$/.test(node.expression.getText(source))
    ) {
      add(node, { kind: 'database' });
    } else if (
      ts.isPropertyAccessExpression(node) &&
      node.name.text === 'storage' &&
      /^(browser|chrome)$/.test(node.expression.getText(source))
    ) {
      add(node, { kind: 'raw-api' });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return uses;
}

let cached: StorageUse[] | undefined;
function productStorageUses(): StorageUse[] {
  cached ??= [...productSources()].flatMap(([path, text]) => storageUses(repoPath(path), text));
  return cached;
}

const where = (use: StorageUse) => `${use.file}:${use.line}${use.key ? ` ${use.key}` : ''}`;
const REGISTRY: readonly StorageEntry[] = STORAGE_ITEMS;
const registered = new Map(REGISTRY.map((entry) => [entry.key, entry]));

describe('storage registry', () => {
  it('the detector finds items, keys, built keys, databases and direct storage calls', () => {
    const text = [
      "const a = storage.defineItem<string[]>(\n  'local:hosts', { fallback: [] });",
      "await parseStored('session:frames', raw, schema, null);",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source text of a key built at run time
      'const b = storage.defineItem(`local:job-${id}`);',
      "const open = indexedDB.open('vault', 1);",
      'await browser.storage.local.get(null);',
      "const notAKey = 'https://x.test'; const label = 'local: not a key';",
    ].join('\n');
    expect(storageUses('lib/x.ts', text)).toEqual([
      { file: 'lib/x.ts', line: 2, kind: 'defined', key: 'local:hosts' },
      { file: 'lib/x.ts', line: 3, kind: 'named', key: 'session:frames' },
      { file: 'lib/x.ts', line: 4, kind: 'dynamic', key: 'local:job-…' },
      { file: 'lib/x.ts', line: 5, kind: 'database' },
      { file: 'lib/x.ts', line: 6, kind: 'raw-api' },
    ]);
  });

  it('every WXT item in the product code has its registry line, naming the file that defines it', () => {
    const defined = productStorageUses().filter((use) => use.kind === 'defined');
    expect(defined.length).toBeGreaterThan(5);
    const misplaced = defined.filter(
      (use) => registered.get(use.key as StorageEntry['key'])?.declaredIn !== use.file,
    );
    expect(misplaced.map(where)).toEqual([]);
  });

  it('every IndexedDB database is a `vault:` line, in the file the line names', () => {
    const opened = new Set(
      productStorageUses().flatMap((use) => (use.kind === 'database' ? [use.file] : [])),
    );
    const vaults = new Set(
      REGISTRY.filter((entry) => entry.key.startsWith('vault:')).map((e) => e.declaredIn),
    );
    expect([...opened].sort()).toEqual([...vaults].sort());
  });

  it('every storage key written in the product code names a registered item; none is built at run time', () => {
    const stray = productStorageUses().filter(
      (use) =>
        use.kind === 'dynamic' || (use.kind === 'named' && !registered.has(use.key as StorageEntry['key'])),
    );
    expect(stray.map(where)).toEqual([]);
  });

  it('nothing calls browser.storage directly (every item goes through the registry)', () => {
    expect(
      productStorageUses()
        .filter((use) => use.kind === 'raw-api')
        .map(where),
    ).toEqual([]);
  });

  it('no registry line is left over: each local or session item is defined where its line says', () => {
    const defined = new Set(
      productStorageUses().flatMap((use) => (use.kind === 'defined' ? [`${use.key} in ${use.file}`] : [])),
    );
    const leftOver = REGISTRY.filter((entry) => !entry.key.startsWith('vault:'))
      .map((entry) => `${entry.key} in ${entry.declaredIn}`)
      .filter((line) => !defined.has(line));
    expect(leftOver).toEqual([]);
  });

  it('each line is listed in the Data section or says why not, and names one key', () => {
    const keys = REGISTRY.map((entry) => entry.key);
    expect(new Set(keys).size).toBe(keys.length);
    const unclear = REGISTRY.filter(
      (entry) =>
        (entry.dataLabel === undefined) === (entry.notListed === undefined) ||
        (entry.notListed !== undefined && entry.notListed.trim().length < 10),
    );
    expect(unclear.map((entry) => entry.key)).toEqual([]);
  });
});

describe("the options page's Data section, from the registry", () => {
  beforeEach(() => fakeBrowser.reset());

  it('sizes, exports and clears every listed item, under its registry label', async () => {
    const localKeys = DATA_LIST_ITEMS.flatMap(({ key }) =>
      key.startsWith('local:') ? [key as `local:${string}`] : [],
    );
    for (const key of localKeys) await storage.setItem(key, { kept: key });
    await storeAdminKey({
      appOrigin: 'https://wandb.ai',
      key: 'secret-key-1234',
      kind: 'user',
      owner: { username: 'alice', email: null, orgs: ['acme'], organizationRole: 'admin' },
      status: 'admin',
      remembered: true,
      savedAt: '2026-01-01T00:00:00.000Z',
    });

    const shown = await describeLocalData();
    expect(shown.map(({ key, label, present }) => ({ key, label, present }))).toEqual(
      DATA_LIST_ITEMS.map((item) => ({ key: item.key, label: item.dataLabel, present: true })),
    );
    expect(shown.every((entry) => entry.bytes > 0)).toBe(true);

    const exported = JSON.parse(await exportLocalData()).data;
    for (const item of DATA_LIST_ITEMS) {
      if (item.key.startsWith('local:'))
        expect(exported[item.key.slice('local:'.length)]).toEqual({ kept: item.key });
    }
    expect(exported.adminKey.last4).toBe('1234');

    await clearLocalData(DATA_LIST_ITEMS.map((item) => item.key));
    expect((await describeLocalData()).filter((entry) => entry.present)).toEqual([]);
  });
});
