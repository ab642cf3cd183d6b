/**
 * The checks that name a picked file that is not text before it is read as an export
 * (`lib/export/decode.ts`): the row they point at, both kinds of binary data, and the bounds of
 * what is scanned.
 */
import { describe, expect, it } from 'vitest';
import { binaryProblem, decodeExportFile, lineOf } from '@/lib/export/decode';

const NOT_TEXT =
  'This file is not a text file (it holds binary data, or is UTF-16 text). Pick a CSV or JSON file exported by the Admin Toolkit.';
const NOT_UTF8_TEXT =
  'This file is not UTF-8 text (some bytes could not be read). Our exports are UTF-8: pick the file as the toolkit saved it, or save it again as "CSV UTF-8".';

describe('lineOf', () => {
  it('guard "count only the newlines before the offset": a newline at the offset is still on its own line', () => {
    expect(lineOf('a\nb\nc', 0)).toBe(1);
    expect(lineOf('a\nb\nc', 1)).toBe(1);
    expect(lineOf('a\nb\nc', 2)).toBe(2);
    expect(lineOf('a\nb\nc', 4)).toBe(3);
  });

  it('guard "stop at the end of the text": an offset past the end (a JSON error position) is the last line, at once', () => {
    expect(lineOf('a\nb', 3)).toBe(2);
    expect(lineOf('a\nb', Number.MAX_SAFE_INTEGER)).toBe(2);
  });
});

describe('binaryProblem', () => {
  it('guard "a NUL names a binary or UTF-16 file": even as the very first character, with the row it is on', () => {
    expect(binaryProblem('\u0000username')).toEqual({ message: NOT_TEXT, row: 1 });
    expect(binaryProblem('username,email\nann,a@x.io\n\u0000')).toEqual({ message: NOT_TEXT, row: 3 });
  });

  it('guard "a replacement character names a file that is not UTF-8": even as the very first character, with its row', () => {
    expect(binaryProblem('\uFFFDusername')).toEqual({ message: NOT_UTF8_TEXT, row: 1 });
    expect(binaryProblem('username,email\nJos\uFFFD,j@x.io')).toEqual({ message: NOT_UTF8_TEXT, row: 2 });
  });

  it('guard "a NUL is named before a replacement character": UTF-16 read as UTF-8 holds both', () => {
    expect(binaryProblem('\uFFFD\nx\u0000')).toEqual({ message: NOT_TEXT, row: 2 });
  });

  it('guard "only the first 64 KiB are scanned": plain text is no problem, and a NUL after the sample is not looked for', () => {
    expect(binaryProblem('username,email\nann,a@x.io\n')).toBeNull();
    const head = 'a'.repeat(65_536);
    expect(binaryProblem(`${head}\u0000`)).toBeNull();
    expect(binaryProblem(`${head.slice(1)}\u0000`)).toEqual({ message: NOT_TEXT, row: 1 });
  });
});

describe('decodeExportFile', () => {
  it('guard "bytes that are not UTF-8 are refused, not replaced": Latin-1 is named; UTF-8 keeps its BOM for the parser', () => {
    const latin1 = new Uint8Array([0x4a, 0x6f, 0x73, 0xe9]);
    const decoded = decodeExportFile(latin1);
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.error.message).toMatch(/^This file is not UTF-8 text \(it holds bytes/);
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, 0x4a, 0xc3, 0xa9]);
    expect(decodeExportFile(bom)).toEqual({ ok: true, text: '\uFEFFJé' });
    expect(decodeExportFile(bom.buffer)).toEqual({ ok: true, text: '\uFEFFJé' });
  });
});
