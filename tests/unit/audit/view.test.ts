import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '@/lib/audit/log';
import { auditFileName, filterAuditEntries, inPageOrg, NO_AUDIT_FILTER } from '@/lib/audit/view';

const entry = (overrides: Partial<AuditEntry>): AuditEntry => ({
  id: 'x',
  at: '2026-12-01T12:00:00.000Z',
  actor: 'alice',
  action: 'invite',
  target: 'ann@acme.test → vision',
  host: 'wandb.ai',
  org: 'acme',
  result: 'ok',
  detail: '',
  ...overrides,
});
const page = { org: 'acme', host: 'wandb.ai' };

describe("the page's organization", () => {
  it.each([
    ['the same org on the same host', entry({}), true],
    ['the same org name on another host (another org)', entry({ host: 'acme.wandb.io' }), false],
    ['another org on the same host', entry({ org: 'beta' }), false],
    ['an entry from before hosts were recorded', entry({ host: null }), true],
    ['a key whose owner is in this org and another', entry({ action: 'admin-key', org: 'beta, acme' }), true],
    ['a key refused before its owner was known', entry({ action: 'admin-key', org: '' }), false],
    ['an org whose name only starts like this one', entry({ org: 'acme-labs' }), false],
  ])('%s: %s', (_name, e, expected) => {
    expect(inPageOrg(e, page)).toBe(expected);
  });
});

describe('filterAuditEntries', () => {
  it('returns newest first and leaves the stored order alone', () => {
    const log = [
      entry({ id: 'a', at: '2026-11-01T00:00:00Z' }),
      entry({ id: 'b', at: '2026-11-02T00:00:00Z' }),
    ];
    expect(filterAuditEntries(log, NO_AUDIT_FILTER, page).map((e) => e.id)).toEqual(['b', 'a']);
    expect(log.map((e) => e.id)).toEqual(['a', 'b']);
  });
});

describe('auditFileName', () => {
  it('carries the org (as a safe file-name part) and the local date', () => {
    const date = new Date(2026, 11, 4, 9, 30);
    expect(auditFileName('acme', date, 'csv')).toBe('wandb-acme-audit-log-2026-12-04.csv');
    expect(auditFileName('Ünï co/x', date, 'json')).toBe('wandb-Uni-co-x-audit-log-2026-12-04.json');
    expect(auditFileName(null, date, 'csv')).toBe('wandb-all-orgs-audit-log-2026-12-04.csv');
  });
});
