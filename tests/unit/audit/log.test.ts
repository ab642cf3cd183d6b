import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import {
  type AuditEntry,
  type AuditStore,
  appendAuditEntries,
  auditCsvChunks,
  EMPTY_AUDIT_STORE,
  MAX_AUDIT_ENTRIES,
  migrateAuditLogV1,
} from '@/lib/audit/log';
import { auditLogItem } from '@/lib/audit/storage';
import { appendAudit, readAuditStore } from '@/lib/audit/writer';

const entry = (id: string, at: string, overrides: Partial<AuditEntry> = {}): AuditEntry => ({
  id,
  at,
  actor: 'alice',
  action: 'invite',
  target: 'ann@x.io → vision',
  host: 'wandb.ai',
  org: 'acme',
  result: 'ok',
  detail: 'inv-1',
  ...overrides,
});
const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString();
const store = (entries: AuditEntry[], dropped: AuditStore['dropped'] = null): AuditStore => ({
  entries,
  dropped,
});

describe('appendAuditEntries', () => {
  it('appends oldest first, replaces an entry with the same id, and keeps the newest max', () => {
    const log = store([entry('a', '2026-11-01T00:00:00Z'), entry('b', '2026-11-02T00:00:00Z')]);
    const next = appendAuditEntries(
      log,
      [entry('c', '2026-11-03T00:00:00Z'), entry('a', '2026-11-01T00:00:00Z', { result: 'error' })],
      2,
    );
    expect(next.entries.map((item) => item.id)).toEqual(['b', 'c']);
    expect(
      appendAuditEntries(log, [entry('a', '2026-11-01T00:00:00Z', { result: 'error' })]).entries[0]?.result,
    ).toBe('error');
  });

  it('counts what the cap drops and names the oldest entry kept; replacing an entry drops nothing', () => {
    const three = store([entry('a', day(0)), entry('b', day(1)), entry('c', day(2))]);
    expect(appendAuditEntries(three, [entry('b', day(1), { result: 'error' })], 3).dropped).toBeNull();
    const once = appendAuditEntries(three, [entry('d', day(3)), entry('e', day(4))], 3);
    expect(once.entries.map((e) => e.id)).toEqual(['c', 'd', 'e']);
    expect(once.dropped).toEqual({ count: 2, oldestKeptAt: day(2) });
    // The count adds up over drops; an entry older than all that is cut at once is counted too.
    const twice = appendAuditEntries(once, [entry('f', day(5)), entry('old', day(-9))], 3);
    expect(twice.entries.map((e) => e.id)).toEqual(['d', 'e', 'f']);
    expect(twice.dropped).toEqual({ count: 4, oldestKeptAt: day(3) });
    // Below the cap the record of earlier drops stays.
    expect(appendAuditEntries(twice, [entry('f', day(5), { detail: 'again' })], 3).dropped).toEqual(
      twice.dropped,
    );
  });

  it('keeps exactly MAX_AUDIT_ENTRIES by default: 5,000 kept, the 5,001st oldest counted as dropped', () => {
    const full = store(Array.from({ length: MAX_AUDIT_ENTRIES }, (_, i) => entry(`e${i}`, day(i / 100))));
    expect(appendAuditEntries(full, []).dropped).toBeNull();
    const over = appendAuditEntries(full, [entry('new', day(60))]);
    expect(over.entries).toHaveLength(5000);
    expect(over.entries[0]?.id).toBe('e1');
    expect(over.dropped).toEqual({ count: 1, oldestKeptAt: day(1 / 100) });
  });
});

describe('the stored log', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it('the writer records the drops of its cap in the store', async () => {
    for (let i = 0; i < 5; i++) await appendAudit([entry(`e${i}`, day(i))], 3);
    const stored = await readAuditStore();
    expect(stored.entries.map((e) => e.id)).toEqual(['e2', 'e3', 'e4']);
    expect(stored.dropped).toEqual({ count: 2, oldestKeptAt: day(2) });
  });

  it('migrates a version 1 log (an array, no hosts) to version 2 without losing an entry', async () => {
    const { host: _host, ...v1 } = entry('a', day(0));
    await fakeBrowser.storage.local.set({ auditLog: [v1], auditLog$: { v: 1 } });
    await auditLogItem.migrate();
    expect(await readAuditStore()).toEqual({ entries: [{ ...v1, host: null }], dropped: null });
    expect(await auditLogItem.getMeta()).toEqual({ v: 2 });
    // Written again after the migration: the old entry stays, without a host, the new one has its host.
    await appendAudit([entry('b', day(1))]);
    expect((await readAuditStore()).entries.map((e) => [e.id, e.host])).toEqual([
      ['a', null],
      ['b', 'wandb.ai'],
    ]);
  });

  it('the migration leaves a version 2 value and a damaged value as they are', () => {
    const v2 = store([entry('a', day(0))]);
    expect(migrateAuditLogV1(v2)).toBe(v2);
    expect(migrateAuditLogV1('garbage')).toBe('garbage');
    expect(migrateAuditLogV1([])).toEqual(EMPTY_AUDIT_STORE);
  });
});

describe('auditCsvChunks', () => {
  it('writes the header and neutralised cells, an unrecorded host as empty', () => {
    const csv = [
      ...auditCsvChunks(
        [
          entry('a', '2026-11-01T00:00:00Z', { detail: '=HYPERLINK("x")' }),
          entry('b', '2026-11-02T00:00:00Z', { host: null, target: '@bob' }),
        ],
        { delimiter: ',', bom: false },
      ),
    ].join('');
    expect(csv).toBe(
      'at,actor,action,host,org,target,result,detail\r\n' +
        '2026-11-01T00:00:00Z,alice,invite,wandb.ai,acme,ann@x.io → vision,ok,"\'=HYPERLINK(""x"")"\r\n' +
        "2026-11-02T00:00:00Z,alice,invite,,acme,'@bob,ok,inv-1\r\n",
    );
  });
});
