import { describe, expect, it } from 'vitest';
import {
  decodeInviteFile,
  MAX_INVITE_ROWS,
  type ParsedInviteInput,
  parseAddress,
  parseInviteInput,
} from '@/lib/invite/parse';

function ok(result: ReturnType<typeof parseInviteInput>): ParsedInviteInput {
  if (!result.ok) throw new Error(`expected ok, got: ${result.error.message}`);
  return result;
}

function bytes(...parts: (number[] | string)[]): ArrayBuffer {
  const chunks = parts.map((part) =>
    typeof part === 'string' ? new TextEncoder().encode(part) : Uint8Array.from(part),
  );
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out.buffer;
}

describe('parseInviteInput: tables', () => {
  it.each([
    [',', 'email,team\na@x.io,vision\nb@x.io,nlp\n'],
    [';', 'email;team\na@x.io;vision\nb@x.io;nlp\n'],
    ['\t', 'email\tteam\na@x.io\tvision\nb@x.io\tnlp\n'],
    ['|', 'email|team\na@x.io|vision\nb@x.io|nlp\n'],
  ])('detects the delimiter %j', (delimiter, text) => {
    const parsed = ok(parseInviteInput({ text }));
    expect(parsed.delimiter).toBe(delimiter);
    expect(parsed.hasHeader).toBe(true);
    expect(parsed.headers).toEqual(['email', 'team']);
    expect(parsed.records).toEqual([
      { line: 2, cells: ['a@x.io', 'vision'] },
      { line: 3, cells: ['b@x.io', 'nlp'] },
    ]);
    expect(parsed.mapping.email).toBe(0);
    expect(parsed.mapping.teams).toBe(1);
    expect(parsed.mappingConfident).toBe(true);
  });

  it('honours a delimiter and header override', () => {
    const parsed = ok(parseInviteInput({ text: 'a@x.io;vision\n' }, { delimiter: ';', hasHeader: false }));
    expect(parsed.delimiter).toBe(';');
    expect(parsed.hasHeader).toBe(false);
    expect(parsed.headers).toEqual(['Column 1', 'Column 2']);
    expect(parsed.records).toEqual([{ line: 1, cells: ['a@x.io', 'vision'] }]);
    expect(parsed.mapping.email).toBe(0);
    // Without a header the team column cannot be named: the admin maps it.
    expect(parsed.mappingConfident).toBe(false);
  });

  it('reads CRLF and keeps real line numbers across quoted newlines and blank lines', () => {
    const text = 'email,name,team\r\na@x.io,"Ann\r\nLee, PhD",vision\r\n\r\nb@x.io,Bob,nlp\r\n';
    const parsed = ok(parseInviteInput({ text }));
    expect(parsed.records).toEqual([
      { line: 2, cells: ['a@x.io', 'Ann\r\nLee, PhD', 'vision'] },
      { line: 5, cells: ['b@x.io', 'Bob', 'nlp'] },
    ]);
  });

  it('finds the email column by content when there is no header', () => {
    const parsed = ok(parseInviteInput({ text: 'Ann,ann@x.io,vision\nBob,bob@x.io,nlp\n' }));
    expect(parsed.hasHeader).toBe(false);
    expect(parsed.records[0]?.line).toBe(1);
    expect(parsed.mapping.email).toBe(1);
  });

  it('strips a BOM from pasted text and from UTF-8 files', () => {
    expect(ok(parseInviteInput({ text: '\uFEFFemail\na@x.io\n' })).headers).toEqual(['email']);
    const file = ok(
      parseInviteInput({ bytes: bytes([0xef, 0xbb, 0xbf], 'email,name\nzoë@x.io,Zoë\n'), fileName: 'a.csv' }),
    );
    expect(file.encoding).toBe('UTF-8 with BOM');
    expect(file.headers).toEqual(['email', 'name']);
    expect(file.records[0]?.cells).toEqual(['zoë@x.io', 'Zoë']);
  });

  it('refuses Latin-1 bytes with the line and the fix', () => {
    // "Zoë" in Windows-1252: ë = 0xEB.
    const result = parseInviteInput({
      bytes: bytes('email,name\nz@x.io,Zo', [0xeb], '\n'),
      fileName: 'people.csv',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.line).toBe(2);
    expect(result.error.message).toContain('people.csv is not UTF-8');
    expect(result.error.message).toContain('CSV UTF-8');
  });

  it('reads UTF-16 LE and BE files with a BOM and names the encoding', () => {
    const text = 'email\tname\na@x.io\tÅsa\n';
    const le = new Uint8Array(2 + text.length * 2);
    le.set([0xff, 0xfe]);
    const be = new Uint8Array(2 + text.length * 2);
    be.set([0xfe, 0xff]);
    for (let index = 0; index < text.length; index++) {
      const code = text.charCodeAt(index);
      le[2 + index * 2] = code & 0xff;
      le[3 + index * 2] = code >> 8;
      be[2 + index * 2] = code >> 8;
      be[3 + index * 2] = code & 0xff;
    }
    const fromLe = ok(parseInviteInput({ bytes: le.buffer, fileName: 'unicode.txt' }));
    expect(fromLe.encoding).toBe('UTF-16 LE');
    expect(fromLe.delimiter).toBe('\t');
    expect(fromLe.records[0]?.cells).toEqual(['a@x.io', 'Åsa']);
    expect(ok(parseInviteInput({ bytes: be.buffer, fileName: 'unicode.txt' })).encoding).toBe('UTF-16 BE');
  });

  it('names a workbook and a binary file', () => {
    const xlsx = decodeInviteFile(bytes([0x50, 0x4b, 0x03, 0x04, 0, 0]), 'people.xlsx');
    expect(xlsx.ok === false && xlsx.error.message).toContain('people.xlsx is a workbook');
    const binary = decodeInviteFile(bytes('ab', [0], 'cd'), 'blob.bin');
    expect(binary.ok === false && binary.error.message).toContain('binary');
  });

  it.each([
    ['', 'nothing to read'],
    ['  \n\n', 'nothing to read'],
    ['email,team\n', 'header row but no rows'],
  ])('rejects %j with a clear message', (text, message) => {
    const result = parseInviteInput({ text });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain(message);
  });

  it('an unclosed quote spoils only its own line: that line is kept with the problem, the next lines are read', () => {
    const parsed = ok(
      parseInviteInput({ text: 'email,name\na@x.io,Ann\nb@x.io,"Bob\nc@x.io,Cy\n\nd@x.io,"Dee, D"\n' }),
    );
    expect(parsed.kind).toBe('table');
    expect(parsed.records).toEqual([
      { line: 2, cells: ['a@x.io', 'Ann'] },
      {
        line: 3,
        cells: ['b@x.io,"Bob'],
        problem:
          'Line 3: a quoted cell is not closed properly, so this line cannot be read. Check the quotes on that line; the other lines are read as usual.',
      },
      { line: 4, cells: ['c@x.io', 'Cy'] },
      { line: 6, cells: ['d@x.io', 'Dee, D'] },
    ]);
  });

  it('keeps the line numbers of a CRLF file across a broken line', () => {
    const parsed = ok(parseInviteInput({ text: 'email\r\na@x.io\r\n"b@x.io\r\nc@x.io\r\n' }));
    expect(parsed.records.map((r) => [r.line, r.cells[0], r.problem !== undefined])).toEqual([
      [2, 'a@x.io', false],
      [3, '"b@x.io', true],
      [4, 'c@x.io', false],
    ]);
  });

  it('text after a closing quote spoils only its line too, and the cap still counts every line', () => {
    const parsed = ok(parseInviteInput({ text: 'email\n"quote""d"@x.test\nb@x.io\n"x"y,z\n' }));
    expect(parsed.records.map((r) => [r.line, r.problem === undefined ? r.cells[0] : 'problem'])).toEqual([
      [2, 'problem'],
      [3, 'b@x.io'],
      [4, 'problem'],
    ]);
    // The broken line is a row: with a cap of 3, it and two addresses fit, and a third is one too many.
    const limit = { maxRows: 3, tooMany: (max: string) => `more than ${max} rows` };
    const rows = (count: number) =>
      `email\n"broken\n${Array.from({ length: count }, (_, i) => `u${i}@x.io`).join('\n')}`;
    expect(ok(parseInviteInput({ text: rows(2) }, {}, limit)).records).toHaveLength(3);
    expect(parseInviteInput({ text: rows(3) }, {}, limit)).toEqual({
      ok: false,
      error: { message: 'more than 3 rows' },
    });
  });

  it('caps rows at MAX_INVITE_ROWS with a clear message', () => {
    const at = `email\n${Array.from({ length: MAX_INVITE_ROWS }, (_, i) => `u${i}@x.io,t`).join('\n')}`;
    expect(ok(parseInviteInput({ text: at })).records).toHaveLength(MAX_INVITE_ROWS);
    const over = `email,team\n${Array.from({ length: MAX_INVITE_ROWS + 1 }, (_, i) => `u${i}@x.io,t`).join('\n')}`;
    const result = parseInviteInput({ text: over });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain('more than 10,000 rows');
  });

  it('warns about a line with more cells than the header (mixed delimiters)', () => {
    const parsed = ok(parseInviteInput({ text: 'email,team\na@x.io,vision\nb@x.io,nlp,extra\n' }));
    expect(parsed.warnings).toEqual([{ line: 3, message: expect.stringContaining('Line 3 has 3 cells') }]);
  });
});

describe('parseInviteInput: address lists from an email client', () => {
  it('reads `,` and `;` separated addresses with display names on several lines', () => {
    const parsed = ok(
      parseInviteInput({ text: 'a@x.com, "Bob B" <b@x.com>; c@x.com\nDee Dee <d@x.com>\n\ne@x.com' }),
    );
    expect(parsed.kind).toBe('address-list');
    expect(parsed.mapping.email).toBe(0);
    expect(parsed.mapping.name).toBe(1);
    expect(parsed.records).toEqual([
      { line: 1, cells: ['a@x.com', ''] },
      { line: 1, cells: ['b@x.com', 'Bob B'] },
      { line: 1, cells: ['c@x.com', ''] },
      { line: 2, cells: ['d@x.com', 'Dee Dee'] },
      { line: 4, cells: ['e@x.com', ''] },
    ]);
  });

  it('keeps a comma inside a quoted display name', () => {
    const parsed = ok(parseInviteInput({ text: '"Lee, Ann" <ann@x.io>, bob@x.io' }));
    expect(parsed.records.map((record) => record.cells)).toEqual([
      ['ann@x.io', 'Lee, Ann'],
      ['bob@x.io', ''],
    ]);
  });

  it('reads one address per line as a list', () => {
    const parsed = ok(parseInviteInput({ text: 'a@x.io\r\nb@x.io\r\n' }));
    expect(parsed.kind).toBe('address-list');
    expect(parsed.records.map((record) => record.line)).toEqual([1, 2]);
  });

  it('one piece that is not an address becomes a row naming the problem; the rest of the list is read', () => {
    const parsed = ok(
      parseInviteInput({ text: '"Ann Lee" <ann@x.io>\nnot-an-email\nBob <bob@x.io>, "quote""d"@x.test' }),
    );
    expect(parsed.kind).toBe('address-list');
    expect(parsed.records).toEqual([
      { line: 1, cells: ['ann@x.io', 'Ann Lee'] },
      {
        line: 2,
        cells: ['not-an-email', ''],
        problem:
          'Line 2: "not-an-email" is not an email address (expected name@domain or Name <name@domain>).',
      },
      { line: 3, cells: ['bob@x.io', 'Bob'] },
      {
        line: 3,
        cells: ['"quote""d"@x.test', ''],
        problem:
          'Line 3: ""quote""d"@x.test" is not an email address (expected name@domain or Name <name@domain>).',
      },
    ]);
  });

  it('one address per line with a bad line is still a list; an unclosed quote does not swallow the next lines', () => {
    const parsed = ok(parseInviteInput({ text: 'a@x.io\n"oops@x.io\nb@x.io\nc@x.io\n' }));
    expect(parsed.kind).toBe('address-list');
    expect(parsed.records.map((r) => [r.line, r.cells[0], r.problem !== undefined])).toEqual([
      [1, 'a@x.io', false],
      [2, '"oops@x.io', true],
      [3, 'b@x.io', false],
      [4, 'c@x.io', false],
    ]);
  });

  it('a quoted name over two lines is still one address; only a piece that fails is split by line', () => {
    const parsed = ok(parseInviteInput({ text: '"Lee,\nAnn" <ann@x.io>\nbob@x.io' }));
    expect(parsed.records).toEqual([
      { line: 1, cells: ['ann@x.io', 'Lee,\nAnn'] },
      { line: 3, cells: ['bob@x.io', ''] },
    ]);
  });

  it.each([
    ['a table without a header (email, name)', 'ann@x.io,Ann Lee\nbob@x.io,Bob Ray\n'],
    ['a table whose names are sometimes empty', 'ann@x.io,\nbob@x.io,Bob Ray\ncy@x.io,Cy\n'],
    ['a one-column table with a header', 'email\nann@x.io\nbob@x.io\n'],
    ['a tab-separated table', 'ann@x.io\tAnn\nbob@x.io\tBob\n'],
    ['mostly not addresses, one per line', 'vision\nnlp\nann@x.io\n'],
  ])('%s is read as a table, not as a list with bad pieces', (_, text) => {
    const parsed = ok(parseInviteInput({ text }));
    expect(parsed.kind).toBe('table');
    expect(parsed.records.every((r) => r.problem === undefined)).toBe(true);
  });

  it.each([
    ['ann@x.io', { email: 'ann@x.io', name: '' }],
    ['"Ann" <ann@x.io>', { email: 'ann@x.io', name: 'Ann' }],
    ['Ann Lee <ann@x.io>', { email: 'ann@x.io', name: 'Ann Lee' }],
    ['mailto:ann@x.io', { email: 'ann@x.io', name: '' }],
    ['vision', null],
  ])('parseAddress(%j)', (token, expected) => {
    expect(parseAddress(token)).toEqual(expected);
  });
});
