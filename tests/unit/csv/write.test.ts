import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { neutraliseFormula } from '@/lib/csv/neutralise';
import { buildCsv, type CsvDelimiter, csvChunks, csvField } from '@/lib/csv/write';

/** Papaparse's reading of a file, without the empty record after the final CRLF. */
function readBack(csv: string, delimiter: CsvDelimiter): string[][] {
  const parsed = Papa.parse<string[]>(csv, { delimiter, skipEmptyLines: false });
  expect(parsed.errors).toEqual([]);
  const data = parsed.data;
  const last = data[data.length - 1];
  if (last && last.length === 1 && last[0] === '') data.pop();
  return data;
}

describe('csvField', () => {
  it.each<[string, CsvDelimiter, string]>([
    ['plain', ',', 'plain'],
    ['a,b', ',', '"a,b"'],
    ['a,b', ';', 'a,b'],
    ['a;b', ',', 'a;b'],
    ['a;b', ';', '"a;b"'],
    ['say "hi"', ',', '"say ""hi"""'],
    ['"', ';', '""""'],
    ['line1\r\nline2', ',', '"line1\r\nline2"'],
    ['line1\nline2', ';', '"line1\nline2"'],
    ['cr\ronly', ',', '"cr\ronly"'],
    ['', ',', ''],
    [' padded ', ',', ' padded '],
    ['山田 🚀', ',', '山田 🚀'],
  ])('%j with %j is written %j', (value, delimiter, expected) => {
    expect(csvField(value, delimiter)).toBe(expected);
  });
});

describe('csvChunks and buildCsv', () => {
  const header = ['username', 'name'];
  const rows = [
    ['alice', 'Alice, A'],
    ['bob', 'Bob; B'],
  ];

  it('writes CRLF records with a comma, and no BOM unless asked', () => {
    expect(buildCsv(header, rows, { delimiter: ',', bom: false })).toBe(
      'username,name\r\nalice,"Alice, A"\r\nbob,Bob; B\r\n',
    );
  });

  it('writes a semicolon file, quoting only what holds a semicolon', () => {
    expect(buildCsv(header, rows, { delimiter: ';', bom: false })).toBe(
      'username;name\r\nalice;Alice, A\r\nbob;"Bob; B"\r\n',
    );
  });

  it('starts with a UTF-8 BOM when asked, once', () => {
    const csv = buildCsv(header, rows, { delimiter: ',', bom: true, chunkRows: 1 });
    expect(csv.startsWith('\uFEFFusername,name\r\n')).toBe(true);
    expect(csv.indexOf('\uFEFF', 1)).toBe(-1);
  });

  it('yields the header, then chunks of at most chunkRows records', () => {
    const many = Array.from({ length: 5 }, (_, index) => [`u${index}`, `n${index}`]);
    const chunks = [...csvChunks(header, many, { delimiter: ',', bom: false, chunkRows: 2 })];
    expect(chunks).toEqual(['username,name\r\n', 'u0,n0\r\nu1,n1\r\n', 'u2,n2\r\nu3,n3\r\n', 'u4,n4\r\n']);
  });

  it('ends with the last full chunk when the rows fill it exactly: no empty chunk after it', () => {
    const four = Array.from({ length: 4 }, (_, index) => [`u${index}`, `n${index}`]);
    const chunks = [...csvChunks(header, four, { delimiter: ',', bom: false, chunkRows: 2 })];
    expect(chunks).toEqual(['username,name\r\n', 'u0,n0\r\nu1,n1\r\n', 'u2,n2\r\nu3,n3\r\n']);
  });

  it('writes an empty slot of a row as an empty field, never as "undefined"', () => {
    const row = ['alice', 'Alice', 'admin'];
    delete row[1];
    expect(buildCsv(['username', 'name', 'role'], [row], { delimiter: ',', bom: false })).toBe(
      'username,name,role\r\nalice,,admin\r\n',
    );
  });

  it('reads rows lazily, one chunk at a time', () => {
    let produced = 0;
    function* rowsOnDemand() {
      for (let index = 0; index < 10; index++) {
        produced++;
        yield [`u${index}`, 'x'];
      }
    }
    const chunks = csvChunks(header, rowsOnDemand(), { delimiter: ',', bom: false, chunkRows: 3 });
    chunks.next();
    chunks.next();
    expect(produced).toBe(3);
  });

  it('writes a lone empty field as "" so the record is not read as a blank line', () => {
    expect(buildCsv(['email'], [[''], ['a@x.test']], { delimiter: ',', bom: false })).toBe(
      'email\r\n""\r\na@x.test\r\n',
    );
  });

  it('writes only a header when there are no rows', () => {
    expect(buildCsv(header, [], { delimiter: ';', bom: true })).toBe('\uFEFFusername;name\r\n');
  });
});

describe('round trip through papaparse', () => {
  const cell = fc.oneof(
    fc.string({ unit: 'binary' }),
    fc.string({ unit: 'grapheme' }),
    fc.string({ unit: fc.constantFrom(',', ';', '"', '\r', '\n', '\t', '=', '+', '-', '@', "'", 'a', ' ') }),
    fc.constantFrom(
      '\u200F\u05E9\u05DC\u05D5\u05DD',
      '👩🏽‍💻 Zoë',
      '山田太郎',
      '2026-10-01T10:00:00Z',
      '-12.5',
    ),
  );

  it('returns the neutralised cells exactly, for both delimiters, with and without BOM', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 5 })
          .chain((width) =>
            fc.tuple(fc.constant(width), fc.array(fc.array(cell, { minLength: width, maxLength: width }))),
          ),
        fc.constantFrom<CsvDelimiter>(',', ';'),
        fc.boolean(),
        ([width, rows], delimiter, bom) => {
          const header = Array.from({ length: width }, (_, index) => `column_${index}`);
          const neutralised = rows.map((row) => row.map(neutraliseFormula));
          const csv = buildCsv(header, neutralised, { delimiter, bom, chunkRows: 3 });
          expect(readBack(csv, delimiter)).toEqual([header, ...neutralised]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
