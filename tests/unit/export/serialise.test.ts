import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { revealBidiControls } from '@/lib/csv/neutralise';
import { EXPORT_COLUMNS } from '@/lib/export/columns';
import { exportRows } from '@/lib/export/rows';
import {
  buildExportFile,
  csvExportChunks,
  EXPORT_JSON_FORMAT,
  exportFileName,
  fileNamePart,
  jsonExport,
} from '@/lib/export/serialise';
import { acmeDirectory } from './fixtures';

const rows = exportRows(acmeDirectory(), { includeInvites: true, layout: 'per-member' });

describe('exportFileName', () => {
  const day = new Date(2026, 10, 20, 12, 0, 0);

  it.each([
    ['acme', 'csv', undefined, 'wandb-acme-members-2026-11-20.csv'],
    ['acme', 'json', undefined, 'wandb-acme-members-2026-11-20.json'],
    ['acme', 'csv', 'vision', 'wandb-acme-vision-members-2026-11-20.csv'],
    ['../etc/pass wd', 'csv', undefined, 'wandb-etc-pass-wd-members-2026-11-20.csv'],
    ['Ünïcode Org', 'csv', undefined, 'wandb-Unicode-Org-members-2026-11-20.csv'],
    ['', 'json', undefined, 'wandb-unknown-members-2026-11-20.json'],
  ] as const)('%j (%s, team %j) → %s', (org, format, team, expected) => {
    expect(exportFileName(org, day, format, team)).toBe(expected);
  });

  it('keeps only safe characters in a file-name part', () => {
    expect(fileNamePart('a/b\\c:d*e?f"g<h>i|j')).toBe('a-b-c-d-e-f-g-h-i-j');
    expect(fileNamePart('..hidden')).toBe('hidden');
  });
});

describe('csvExportChunks', () => {
  it('writes the fixed header for the chosen columns, in file order, and neutralises every cell', () => {
    const csv = [
      ...csvExportChunks(rows, ['username', 'name', 'email', 'teams'], { delimiter: ',', bom: false }),
    ].join('');
    expect(csv.split('\r\n')).toEqual([
      'username,name,email,teams',
      'alice,Alice Álvarez 🚀,alice@acme.test,Audio:view-only; nlp:member; vision:admin',
      'bob,"Bob, ""the builder""",bob@acme.test,nlp:member',
      'ci-bot,CI bot,,vision:member',
      'dana,"\'=HYPERLINK(""http://evil.test"",""click"")",\'+dana@acme.test,',
      ',,new@acme.test,nlp:admin',
      ',,new@acme.test,vision:member',
      ",,'=2+3@evil.test,'@ops:unknown",
      '',
    ]);
  });

  it('writes every column with the published header, BOM and semicolons when asked', () => {
    const csv = [...csvExportChunks(rows, EXPORT_COLUMNS, { delimiter: ';', bom: true })].join('');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const parsed = Papa.parse<string[]>(csv, { delimiter: ';', skipEmptyLines: true });
    expect(parsed.data[0]).toEqual([
      'username',
      'name',
      'email',
      'org_role',
      'models_seat',
      'weave_access',
      'status',
      'account_type',
      'teams',
      'last_active',
      'invited_at',
    ]);
    expect(parsed.data[1]).toEqual([
      'alice',
      'Alice Álvarez 🚀',
      'alice@acme.test',
      'admin',
      'full',
      'full',
      'active',
      'user',
      'Audio:view-only; nlp:member; vision:admin',
      '2026-11-20T09:15:00Z',
      '',
    ]);
    expect(parsed.data[5]?.slice(6)).toEqual([
      'invite-pending',
      'user',
      'nlp:admin',
      '',
      '2026-10-15T12:00:00Z',
    ]);
  });
});

describe('jsonExport', () => {
  it('writes the marked document with the chosen columns only, cells as they are', () => {
    const text = jsonExport(rows, ['username', 'email', 'status'], {
      org: 'acme',
      scope: { kind: 'org', org: 'acme' },
      exportedAt: new Date('2026-11-20T10:11:12.345Z'),
    });
    const document = JSON.parse(text);
    expect(document).toEqual({
      format: EXPORT_JSON_FORMAT,
      version: 1,
      org: 'acme',
      scope: { kind: 'org', org: 'acme' },
      exportedAt: '2026-11-20T10:11:12Z',
      layout: 'per-member',
      columns: ['username', 'email', 'status'],
      rows: [
        { username: 'alice', email: 'alice@acme.test', status: 'active' },
        { username: 'bob', email: 'bob@acme.test', status: 'deactivated' },
        { username: 'ci-bot', email: '', status: 'active' },
        { username: 'dana', email: '+dana@acme.test', status: 'active' },
        { username: '', email: 'new@acme.test', status: 'invite-pending' },
        { username: '', email: 'new@acme.test', status: 'invite-pending' },
        { username: '', email: '=2+3@evil.test', status: 'invite-pending' },
      ],
    });
  });

  it('writes a valid document with no rows', () => {
    const text = jsonExport([], ['username'], {
      org: null,
      scope: { kind: 'team', team: 'vision', org: null },
      exportedAt: new Date('2026-11-20T00:00:00Z'),
      layout: 'per-team',
    });
    expect(JSON.parse(text)).toMatchObject({ org: null, layout: 'per-team', rows: [] });
  });

  it('stays valid JSON across chunk boundaries', () => {
    const many = Array.from({ length: 4500 }, (_, index) => ({ ...rows[0]!, username: `u${index}` }));
    const document = JSON.parse(
      jsonExport(many, ['username'], {
        org: 'acme',
        scope: { kind: 'org', org: 'acme' },
        exportedAt: new Date(0),
      }),
    );
    expect(document.rows).toHaveLength(4500);
    expect(document.rows[4499]).toEqual({ username: 'u4499' });
  });
});

describe('buildExportFile', () => {
  it('names a team export after its org and team and picks the MIME type', () => {
    const file = buildExportFile(
      rows.slice(0, 1),
      { columns: ['username'], format: 'csv', delimiter: ',', bom: false, layout: 'per-member' },
      { org: 'acme', scope: { kind: 'team', team: 'vision', org: 'acme' }, exportedAt: new Date(2026, 0, 2) },
    );
    expect(file.fileName).toBe('wandb-acme-vision-members-2026-01-02.csv');
    expect(file.mimeType).toBe('text/csv;charset=utf-8');
    expect([...file.chunks].join('')).toBe('username\r\nalice\r\n');
  });
});

describe('bidi controls in an export', () => {
  it('a name flagged when W&B was read stays flagged in the CSV; other cells are written exactly', () => {
    const name = revealBidiControls('Ann \u202Egnp.exe');
    const csv = [
      ...csvExportChunks([{ ...rows[0]!, name, email: 'a\u202Ab@x.io' }], ['name', 'email'], {
        delimiter: ',',
        bom: false,
      }),
    ].join('');
    expect(csv).toBe('name,email\r\nAnn [U+202E]gnp.exe,a\u202Ab@x.io\r\n');
  });
});
