import { describe, expect, it } from 'vitest';
import { emptyMapping } from '@/lib/invite/columns';
import {
  decodeInviteFile,
  type InviteParseResult,
  MAX_INVITE_ROWS,
  parseAddressList,
  parseInviteInput,
} from '@/lib/invite/parse';

/** The parsed input, or a failed expectation naming the error. */
function parsed(result: InviteParseResult) {
  if (!result.ok) throw new Error(`expected a parse, got: ${result.error.message}`);
  return result;
}

function refused(result: InviteParseResult) {
  if (result.ok) throw new Error('expected the input to be refused');
  return result.error;
}

const bytes = (values: number[]) => new Uint8Array(values).buffer;

describe('parse guards: files', () => {
  it('guard "a broken UTF-16 file is refused": an odd trailing byte is named, not read as a mangled name', () => {
    // BOM FF FE, then "a" and one stray byte: not whole UTF-16 code units.
    const error = refused(
      parseInviteInput({ bytes: bytes([0xff, 0xfe, 0x61, 0x00, 0x62]), fileName: 'x.csv' }),
    );
    expect(error.message).toMatch(/^x\.csv starts like UTF-16 LE text but is not valid UTF-16 LE\. In Excel/);
    expect(error).not.toHaveProperty('line');
  });

  it('guard "a binary file is refused": a NUL byte in UTF-8 text names the file as binary', () => {
    const error = refused(
      parseInviteInput({ bytes: bytes([0x61, 0x40, 0x78, 0x00, 0x0a]), fileName: 'y.bin' }),
    );
    expect(error.message).toMatch(/^y\.bin looks like a binary file, not CSV, TSV or TXT text\./);
  });

  it('guard "the encoding is named": plain UTF-8 without a BOM is reported as UTF-8', () => {
    expect(decodeInviteFile(bytes([0x61, 0x40, 0x78, 0x2e, 0x69, 0x6f]), 'z.csv')).toEqual({
      ok: true,
      text: 'a@x.io',
      encoding: 'UTF-8',
    });
  });

  it('guard "an error names a line only when it has one": the empty-input error carries no line or column', () => {
    expect(refused(parseInviteInput({ text: '  \n ' }))).toEqual({
      message: 'There is nothing to read: paste addresses or choose a file with rows.',
    });
    expect(refused(parseInviteInput({ text: 'email,team\n\n' }))).toEqual({
      message: 'The file has a header row but no rows under it: add one person per line.',
      line: 2,
    });
    // A broken quote refuses nothing (issue 13): its line becomes a row that names the problem.
    const read = parseInviteInput({ text: 'email\n"ann@x.io,team\nbob@x.io\n' });
    expect(read.ok && read.records.map((record) => [record.line, record.problem !== undefined])).toEqual([
      [2, true],
      [3, false],
    ]);
  });
});

describe('parse guards: pasted address lists', () => {
  it('guard "each address keeps its own line": blank lines, CR-only and CRLF breaks move the line on', () => {
    expect(parseAddressList('\n\nann@x.io\r\nbob@x.io\rcid@x.io;  dee@x.io')).toEqual([
      { line: 3, cells: ['ann@x.io', ''] },
      { line: 4, cells: ['bob@x.io', ''] },
      { line: 5, cells: ['cid@x.io', ''] },
      { line: 5, cells: ['dee@x.io', ''] },
    ]);
  });

  it('guard "quotes and angle brackets do not split": a name with , ; < > inside quotes stays one address', () => {
    expect(
      parseAddressList('"Smith, <Jr>; Sr" <ann@x.io>, "Bob \\(PhD\\)" <bob@x.io>\nmailto:cid@x.io'),
    ).toEqual([
      { line: 1, cells: ['ann@x.io', 'Smith, <Jr>; Sr'] },
      { line: 1, cells: ['bob@x.io', 'Bob (PhD)'] },
      { line: 2, cells: ['cid@x.io', ''] },
    ]);
  });

  it('guard "a display name spread over two lines keeps the line it started on"', () => {
    expect(parseAddressList('ann@x.io,\n"Lee,\nBob" <bob@x.io>')).toEqual([
      { line: 1, cells: ['ann@x.io', ''] },
      { line: 2, cells: ['bob@x.io', 'Lee,\nBob'] },
    ]);
  });

  it('guard "one piece that is not an address makes it a table": nothing of the list is half-read', () => {
    expect(parseAddressList('ann@x.io, not an address, bob@x.io')).toBeNull();
    expect(parseAddressList(' , ;\n')).toBeNull();
  });

  it('guard "one address followed by a tab is a table row": the tab-separated columns are not lost', () => {
    const result = parsed(parseInviteInput({ text: 'ann@x.io\t' }));
    expect(result.kind).toBe('table');
    expect(result.delimiter).toBe('\t');
    expect(result.records).toEqual([{ line: 1, cells: ['ann@x.io', ''] }]);
  });

  it('guard "an override reads the input as a table": either override alone turns the list detection off', () => {
    for (const overrides of [{ hasHeader: false }, { delimiter: ';' as const }]) {
      const result = parsed(parseInviteInput({ text: 'ann@x.io\nbob@x.io' }, overrides));
      expect(result.kind).toBe('table');
      expect(result.records.map((record) => record.cells)).toEqual([['ann@x.io'], ['bob@x.io']]);
    }
  });

  it('guard "a pasted list is shown as Email and Name": its result in full', () => {
    expect(parseInviteInput({ text: 'Ann <ann@x.io>' })).toEqual({
      ok: true,
      kind: 'address-list',
      encoding: 'text',
      delimiter: ',',
      delimiterGuessed: false,
      hasHeader: false,
      headers: ['Email', 'Name'],
      records: [{ line: 1, cells: ['ann@x.io', 'Ann'] }],
      mapping: { ...emptyMapping(), email: 0, name: 1 },
      mappingConfident: true,
      warnings: [],
    });
  });
});

describe('parse guards: tables', () => {
  it('guard "the email column is found by its addresses": the column with the most, from half the rows up', () => {
    const text = 'x@y.io,Ann,ann@x.io\nBob,Bob,bob@x.io\nCid,Cid,cid@x.io\nDee,dee@x.io,dee@x.io\n';
    const result = parsed(parseInviteInput({ text }));
    expect(result.hasHeader).toBe(false);
    expect(result.mapping.email).toBe(2);
    // Without a header the other columns need the admin, so the mapping is not confident.
    expect(result.mappingConfident).toBe(false);
    expect(result.headers).toEqual(['Column 1', 'Column 2', 'Column 3']);
  });

  it('guard "no email column is guessed from a few addresses": under half the rows leaves it for the admin', () => {
    const result = parsed(parseInviteInput({ text: 'Ann;x\nBob;y\nCid;cid@x.io\n' }));
    expect(result.mapping.email).toBeNull();
    expect(result.mappingConfident).toBe(false);
    const half = parsed(parseInviteInput({ text: 'Ann;ann@x.io\nBob;y\n' }));
    expect(half.mapping.email).toBe(1);
  });

  it('guard "of two address columns the first is the email": a manager column after it is not taken instead', () => {
    const result = parsed(parseInviteInput({ text: 'ann@x.io,boss@x.io,Ann\nbob@x.io,boss@x.io,Bob\n' }));
    expect(result.mapping.email).toBe(0);
  });

  it('guard "a one-column file of addresses without a header needs no mapping"', () => {
    const result = parsed(parseInviteInput({ text: 'ann@x.io\nbob@x.io\n' }, { hasHeader: false }));
    expect(result.mapping).toEqual({ ...emptyMapping(), email: 0 });
    expect(result.mappingConfident).toBe(true);
  });

  it('guard "every column has a name": a blank header cell is shown as its column number, a wider row widens a headerless table', () => {
    const withHeader = parsed(parseInviteInput({ text: 'Email, ,Team\nann@x.io,Ann,vision\n' }));
    expect(withHeader.headers).toEqual(['Email', 'Column 2', 'Team']);
    const headerless = parsed(
      parseInviteInput({ text: 'ann@x.io\nbob@x.io,Bob,vision\n' }, { delimiter: ',' }),
    );
    expect(headerless.headers).toEqual(['Column 1', 'Column 2', 'Column 3']);
  });

  it('guard "a header with nothing under it is named": the error points at the line after the header', () => {
    expect(refused(parseInviteInput({ text: '\n\nEmail,Team\n\n' }))).toEqual({
      message: 'The file has a header row but no rows under it: add one person per line.',
      line: 4,
    });
  });

  it('guard "a table of empty cells is refused" rather than read as no one', () => {
    expect(refused(parseInviteInput({ text: ',,\n , \n' }, { delimiter: ',' }))).toEqual({
      message: 'There is nothing to read: every line is empty.',
    });
  });

  it('guard "10,000 rows at most" counts the rows under a header, not the header', () => {
    const table = (count: number) =>
      ['Email,Team', ...Array.from({ length: count }, (_, i) => `u${i}@x.io,v`)].join('\n');
    expect(parsed(parseInviteInput({ text: table(MAX_INVITE_ROWS) })).records).toHaveLength(MAX_INVITE_ROWS);
    expect(refused(parseInviteInput({ text: table(MAX_INVITE_ROWS + 1) })).message).toContain(
      'more than 10,000 rows',
    );
  });

  it('guard "a line with too many cells is pointed out", and only such a line', () => {
    const result = parsed(parseInviteInput({ text: 'Email,Team\nann@x.io,v\nbob@x.io,v,extra\n' }));
    expect(result.warnings).toEqual([
      {
        line: 3,
        message: 'Line 3 has 3 cells but the header has 2: check the delimiter on that line.',
      },
    ]);
  });

  it('guard "the delimiter is said to be guessed" when a one-column file gives papaparse nothing to tell by', () => {
    const result = parsed(parseInviteInput({ text: 'Email\nann@x.io\n' }));
    expect(result.delimiter).toBe(',');
    expect(result.delimiterGuessed).toBe(true);
    const piped = parsed(parseInviteInput({ text: 'Email|Team\nann@x.io|v\nbob@x.io|w\n' }));
    expect(piped.delimiter).toBe('|');
    expect(piped.delimiterGuessed).toBe(false);
    expect(piped.records.map((record) => record.cells)).toEqual([
      ['ann@x.io', 'v'],
      ['bob@x.io', 'w'],
    ]);
  });
});
