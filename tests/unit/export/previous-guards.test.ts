/**
 * Reading a previous export back (`lib/export/previous.ts`) beyond compare.test.ts: which file
 * is taken for ours, how its delimiter is found, what each refusal says (row and column only
 * when known), and the JSON document's checks one by one.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EXPORT_COLUMNS } from '@/lib/export/columns';
import { type ExportReadError, parsePreviousExport } from '@/lib/export/previous';
import type { ExportRow } from '@/lib/export/rows';

const FILE = 'wandb-acme-members-2026-11-20.csv';
const BLANK: ExportRow = {
  username: '',
  name: '',
  email: '',
  org_role: '',
  models_seat: '',
  weave_access: '',
  status: '',
  account_type: '',
  teams: '',
  last_active: '',
  invited_at: '',
};
const ANN: ExportRow = { ...BLANK, username: 'ann', email: 'ann@acme.io', status: 'active' };

function ok(text: string, fileName = FILE, org = 'acme', team?: string | null) {
  const result = parsePreviousExport(text, fileName, org, team);
  if (!result.ok) throw new Error(`expected a parsed export, got: ${result.error.message}`);
  return result;
}

function refused(text: string, fileName = FILE, org = 'acme', team?: string | null): ExportReadError {
  const result = parsePreviousExport(text, fileName, org, team);
  if (result.ok) throw new Error('expected a refusal');
  return result.error;
}

const json = (document: Record<string, unknown>) =>
  JSON.stringify({
    format: 'wandb-admin-toolkit/members',
    version: 1,
    org: 'acme',
    scope: { kind: 'org', org: 'acme' },
    columns: ['username', 'email', 'status'],
    rows: [{ username: 'ann', email: 'ann@acme.io', status: 'active' }],
    ...document,
  });

afterEach(() => vi.restoreAllMocks());

describe('CSV guards', () => {
  it('guard "columns a file did not carry are empty text": every other field of a row is \'\'', () => {
    expect(ok('username,email,status\r\nann,ann@acme.io,active\r\n')).toMatchObject({
      columns: ['username', 'email', 'status'],
      rows: [ANN],
    });
  });

  it('guard "a refusal says row or column only when known": the empty file names neither', () => {
    expect(refused('')).toStrictEqual({ message: 'The file is empty.' });
  });

  it('guard "the file name as the browser gives it": a path before our name is ignored, so another org is still caught', () => {
    expect(
      refused('username,email,status\r\n', 'C:\\fakepath\\wandb-other-members-2026-11-20.csv').message,
    ).toBe(
      'This file is an export of "other" (its name is "C:\\fakepath\\wandb-other-members-2026-11-20.csv"), but this page is organization "acme". Pick an export of organization "acme".',
    );
  });

  it('guard "only a name that starts like ours is ours": a renamed copy is read without a scope', () => {
    expect(
      ok('username,email,status\r\nann,ann@acme.io,active\r\n', 'old-wandb-other-members-2026-11-20.csv'),
    ).toMatchObject({
      org: null,
      exportedAt: null,
      rows: [ANN],
    });
  });

  it.each([
    [
      'a quoted header cell holding semicolons',
      'username,email,status,"a;b;c;d;e"\r\nann,ann@acme.io,active,x\r\n',
    ],
    ['semicolons in the rows (LF)', 'username,email,status,name\nann,ann@acme.io,active,a;b;c;d;e;f;g;h\n'],
    ['semicolons in the rows (CR)', 'username,email,status,name\rann,ann@acme.io,active,a;b;c;d;e;f;g;h\r'],
    ['one semicolon in the header', 'username,email,status,a;b\r\nann,ann@acme.io,active,x\r\n'],
  ])(
    'guard "the delimiter is the header\'s, outside quotes": %s still reads as comma-separated',
    (_name, text) => {
      expect(ok(text).rows.map((row) => [row.username, row.email, row.status])).toEqual([
        ['ann', 'ann@acme.io', 'active'],
      ]);
    },
  );

  it('guard "a tie is a comma": two of each in the header splits on commas', () => {
    expect(refused('username,email,status;a;b\r\n')).toStrictEqual({
      message:
        'Column "status" is missing from the header (row 1). This file is not a complete member export of the Admin Toolkit; export again with the "status" column ticked.',
      row: 1,
      column: 'status',
    });
  });

  it('guard "header cells are trimmed": padded column names are still ours', () => {
    expect(ok(' username , email ,status\r\nann,ann@acme.io,active\r\n').rows).toEqual([ANN]);
  });

  it('guard "a column twice is refused": named with its row and column', () => {
    expect(refused('username,email,status,email\r\n')).toStrictEqual({
      message: 'Column "email" appears twice in the header (row 1).',
      row: 1,
      column: 'email',
    });
  });

  it('guard "a header that is not ours is quoted, 80 characters at most, with our columns listed"', () => {
    const header = `${'x'.repeat(70)},${'y'.repeat(30)}`;
    expect(refused(`${header}\r\n1,2\r\n`)).toStrictEqual({
      message: `This file is not a member export of the Admin Toolkit: its header (row 1) has none of our columns (${EXPORT_COLUMNS.join(', ')}); it reads "${header.slice(0, 80)}".`,
      row: 1,
    });
  });

  it('guard "rows are counted as a spreadsheet shows them": a blank line still takes a row number', () => {
    expect(refused('username,email,status\r\n\r\nann,ann@acme.io,bogus\r\n')).toStrictEqual({
      message: 'Row 3, column status: "bogus" is not active, invite-pending or deactivated.',
      row: 3,
      column: 'status',
    });
  });

  it('guard "a one-field row is a short row, not a blank line": named with the first missing column', () => {
    expect(refused('username,email,status\r\nann\r\n')).toStrictEqual({
      message: 'Row 2 has 1 fields but the header has 3: column "email" and those after it are missing.',
      row: 2,
      column: 'email',
    });
  });

  it('guard "a long row is not called short": it asks about an unquoted delimiter and names no column', () => {
    expect(refused('username,email,status\r\nann,ann@acme.io,active,extra\r\n')).toStrictEqual({
      message: 'Row 2 has 4 fields but the header has 3 (is a field with a "," not quoted?).',
      row: 2,
    });
  });

  it('guard "a .json inside the name is not JSON": only a name ending in .json (or a { or [ start) is read as JSON', () => {
    expect(
      ok('username,email,status\r\nann,ann@acme.io,active\r\n', 'wandb-acme-members-2026-11-20.json.csv')
        .format,
    ).toBe('csv');
  });
});

describe('JSON guards', () => {
  it('guard "JSON is recognised by its first character": a leading BOM or blank line, any file name', () => {
    expect(ok(`\uFEFF${json({})}`, 'export.txt')).toMatchObject({ format: 'json', rows: [ANN] });
    expect(ok(`\n  ${json({})}`, 'export.txt')).toMatchObject({ format: 'json', rows: [ANN] });
    expect(refused('[]', 'export.txt')).toStrictEqual({
      message:
        'This JSON file is not a member export of the Admin Toolkit: its "format" is nothing, expected "wandb-admin-toolkit/members".',
      column: 'format',
    });
  });

  it('guard "a document that is not an object has no format": null and arrays are refused, not read', () => {
    for (const text of ['null', '[{"format":"wandb-admin-toolkit/members"}]'])
      expect(refused(text, 'x.json').message).toBe(
        'This JSON file is not a member export of the Admin Toolkit: its "format" is nothing, expected "wandb-admin-toolkit/members".',
      );
  });

  it('guard "the engine\'s line when it gives one": Firefox says "line 12"', () => {
    vi.spyOn(JSON, 'parse').mockImplementationOnce(() => {
      throw new SyntaxError(
        'JSON.parse: expected double-quoted property name at line 12 column 1 of the JSON data',
      );
    });
    expect(refused('{"rows": [', 'x.json')).toStrictEqual({
      message:
        'This file is not valid JSON (line 12): JSON.parse: expected double-quoted property name at line 12 column 1 of the JSON data',
      row: 12,
    });
  });

  it('guard "no line when the engine gives none": a cut-off file says so without a row', () => {
    expect(refused('{"format":', 'x.json')).toStrictEqual({
      message: 'This file is not valid JSON: Unexpected end of JSON input',
    });
  });

  it('guard "a missing version is named as null"', () => {
    expect(refused(json({ version: undefined }), 'x.json')).toStrictEqual({
      message:
        'This export has "version" null; this toolkit reads version 1. Update the extension, or export again.',
      column: 'version',
    });
  });

  it('guard "org and team only from text fields": a non-text org or team is no scope, an org scope has no team', () => {
    expect(ok(json({ org: 42 }), 'x.json').org).toBeNull();
    expect(ok(json({ scope: { kind: 'org', team: 'vision' } }), 'x.json').rows).toEqual([ANN]);
    expect(ok(json({ scope: { kind: 'team', team: 5 } }), 'x.json').rows).toEqual([ANN]);
    expect(ok(json({ exportedAt: 5 }), 'x.json').exportedAt).toBeNull();
  });

  it('guard "a file without an org is compared by scope, named with the page\'s org"', () => {
    expect(
      refused(json({ org: undefined, scope: { kind: 'team', team: 'vision' } }), 'x.json'),
    ).toStrictEqual({
      message:
        'This file is an export of team "vision" of organization "acme", but this page is organization "acme"; an export of a different scope would list everyone else as joiners or leavers.',
      column: 'scope',
    });
  });

  it('guard "the columns list is checked": missing, unknown (text or not) and incomplete lists are refused', () => {
    expect(refused(json({ columns: undefined }), 'x.json')).toStrictEqual({
      message: 'This export has no "columns" list.',
      column: 'columns',
    });
    expect(refused(json({ columns: ['username', 'email', 'status', 'bogus'] }), 'x.json')).toStrictEqual({
      message: `This export lists an unknown column "bogus" in "columns"; known columns are ${EXPORT_COLUMNS.join(', ')}.`,
      column: 'bogus',
    });
    expect(refused(json({ columns: ['username', 5] }), 'x.json')).toStrictEqual({
      message: `This export lists an unknown column 5 in "columns"; known columns are ${EXPORT_COLUMNS.join(', ')}.`,
    });
    expect(refused(json({ columns: ['username', 'email'] }), 'x.json')).toStrictEqual({
      message:
        'Column "status" is missing from this export\'s "columns"; export again with the "status" column ticked.',
      column: 'status',
    });
  });

  it('guard "the columns come back in export order, each once"', () => {
    expect(ok(json({ columns: ['status', 'email', 'username', 'email'] }), 'x.json').columns).toEqual([
      'username',
      'email',
      'status',
    ]);
  });

  it('guard "every row is checked": no rows list, a row that is not an object, and a bad status are refused', () => {
    expect(refused(json({ rows: undefined }), 'x.json')).toStrictEqual({
      message: 'This export has no "rows" list.',
      column: 'rows',
    });
    expect(refused(json({ rows: ['ann'] }), 'x.json')).toStrictEqual({
      message: 'Row 1 (rows[0]) is not an object.',
      row: 1,
    });
    expect(refused(json({ rows: [{ username: 'ann', email: 'a@x.io' }] }), 'x.json')).toStrictEqual({
      message: 'Row 1 (rows[0]), column status: "" is not active, invite-pending or deactivated.',
      row: 1,
      column: 'status',
    });
    expect(refused(json({ rows: [null] }), 'x.json')).toStrictEqual({
      message: 'Row 1 (rows[0]) is not an object.',
      row: 1,
    });
    expect(
      refused(json({ rows: [{ username: 'ann', email: 'a@x.io', status: 'gone' }] }), 'x.json'),
    ).toStrictEqual({
      message: 'Row 1 (rows[0]), column status: "gone" is not active, invite-pending or deactivated.',
      row: 1,
      column: 'status',
    });
  });

  it('guard "a missing or null cell is empty text": only other non-text values are refused', () => {
    expect(
      ok(
        json({
          rows: [
            { username: 'ann', email: null, status: 'active' },
            { email: 'b@x.io', status: 'active' },
          ],
        }),
        'x.json',
      ).rows,
    ).toEqual([
      { ...ANN, email: '' },
      { ...BLANK, email: 'b@x.io', status: 'active' },
    ]);
  });
});
