/**
 * Guards of `lib/invite/parse.ts` left after `parse-file-guards` and `parse-table-guards`: files
 * that are only a byte-order mark or a workbook signature, where a broken byte is reported after
 * characters of every length, CR-only files, the line break kept after a broken line, and the
 * bounds of what is sampled (found by mutation testing, issue #17).
 */
import { describe, expect, it } from 'vitest';
import {
  decodeInviteFile,
  detectDelimiter,
  type InviteParseResult,
  MAX_INVITE_ROWS,
  parseInviteInput,
} from '@/lib/invite/parse';

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

function parsed(result: InviteParseResult) {
  if (!result.ok) throw new Error(`expected a parse, got: ${result.error.message}`);
  return result;
}

const notUtf8 = /^people\.csv is not UTF-8 text/;

describe('byte-order mark and signature guards', () => {
  it.each([
    ['UTF-16 LE', [0xff, 0xfe]],
    ['UTF-16 BE', [0xfe, 0xff]],
  ] as const)('guard "a file that is only a %s mark is empty text in that encoding"', (encoding, mark) => {
    expect(decodeInviteFile(bytes([...mark]), 'people.csv')).toEqual({ ok: true, text: '', encoding });
  });

  it('guard "a file that is only a UTF-8 mark is empty text, with the mark named"', () => {
    expect(decodeInviteFile(bytes([0xef, 0xbb, 0xbf]), 'people.csv')).toEqual({
      ok: true,
      text: '',
      encoding: 'UTF-8 with BOM',
    });
  });

  it('guard "a four-byte workbook signature alone is a workbook"', () => {
    const result = decodeInviteFile(bytes('PK\u0003\u0004'), 'people.xlsx');
    expect(result.ok === false && result.error.message).toMatch(/^people\.xlsx is a workbook/);
  });

  it.each([
    ['0xFF then a letter', [0xff, 0x61]],
    ['0xFE then a letter', [0xfe, 0x61]],
    ['a letter then the rest of a UTF-8 mark', [0x61, 0xbb, 0xbf]],
    ['the first two bytes of a UTF-8 mark then a letter', [0xef, 0xbb, 0x61]],
  ])('guard "a mark is its exact bytes": %s is not UTF-8, not read as marked text', (_, start) => {
    const result = decodeInviteFile(bytes(start, '@x.io\n'), 'people.csv');
    expect(result.ok === false && result.error.message).toMatch(notUtf8);
  });
});

describe('first broken byte guards', () => {
  it.each([
    ['é (C3, two bytes)', 'é'],
    ['a no-break space (C2, the lowest two-byte lead)', '\u00a0'],
    ['U+10FFFD (F4, the highest four-byte lead)', '\u{10fffd}'],
  ])(
    'guard "a valid character just before a line break does not move the line": %s ends line 2, the broken byte starts line 3',
    (_, char) => {
      const result = decodeInviteFile(bytes(`email\nann@x.io ${char}\n`, [0xeb], 'x@x.io\n'), 'people.csv');
      expect(result.ok === false && result.error.line).toBe(3);
    },
  );
});

describe('line guards', () => {
  it('guard "a CR alone ends a line": rows of a CR-only file keep their lines', () => {
    const result = parsed(parseInviteInput({ text: 'Email,Name\r"ann@x.io","Ann\rLee"\rbob@x.io,Bob\r' }));
    expect(result.records).toEqual([
      { line: 2, cells: ['ann@x.io', 'Ann\rLee'] },
      { line: 4, cells: ['bob@x.io', 'Bob'] },
    ]);
  });

  it('guard "a broken line ends at its CR": in a CR-only file the next row is read whole', () => {
    const result = parsed(parseInviteInput({ text: 'Email,Name\r"ann@x.io,Ann\rbob@x.io,Bob\r' }));
    expect(result.records.map((record) => [record.line, record.cells, record.problem !== undefined])).toEqual(
      [
        [2, ['"ann@x.io,Ann'], true],
        [3, ['bob@x.io', 'Bob'], false],
      ],
    );
  });

  it('guard "after a broken line the file\'s line break is kept": stray CRs in a CRLF file stay inside their cell', () => {
    // Read alone, the text after the broken line has more lone CRs than CRLFs, and would be split at each CR.
    const text = 'Email,Note\r\n"ann@x.io,oops\r\nbob@x.io,a\rb\rc\r\ncid@x.io,ok\r\n';
    const result = parsed(parseInviteInput({ text }));
    expect(result.records.map((record) => [record.line, record.cells, record.problem !== undefined])).toEqual(
      [
        [2, ['"ann@x.io,oops'], true],
        [3, ['bob@x.io', 'a\rb\rc'], false],
        [6, ['cid@x.io', 'ok'], false],
      ],
    );
  });

  it('guard "a byte-order mark at the start of pasted text is dropped": the header is still found', () => {
    const result = parsed(parseInviteInput({ text: '\uFEFFEmail,Team\nann@x.io,vision\n' }));
    expect(result.headers).toEqual(['Email', 'Team']);
    expect(result.records).toEqual([{ line: 2, cells: ['ann@x.io', 'vision'] }]);
  });
});

describe('detection guards', () => {
  it('guard "only an undetectable delimiter is a guess": a quote error elsewhere is not', () => {
    const result = parsed(
      parseInviteInput({ text: 'Email,Team\nann@x.io,vision\nbob@x.io,nlp\ncid@x.io,"ml\n' }),
    );
    expect(result.delimiter).toBe(',');
    expect(result.delimiterGuessed).toBe(false);
  });

  it('guard "a delimiter the admin chose is not a guess"', () => {
    const result = parsed(parseInviteInput({ text: 'Email\nann@x.io\n' }, { delimiter: ';' }));
    expect(result.delimiterGuessed).toBe(false);
  });

  it('guard "a first row naming no known column is data, not a header"', () => {
    const result = parsed(parseInviteInput({ text: 'Ann Lee,vision\nBob Ray,nlp\n' }));
    expect(result.hasHeader).toBe(false);
    expect(result.records).toHaveLength(2);
  });

  it('guard "the email column is the one with the most addresses", not the first with half of them', () => {
    const text = 'a@x.io,ann@x.io\nb@x.io,bob@x.io\nBee,cid@x.io\nDee,dee@x.io\n';
    expect(parsed(parseInviteInput({ text })).mapping.email).toBe(1);
  });

  it('guard "the email column is judged on the first 200 rows"', () => {
    const rows = [
      ...Array.from({ length: 200 }, (_, n) => `Name ${n},p${n}@x.io`),
      ...Array.from({ length: 200 }, (_, n) => `q${n}@x.io,Name`),
    ];
    expect(parsed(parseInviteInput({ text: rows.join('\n') })).mapping.email).toBe(1);
  });

  it('guard "one column of no addresses is not a confident mapping"', () => {
    const result = parsed(parseInviteInput({ text: 'Ann Lee\nBob Ray\n' }, { hasHeader: false }));
    expect(result.mapping.email).toBeNull();
    expect(result.mappingConfident).toBe(false);
  });

  it('guard "a list of addresses with a tab in it is still a list"', () => {
    const result = parsed(parseInviteInput({ text: 'ann@x.io;\tbob@x.io' }));
    expect(result.kind).toBe('address-list');
    expect(result.records.map((record) => record.cells[0])).toEqual(['ann@x.io', 'bob@x.io']);
  });

  it('guard "columns are counted on the first 1,000 rows", and a headerless table warns of no line', () => {
    const rows = [...Array.from({ length: 1000 }, (_, n) => `p${n}@x.io,Name`), 'late@x.io,Name,extra'];
    const result = parsed(parseInviteInput({ text: rows.join('\n') }));
    expect(result.headers).toEqual(['Column 1', 'Column 2']);
    expect(result.warnings).toEqual([]);
  });
});

describe('Role column guards', () => {
  it('guard "a row without a Role cell is a blank role": a short row keeps the Role column the team role', () => {
    const result = parsed(
      parseInviteInput({ text: 'Email,Team,Role\nann@x.io,vision,admin\nbob@x.io,vision\n' }),
    );
    expect(result.mapping.teamRole).toBe(2);
    expect(result.mapping.orgRole).toBeNull();
    expect(result.mappingNote).toBeUndefined();
  });

  it('guard "the Role column is judged on its first 1,000 rows" (a 10,000-row file is not read twice)', () => {
    const rows = Array.from({ length: 1000 }, (_, n) => `p${n}@x.io,vision,admin`);
    const text = ['Email,Team,Role', ...rows, 'late@x.io,vision,owner'].join('\n');
    const result = parsed(parseInviteInput({ text }));
    expect(result.mapping.teamRole).toBe(2);
    expect(result.mappingNote).toBeUndefined();
    // The same value within the first 1,000 rows makes it the org role, and says why.
    const early = parsed(
      parseInviteInput({ text: ['Email,Team,Role', 'late@x.io,vision,owner', ...rows].join('\n') }),
    );
    expect(early.mapping.orgRole).toBe(2);
    expect(early.mappingNote).toMatch(/holds "owner", which is not a team role/);
  });
});

describe('sampling guards', () => {
  it('guard "the delimiter is guessed from the first 64 KB" (a 10 MB paste is not scanned whole)', () => {
    // In full, the 70 KB second line has one "," and one ";" like the first: a tie, which "," wins.
    // Its first 64 KB have the ";" only, so the guess is ";".
    const text = `a;b,c\nx;${'x'.repeat(70_000)},y\n`;
    expect(detectDelimiter(text)).toEqual({ delimiter: ';', guessed: false });
  });
});

describe('size guards', () => {
  it('guard "10,000 rows at most" holds for a table without a header', () => {
    const rows = (count: number) => Array.from({ length: count }, (_, n) => `p${n}@x.io,Name`).join('\n');
    expect(parsed(parseInviteInput({ text: rows(MAX_INVITE_ROWS) })).records).toHaveLength(MAX_INVITE_ROWS);
    const over = parseInviteInput({ text: rows(MAX_INVITE_ROWS + 1) });
    expect(over.ok === false && over.error.message).toMatch(/^This input has more than 10,000 rows/);
  });

  it('guard "an error carries only what it knows": no column key when no column is named', () => {
    const result = parseInviteInput({ text: 'Email,Team\n\n' });
    expect(result.ok === false && Object.keys(result.error)).toEqual(['message', 'line']);
  });
});
