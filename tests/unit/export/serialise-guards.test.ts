/**
 * Guards of the export writers (`lib/export/serialise.ts`) and the export dialog's handlers
 * (`lib/export/background.ts`) that `serialise.test.ts` passes through: no row of a one-column CSV
 * is lost as a blank line, the JSON is laid out one row per line and written 2,000 rows at a time,
 * the chosen format is the one written, and a directory load belongs to the tab that started it
 * (found by mutation testing, issue #17).
 */
import { describe, expect, it, vi } from 'vitest';
import type { BackgroundDeps, Verified } from '@/lib/background/deps';
import { createDirectoryJobs } from '@/lib/background/directory-jobs';
import { exportHandlers } from '@/lib/export/background';
import { exportRows } from '@/lib/export/rows';
import { buildExportFile, csvExportChunks, jsonExportChunks } from '@/lib/export/serialise';
import { acmeDirectory } from './fixtures';

const rows = exportRows(acmeDirectory(), { includeInvites: true, layout: 'per-member' });
const alice = rows[0]!;

describe('CSV guards', () => {
  it('guard "an empty cell of a one-column export is written as \\"\\"": a blank line would be read as no row', () => {
    const csv = [
      ...csvExportChunks([{ ...alice, email: '' }, alice], ['email'], { delimiter: ',', bom: false }),
    ];
    expect(csv.join('')).toBe('email\r\n""\r\nalice@acme.test\r\n');
  });

  it('guard "only a one-column line is quoted when empty": two empty cells are just the delimiter', () => {
    const csv = [
      ...csvExportChunks([{ ...alice, email: '', name: '' }], ['name', 'email'], {
        delimiter: ';',
        bom: false,
      }),
    ];
    expect(csv.join('')).toBe('name;email\r\n;\r\n');
  });

  it('guard "with no column chosen, no cell text is written" (the dialog disables Export then): the header and every row are empty lines', () => {
    const csv = [...csvExportChunks(rows.slice(0, 2), [], { delimiter: ',', bom: false })];
    expect(csv.join('')).toBe('\r\n\r\n\r\n');
  });
});

describe('JSON guards', () => {
  const meta = {
    org: 'acme',
    scope: { kind: 'org' as const, org: 'acme' },
    exportedAt: new Date('2026-11-20T10:11:12Z'),
  };

  it('guard "one row per line": the document as a reader diffing two exports sees it', () => {
    expect([...jsonExportChunks(rows.slice(0, 2), ['username'], meta)].join('')).toBe(
      [
        '{',
        '  "format": "wandb-admin-toolkit/members",',
        '  "version": 1,',
        '  "org": "acme",',
        '  "scope": {',
        '    "kind": "org",',
        '    "org": "acme"',
        '  },',
        '  "exportedAt": "2026-11-20T10:11:12Z",',
        '  "layout": "per-member",',
        '  "columns": [',
        '    "username"',
        '  ],',
        '  "rows": [',
        '    {"username":"alice"},',
        '    {"username":"bob"}',
        '  ]',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('guard "rows are written 2,000 at a time", so memory stays linear in the export', () => {
    const many = Array.from({ length: 4001 }, (_, index) => ({ ...alice, username: `u${index}` }));
    const chunks = [...jsonExportChunks(many, ['username'], meta)];
    const rowsIn = (chunk: string) => chunk.split('{"username"').length - 1;
    expect(chunks.map(rowsIn)).toEqual([0, 2000, 2000, 1]);
  });
});

describe('export file guards', () => {
  const settings = {
    columns: ['username'] as const,
    delimiter: ',' as const,
    bom: false,
    layout: 'per-team' as const,
  };
  const at = new Date(2026, 0, 2);

  it('guard "the format chosen is the format written": JSON is a JSON document with its scope and layout', () => {
    const file = buildExportFile(
      rows.slice(0, 1),
      { ...settings, columns: ['username'], format: 'json' },
      {
        org: 'acme',
        scope: { kind: 'org', org: 'acme' },
        exportedAt: at,
      },
    );
    expect(file.fileName).toBe('wandb-acme-members-2026-01-02.json');
    expect(file.mimeType).toBe('application/json;charset=utf-8');
    expect(JSON.parse([...file.chunks].join(''))).toMatchObject({
      org: 'acme',
      scope: { kind: 'org', org: 'acme' },
      layout: 'per-team',
      rows: [{ username: 'alice' }],
    });
  });

  it.each([
    [
      'the org name W&B gave',
      'Acme Inc',
      { kind: 'team', team: 'vision', org: 'acme' },
      'wandb-Acme-Inc-vision-members-2026-01-02.csv',
    ],
    [
      "the team's org when W&B gave no org name",
      null,
      { kind: 'team', team: 'vision', org: 'acme' },
      'wandb-acme-vision-members-2026-01-02.csv',
    ],
    [
      'no-org for a team of no organization',
      null,
      { kind: 'team', team: 'vision', org: null },
      'wandb-no-org-vision-members-2026-01-02.csv',
    ],
    ["the page's org", null, { kind: 'org', org: 'acme' }, 'wandb-acme-members-2026-01-02.csv'],
  ] as const)('guard "a file is named after its org": %s', (_, org, scope, name) => {
    const file = buildExportFile(
      rows,
      { ...settings, columns: ['username'], format: 'csv' },
      { org, scope, exportedAt: at },
    );
    expect(file.fileName).toBe(name);
  });
});

describe('directory load handler guards', () => {
  const page = 'https://wandb.ai/account-settings/acme/members';
  const frameOf = (tabId: number): Verified => ({
    trusted: true,
    kind: 'toolkit-frame',
    tabId,
    frameId: 4,
    binding: { appOrigin: 'https://wandb.ai', pageUrl: page, tabId, frameId: 4, at: 1 },
  });

  it('guard "a load is the tab\'s own": it starts for the page\'s scope, pages and cancels for that tab only', async () => {
    const load = vi.fn(async () => acmeDirectory());
    const deps = {
      scopeFor: async () => ({ kind: 'org', org: 'acme' }),
      directoryJobs: createDirectoryJobs(load),
    } as unknown as BackgroundDeps;
    const handlers = exportHandlers.handlers(deps);
    const { jobId } = await handlers.directoryLoad({ pageUrl: page, withActivity: true }, frameOf(7));
    expect(load).toHaveBeenCalledWith(
      'https://wandb.ai',
      { kind: 'org', org: 'acme' },
      expect.objectContaining({ withActivity: true }),
    );
    let status = await handlers.directoryStatus({ jobId }, frameOf(7));
    while (status.status === 'loading')
      status = await handlers.directoryStatus({ jobId, seen: status.version }, frameOf(7));
    expect(status.status).toBe('ready');
    const members = await handlers.directoryPage({ jobId, list: 'members', offset: 1, limit: 2 }, frameOf(7));
    expect(members.map((m) => ('username' in m ? m.username : null))).toEqual(['bob', 'ci-bot']);
    await expect(
      handlers.directoryPage({ jobId, list: 'members', offset: 0, limit: 2 }, frameOf(8)),
    ).rejects.toThrow();
    await expect(handlers.directoryStatus({ jobId }, frameOf(8))).rejects.toThrow();
    expect(await handlers.directoryCancel({ jobId }, frameOf(7))).toEqual({ cancelled: true });
    await expect(
      handlers.directoryPage({ jobId, list: 'members', offset: 0, limit: 2 }, frameOf(7)),
    ).rejects.toThrow('That member list is no longer loaded; start again.');
  });
});
