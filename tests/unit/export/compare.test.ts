import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CsvDelimiter } from '@/lib/csv/write';
import { EXPORT_COLUMNS, type ExportColumn } from '@/lib/export/columns';
import { type ComparisonResult, compareExports, comparisonCsvChunks } from '@/lib/export/compare';
import { decodeExportFile, type ExportTable, parsePreviousExport } from '@/lib/export/previous';
import { type ExportRow, exportRows } from '@/lib/export/rows';
import { csvExportChunks, jsonExport } from '@/lib/export/serialise';
import type { Directory } from '@/lib/wandb/directory';
import { acmeDirectory, directoryOf, invite, member } from './fixtures';

const FILE = 'wandb-acme-members-2026-11-20.csv';

function csvOf(
  rows: readonly ExportRow[],
  columns: readonly ExportColumn[] = EXPORT_COLUMNS,
  delimiter: CsvDelimiter = ',',
  bom = false,
) {
  return [...csvExportChunks(rows, columns, { delimiter, bom })].join('');
}

function jsonOf(rows: readonly ExportRow[], org = 'acme', scope: Directory['scope'] = { kind: 'org', org }) {
  return jsonExport(rows, EXPORT_COLUMNS, { org, scope, exportedAt: new Date('2026-11-20T10:00:00Z') });
}

function parsedOk(text: string, fileName = FILE, org = 'acme', team?: string | null) {
  const result = parsePreviousExport(text, fileName, org, team);
  if (!result.ok) throw new Error(`expected a parsed export, got: ${result.error.message}`);
  return result;
}

function parsedError(text: string, fileName = FILE, org = 'acme', team?: string | null) {
  const result = parsePreviousExport(text, fileName, org, team);
  if (result.ok) throw new Error('expected an error');
  return result.error;
}

const acmeRows = exportRows(acmeDirectory(), { includeInvites: true, layout: 'per-member' });

describe('parsePreviousExport reads our own files back exactly', () => {
  it.each<[CsvDelimiter, boolean]>([
    [',', false],
    [',', true],
    [';', false],
    [';', true],
  ])('CSV with %j, BOM %s: rows unchanged, neutralising prefixes removed', (delimiter, bom) => {
    const result = parsedOk(csvOf(acmeRows, EXPORT_COLUMNS, delimiter, bom));
    expect(result.format).toBe('csv');
    expect(result.columns).toEqual(EXPORT_COLUMNS);
    expect(result.rows).toEqual(acmeRows);
    expect(result.rows[3]?.name).toBe('=HYPERLINK("http://evil.test","click")');
    expect(result.org).toBe('acme');
    expect(result.exportedAt).toBe('2026-11-20');
  });

  it('JSON: rows unchanged, org and date from the document', () => {
    const result = parsedOk(jsonOf(acmeRows), 'anything.json');
    expect(result).toMatchObject({ format: 'json', org: 'acme', exportedAt: '2026-11-20T10:00:00Z' });
    expect(result.rows).toEqual(acmeRows);
  });

  it('a CSV with fewer columns fills the others with empty text, and ignores columns added by hand', () => {
    const text = 'username,email,notes,status\r\nalice,alice@acme.test,checked,active\r\n';
    const result = parsedOk(text, 'review.csv');
    expect(result.columns).toEqual(['username', 'email', 'status']);
    expect(result.rows[0]).toMatchObject({
      username: 'alice',
      email: 'alice@acme.test',
      status: 'active',
      org_role: '',
    });
    expect(result.org).toBeNull();
  });

  it('round-trips arbitrary unicode in every text cell, for both delimiters, with and without BOM', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.string({ unit: fc.constantFrom(',', ';', '"', '\r', '\n', '\t', '=', '+', '-', '@', "'", 'x') }),
      fc.constantFrom('\u200F\u05E9\u05DC\u05D5\u05DD', '👩🏽‍💻 Zoë', '山田太郎'),
    );
    const row = fc.record({
      username: text,
      name: text,
      email: text,
      org_role: text,
      models_seat: text,
      weave_access: text,
      status: fc.constantFrom('active', 'deactivated', 'invite-pending'),
      account_type: text,
      teams: text,
      last_active: text,
      invited_at: text,
    });
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 8 }),
        fc.constantFrom<CsvDelimiter>(',', ';'),
        fc.boolean(),
        (rows, delimiter, bom) => {
          expect(parsedOk(csvOf(rows, EXPORT_COLUMNS, delimiter, bom)).rows).toEqual(rows);
        },
      ),
      { numRuns: 200 },
    );
    // 1.5–3 s alone; over 20 s beside a browser suite on 2 cores. The limit only bounds a hang.
  }, 90_000);
});

describe('parsePreviousExport refuses what it cannot compare, saying where', () => {
  it('an empty file', () => {
    expect(parsedError('')).toEqual({ message: 'The file is empty.' });
    expect(parsedError('\uFEFF \r\n')).toEqual({ message: 'The file is empty.' });
  });

  it('a CSV missing a required header column, naming the column', () => {
    const error = parsedError('username,name,status\r\nalice,Alice,active\r\n');
    expect(error).toMatchObject({ row: 1, column: 'email' });
    expect(error.message).toContain('Column "email" is missing from the header (row 1)');
  });

  it('a CSV that is not ours at all', () => {
    const error = parsedError('First Name,Last Name,Department\r\nAda,Lovelace,R&D\r\n', 'hr.csv');
    expect(error.row).toBe(1);
    expect(error.message).toContain('not a member export of the Admin Toolkit');
    expect(error.message).toContain('First Name,Last Name,Department');
  });

  it('a ragged row, naming the row and the first missing column', () => {
    const text =
      'username,email,status,teams\r\nalice,alice@acme.test,active,a:admin\r\nbob,bob@acme.test\r\n';
    expect(parsedError(text)).toEqual({
      message: 'Row 3 has 2 fields but the header has 4: column "status" and those after it are missing.',
      row: 3,
      column: 'status',
    });
  });

  it('a row with an extra field', () => {
    const error = parsedError('username,email,status\r\nalice,alice@acme.test,active,extra\r\n');
    expect(error).toMatchObject({ row: 2 });
    expect(error.message).toContain('Row 2 has 4 fields but the header has 3');
  });

  it('an unclosed quote (papaparse error), with the row counted from the header as row 1', () => {
    const text = 'username,email,status\r\nalice,alice@acme.test,active\r\n"bob,bob@acme.test,active\r\n';
    expect(parsedError(text)).toEqual({
      message: 'Row 3 is malformed: a quoted field is never closed (a closing " is missing).',
      row: 3,
    });
  });

  it('a status that is not ours', () => {
    expect(parsedError('username,email,status\r\nalice,alice@acme.test,enabled\r\n')).toEqual({
      message: 'Row 2, column status: "enabled" is not active, invite-pending or deactivated.',
      row: 2,
      column: 'status',
    });
  });

  it('a JSON file with the wrong format marker', () => {
    const error = parsedError(JSON.stringify({ format: 'someone-else/users', rows: [] }), 'users.json');
    expect(error.column).toBe('format');
    expect(error.message).toBe(
      'This JSON file is not a member export of the Admin Toolkit: its "format" is "someone-else/users", expected "wandb-admin-toolkit/members".',
    );
  });

  it('a JSON file of another org, naming both', () => {
    const error = parsedError(jsonOf(acmeRows, 'globex'), 'wandb-globex-members-2026-11-20.json');
    expect(error.column).toBe('org');
    expect(error.message).toContain('organization "globex"');
    expect(error.message).toContain('this page is organization "acme"');
  });

  it('a CSV whose file name says another org, naming both', () => {
    const error = parsedError(csvOf(acmeRows), 'wandb-globex-members-2026-11-20 (1).csv');
    expect(error.message).toBe(
      'This file is an export of "globex" (its name is "wandb-globex-members-2026-11-20 (1).csv"), but this page is organization "acme". Pick an export of organization "acme".',
    );
  });

  it('an export of one team when the page is the whole org, and the other way round', () => {
    expect(parsedError(csvOf(acmeRows), 'wandb-acme-vision-members-2026-11-20.csv').message).toBe(
      'This file is an export of team "vision" of organization "acme" (its name is "wandb-acme-vision-members-2026-11-20.csv"), but this page is organization "acme". Pick an export of organization "acme".',
    );
    expect(parsedError(csvOf(acmeRows), FILE, 'acme', 'vision').message).toContain(
      'This file is an export of organization "acme"',
    );
    const teamJson = jsonOf(acmeRows, 'acme', { kind: 'team', team: 'vision', org: 'acme' });
    expect(parsedError(teamJson, 'x.json').column).toBe('scope');
    expect(parsedOk(teamJson, 'x.json', 'acme', 'vision').rows).toHaveLength(7);
    expect(
      parsedOk(csvOf(acmeRows), 'wandb-acme-vision-members-2026-11-20.csv', 'acme', 'vision').rows,
    ).toHaveLength(7);
  });

  it('a JSON row whose cell is not text, naming row and column', () => {
    const document = JSON.parse(jsonOf(acmeRows));
    document.rows[2].email = 42;
    expect(parsedError(JSON.stringify(document), 'x.json')).toEqual({
      message: 'Row 3 (rows[2]), column email: expected text, found 42.',
      row: 3,
      column: 'email',
    });
  });

  it('a JSON export of a newer version', () => {
    const document = JSON.parse(jsonOf(acmeRows));
    document.version = 2;
    expect(parsedError(JSON.stringify(document), 'x.json')).toMatchObject({ column: 'version' });
  });

  it('JSON that does not parse, with its line when the engine gives a position', () => {
    const error = parsedError('{\n  "format": "wandb-admin-toolkit/members"\n}\n}', 'x.json');
    expect(error.row).toBe(4);
    expect(error.message).toMatch(/^This file is not valid JSON \(line 4\): /);
    expect(parsedError('{"rows": [,]}', 'x.json').message).toMatch(/^This file is not valid JSON/);
  });

  it('a binary file: refused when decoding, and when its text is passed anyway', () => {
    const png = Uint8Array.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0xff, 0xfe,
    ]);
    const decoded = decodeExportFile(png);
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.error.message).toContain('not UTF-8');
    const asText = new TextDecoder().decode(png);
    expect(parsedError(asText, 'photo.csv').message).toContain('not a text file');
    expect(parsedError(asText, 'photo.json').message).toContain('not a text file');
  });

  it('a UTF-16 file (NUL bytes between letters)', () => {
    const utf16 = 'username,email,status\r\n'.split('').join('\u0000');
    expect(parsedError(utf16, 'export.csv').message).toContain('UTF-16');
  });

  it('decodes UTF-8, keeping the BOM for the parser to remove', () => {
    const bytes = new TextEncoder().encode('\uFEFFusername,email,status\r\nzoë,z@x.test,active\r\n');
    const decoded = decodeExportFile(bytes);
    expect(decoded).toEqual({ ok: true, text: '\uFEFFusername,email,status\r\nzoë,z@x.test,active\r\n' });
    if (decoded.ok) expect(parsedOk(decoded.text, 'a.csv').rows[0]?.username).toBe('zoë');
  });
});

describe('compareExports', () => {
  const before = directoryOf(
    [
      member({ username: 'alice', orgRole: 'admin', teams: [{ team: 'nlp', role: 'admin' }] }),
      member({
        username: 'bob',
        teams: [
          { team: 'nlp', role: 'member' },
          { team: 'vision', role: 'member' },
        ],
      }),
      member({ username: 'carol', modelsSeat: 'viewer' }),
      member({ username: 'dave', weaveAccess: 'viewer' }),
      member({ username: 'erin' }),
      member({ username: 'frank' }),
    ],
    [
      invite({ email: 'gina@acme.test', team: 'nlp', role: 'member' }),
      invite({ email: 'henry@acme.test', team: 'nlp', role: 'member' }),
    ],
  );
  const after = directoryOf(
    [
      member({ username: 'alice', orgRole: 'member', teams: [{ team: 'nlp', role: 'admin' }] }),
      member({
        username: 'bob',
        teams: [
          { team: 'nlp', role: 'admin' },
          { team: 'vision', role: 'member' },
        ],
      }),
      member({ username: 'carol', modelsSeat: 'full' }),
      member({ username: 'dave', weaveAccess: 'no-access' }),
      member({ username: 'erin', status: 'deactivated' }),
      member({ username: 'gina', email: 'Gina@acme.test', teams: [{ team: 'nlp', role: 'member' }] }),
      member({ username: 'ivan' }),
    ],
    [invite({ email: 'jo@acme.test', team: 'vision', role: 'admin' })],
  );
  const table = (directory: Directory, layout: 'per-member' | 'per-team' = 'per-member'): ExportTable => ({
    columns: EXPORT_COLUMNS,
    rows: exportRows(directory, { includeInvites: true, layout }),
  });

  const expectedChanges = [
    {
      key: 'alice',
      username: 'alice',
      email: 'alice@acme.test',
      field: 'org_role',
      before: 'admin',
      after: 'member',
    },
    {
      key: 'bob',
      username: 'bob',
      email: 'bob@acme.test',
      field: 'teams',
      before: 'nlp:member; vision:member',
      after: 'nlp:admin; vision:member',
    },
    {
      key: 'carol',
      username: 'carol',
      email: 'carol@acme.test',
      field: 'models_seat',
      before: 'viewer',
      after: 'full',
    },
    {
      key: 'dave',
      username: 'dave',
      email: 'dave@acme.test',
      field: 'weave_access',
      before: 'viewer',
      after: 'no-access',
    },
    {
      key: 'erin',
      username: 'erin',
      email: 'erin@acme.test',
      field: 'status',
      before: 'active',
      after: 'deactivated',
    },
  ];

  it('finds joiners, leavers and role, seat, status and team-role changes', () => {
    const result = compareExports(table(before), table(after));
    // A pending invite is an invite, never a joiner or a leaver.
    expect(result.joiners.map((entry) => entry.key)).toEqual(['gina', 'ivan']);
    expect(result.invited.map((entry) => entry.key)).toEqual(['invite:jo@acme.test']);
    expect(result.leavers.map((entry) => entry.key)).toEqual(['frank']);
    // gina's invite was accepted, so it is not gone; henry's was withdrawn.
    expect(result.invitesGone.map((entry) => entry.key)).toEqual(['invite:henry@acme.test']);
    expect(result.changes).toEqual(expectedChanges);
    expect(result.fields).toEqual(['org_role', 'models_seat', 'weave_access', 'status', 'teams']);
  });

  it('folds per-team rows back per member, so layouts compare cleanly', () => {
    expect(compareExports(table(before, 'per-team'), table(after)).changes).toEqual(expectedChanges);
    expect(compareExports(table(before, 'per-team'), table(before)).changes).toEqual([]);
    const invites = compareExports(table(acmeDirectory(), 'per-team'), table(acmeDirectory()));
    expect(invites).toMatchObject({ joiners: [], leavers: [], invited: [], invitesGone: [], changes: [] });
  });

  it('compares only the fields both exports carry', () => {
    const narrow: ExportTable = {
      columns: ['username', 'email', 'status', 'org_role'],
      rows: table(before).rows,
    };
    const result = compareExports(narrow, table(after));
    expect(result.fields).toEqual(['org_role', 'status']);
    expect(result.changes.map((change) => change.field)).toEqual(['org_role', 'status']);
  });

  it('works on a file read back, from either format', () => {
    const previousCsv = parsedOk(csvOf(table(before, 'per-team').rows, EXPORT_COLUMNS, ';', true));
    expect(compareExports(previousCsv, table(after)).changes).toEqual(expectedChanges);
    const previousJson = parsedOk(jsonOf(table(before).rows as ExportRow[]), 'x.json');
    expect(compareExports(previousJson, table(after)).changes).toEqual(expectedChanges);
  });

  // Its speed is the bench's to show (a timed test fails on a busy machine); this checks the scale.
  it('compares two exports of 50,000 members each and finds exactly the 50 role changes', () => {
    const many = (suffix: string) =>
      directoryOf(
        Array.from({ length: 50_000 }, (_, index) =>
          member({ username: `user${index}`, orgRole: index % 1000 === 0 ? suffix : 'member' }),
        ),
      );
    const result = compareExports(table(many('member')), table(many('admin')));
    expect(result.changes).toHaveLength(50);
  });
});

describe('comparisonCsvChunks', () => {
  it('writes change, username, email, field, before, after — neutralised', () => {
    const result: ComparisonResult = {
      joiners: [{ ...acmeRows[0]!, key: 'alice' }],
      leavers: [{ ...acmeRows[3]!, key: 'dana' }],
      invited: [{ ...acmeRows[4]!, key: 'invite:new@acme.test' }],
      invitesGone: [{ ...acmeRows[4]!, email: '=gone@acme.test', key: 'invite:=gone@acme.test' }],
      changes: [
        {
          key: 'alice',
          username: 'alice',
          email: 'alice@acme.test',
          field: 'teams',
          before: '@ops:admin',
          after: '',
        },
      ],
      fields: ['teams'],
    };
    expect([...comparisonCsvChunks(result, { delimiter: ',', bom: true })].join('')).toBe(
      '\uFEFFchange,username,email,field,before,after\r\n' +
        'joined,alice,alice@acme.test,,,\r\n' +
        "left,dana,'+dana@acme.test,,,\r\n" +
        'invited,,new@acme.test,,,\r\n' +
        "invite-gone,,'=gone@acme.test,,,\r\n" +
        "changed,alice,alice@acme.test,teams,'@ops:admin,\r\n",
    );
  });
});
