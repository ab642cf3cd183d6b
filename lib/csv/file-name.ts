/** Parts of the names of the files the toolkit writes (exports, dry runs, results). */

/**
 * A name as a safe file-name part: accents dropped (`Ü` → `U`), then anything but ASCII letters, digits, `.`, `_` and `-` becomes
 * `-` (so no path separators, spaces or control characters), runs collapsed, ends trimmed;
 * `unknown` when nothing is left.
 */
export function fileNamePart(name: string): string {
  const part = name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  return part === '' ? 'unknown' : part;
}

/** `YYYY-MM-DD` of the admin's own calendar (local time): the day they see on their clock. */
export function localDateStamp(date: Date): string {
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${String(date.getFullYear()).padStart(4, '0')}-${month}-${day}`;
}
