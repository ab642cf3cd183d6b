import { describe, expect, it } from 'vitest';
import { decodeInviteFile, parseInviteInput } from '@/lib/invite/parse';

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

// Guards found by the mutation run of lib/invite/parse.ts (64.9 %): what the admin is told about a
// file, and what a pasted address list is read as, checked in full.
describe('file and address-list guards', () => {
  it('guard "the line of the first byte that is not UTF-8": two-, three- and four-byte characters before it do not move it', () => {
    // é (2 bytes), अ and € (3, leads 0xE0 and 0xE2), 😀 (4) on lines 2–4 are valid; Windows-1252
    // "ë" (0xEB) on line 5 is not.
    const file = bytes('email,name\na@x.io,é\nb@x.io,अ€\nc@x.io,😀\nd@x.io,Zo', [0xeb], '\n');
    const result = decodeInviteFile(file, 'people.csv');
    expect(result.ok === false && result.error.line).toBe(5);
  });

  it.each([
    ['a lone continuation byte', [0x80]],
    ['an overlong lead byte', [0xc0, 0xaf]],
    ['a lead byte past U+10FFFF', [0xf5, 0x80, 0x80, 0x80]],
    ['a three-byte lead cut short', [0xe2, 0x82]],
  ])(
    'guard "the line of the first byte that is not UTF-8": %s on line 3 is reported on line 3',
    (_name, bad) => {
      const file = bytes('email\na@x.io\n', bad, '@x.io\n');
      const result = decodeInviteFile(file, 'people.csv');
      expect(result.ok === false && result.error.line).toBe(3);
    },
  );

  it('guard "a BOM is two exact bytes": Latin-1 text whose second byte is 0xFE or 0xFF is not taken for UTF-16', () => {
    // "aþ…" and "aÿ…" in Windows-1252: not UTF-8, and not UTF-16 either.
    for (const second of [0xfe, 0xff]) {
      const result = decodeInviteFile(bytes([0x61, second], '@x.io\n'), 'people.csv');
      expect(result.ok === false && result.error.message).toMatch(/^people\.csv is not UTF-8 text/);
    }
  });

  it('guard "a workbook is named by its whole signature": a file starting "PK" but not PK\\x03\\x04 is read as text', () => {
    for (const start of ['PK\u0003x', 'PKx\u0004', 'Px\u0003\u0004', 'xK\u0003\u0004']) {
      const result = decodeInviteFile(bytes(start, ',a@x.io\n'), 'people.csv');
      expect(result).toEqual({ ok: true, text: `${start},a@x.io\n`, encoding: 'UTF-8' });
    }
    expect(decodeInviteFile(bytes('PK\u0003'), 'short.csv')).toEqual({
      ok: true,
      text: 'PK\u0003',
      encoding: 'UTF-8',
    });
  });

  it('guard "a UTF-8 BOM is three exact bytes": anything else is kept as text', () => {
    const withBom = decodeInviteFile(bytes([0xef, 0xbb, 0xbf], 'a@x.io\n'), 'people.csv');
    expect(withBom).toEqual({ ok: true, text: 'a@x.io\n', encoding: 'UTF-8 with BOM' });
    // U+FBBF is EF AE BF, U+EFBF is EE BE BF: not a BOM, kept.
    for (const [start, char] of [
      [[0xef, 0xae, 0xbf], '\uFBBF'],
      [[0xee, 0xbe, 0xbf], '\uEFBF'],
    ] as const) {
      const result = decodeInviteFile(bytes([...start], 'a@x.io\n'), 'people.csv');
      expect(result).toEqual({ ok: true, text: `${char}a@x.io\n`, encoding: 'UTF-8' });
    }
  });

  it('guard "a pasted list is read as a list": kind, columns, mapping and lines, in full', () => {
    expect(parseInviteInput({ text: 'Ann Lee <ann@x.io>; bob@x.io\n"Lee, Cy" <cy@x.io>' })).toEqual({
      ok: true,
      kind: 'address-list',
      encoding: 'text',
      delimiter: ',',
      delimiterGuessed: false,
      hasHeader: false,
      headers: ['Email', 'Name'],
      records: [
        { line: 1, cells: ['ann@x.io', 'Ann Lee'] },
        { line: 1, cells: ['bob@x.io', ''] },
        { line: 2, cells: ['cy@x.io', 'Lee, Cy'] },
      ],
      mapping: {
        email: 0,
        name: 1,
        firstName: null,
        lastName: null,
        teams: null,
        orgRole: null,
        idpStatus: null,
        teamRole: null,
      },
      mappingConfident: true,
      warnings: [],
    });
  });
});
