/**
 * A picked file's bytes as text, and the checks that name a file that is not text (binary, UTF-16,
 * another encoding) before anything tries to read it as an export (./previous.ts).
 */

/** What is wrong with a file, with the row (1-based, header = row 1; for JSON, the row's position in `rows`, from 1) and column when known. */
export interface ExportReadError {
  message: string;
  row?: number;
  column?: string;
}

/** The 1-based line of a character offset. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let index = 0; index < offset && index < text.length; index++) {
    if (text.charCodeAt(index) === 10) line++;
  }
  return line;
}

/**
 * A message when the text looks binary (NUL characters, or U+FFFD where bytes were not UTF-8),
 * else null. Only asked once a file was not recognised as ours: inside one of our exports such
 * characters are data (a name may hold U+FFFD) and are kept.
 */
export function binaryProblem(text: string): ExportReadError | null {
  const sample = text.slice(0, 65_536);
  const nul = sample.indexOf('\u0000');
  if (nul >= 0) {
    return {
      message:
        'This file is not a text file (it holds binary data, or is UTF-16 text). Pick a CSV or JSON file exported by the Admin Toolkit.',
      row: lineOf(sample, nul),
    };
  }
  const replaced = sample.indexOf('\uFFFD');
  if (replaced >= 0) {
    return {
      message:
        'This file is not UTF-8 text (some bytes could not be read). Our exports are UTF-8: pick the file as the toolkit saved it, or save it again as "CSV UTF-8".',
      row: lineOf(sample, replaced),
    };
  }
  return null;
}

/** The message for bytes that are not UTF-8. */
const NOT_UTF8 =
  'This file is not UTF-8 text (it holds bytes that are not UTF-8, so it is binary or in another encoding). Our exports are UTF-8: pick the file as the toolkit saved it, or save it again as "CSV UTF-8".';

/**
 * A picked file's bytes as text, refusing bytes that are not UTF-8 (so a Latin-1 or binary file
 * is named as such instead of being read with replacement characters). A UTF-8 BOM is kept for
 * `parsePreviousExport`, which removes it.
 */
export function decodeExportFile(
  bytes: ArrayBuffer | Uint8Array,
): { ok: true; text: string } | { ok: false; error: ExportReadError } {
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    return { ok: false, error: { message: NOT_UTF8 } };
  }
}
