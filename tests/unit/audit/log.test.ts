import { describe, expect, it } from 'vitest';
import { type AuditEntry, appendAuditEntries, auditCsvChunks } from '@/lib/audit/log';

const entry = (id: string, at: string, overrides: Partial<AuditEntry> = {}): AuditEntry => ({
  id,
  at,
  actor: 'alice',
  action: 'invite',
  target: 'ann@x.io → vision',
  org: 'acme',
  result: 'ok',
  detail: 'inv-1',
  ...overrides,
});

describe('appendAuditEntries', () => {
  it('appends oldest first, replaces an entry with the same id, and keeps the newest max', () => {
    const log = [entry('a', '2026-11-01T00:00:00Z'), entry('b', '2026-11-02T00:00:00Z')];
    const next = appendAuditEntries(
      log,
      [entry('c', '2026-11-03T00:00:00Z'), entry('a', '2026-11-01T00:00:00Z', { result: 'error' })],
      2,
    );
    expect(next.map((item) => item.id)).toEqual(['b', 'c']);
    expect(
      appendAuditEntries(log, [entry('a', '2026-11-01T00:00:00Z', { result: 'error' })])[0]?.result,
    ).toBe('error');
  });
});

describe('auditCsvChunks', () => {
  it('writes the header and neutralised cells', () => {
    const csv = [
      ...auditCsvChunks([entry('a', '2026-11-01T00:00:00Z', { detail: '=HYPERLINK("x")' })], {
        delimiter: ',',
        bom: false,
      }),
    ].join('');
    expect(csv).toBe(
      'at,actor,action,org,target,result,detail\r\n2026-11-01T00:00:00Z,alice,invite,acme,ann@x.io → vision,ok,"\'=HYPERLINK(""x"")"\r\n',
    );
  });
});
