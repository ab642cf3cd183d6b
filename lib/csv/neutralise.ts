/**
 * Formula-injection neutralising for cells that a spreadsheet app may open (OWASP "CSV
 * Injection"): a cell whose first character is `=`, `+`, `-`, `@`, tab or carriage return is
 * prefixed with `'`, so Excel, Sheets and LibreOffice show it as text instead of evaluating it.
 * "First character" is the first one left after skipping whitespace (NBSP and the ideographic
 * space included), zero-width and other invisible format characters (U+200B–U+200F, U+2060–U+2069,
 * U+202A–U+202E, U+061C) and a BOM, taken after NFKC, so ` =1`, `\u200B=1`, `\uFEFF=1` and the
 * full-width `＝1` / `＋1` are prefixed too (some spreadsheet apps trim or fold them on import).
 *
 * Every text cell of our exports goes through this, with no exception for "values that look
 * numeric": the member export has no numeric columns, and its dates are ISO 8601
 * (`2026-10-01T10:00:00Z`), which start with a digit and so are never touched. The only value
 * a spreadsheet would read as a number and that we do change is a negative number (`-1`), and
 * none of our columns holds one; a name such as `-1` is text to us, and neutralising it keeps
 * `-1+cmd|…` style payloads out.
 *
 * To make reading our own files back exact, a cell that already starts with one or more `'`
 * followed by a trigger character (`'=x`) gets one more `'` (`''=x`). `restoreFormula` removes
 * exactly one `'` from such cells, so `restoreFormula(neutraliseFormula(s)) === s` for every
 * string, and a name that merely starts with `'` (`'Ohana`) is never touched either way.
 */

const APOSTROPHE = 39;

/** True for the characters OWASP lists as starting a formula (or hiding one behind whitespace): `= + - @`, tab, CR. */
function isFormulaTrigger(code: number): boolean {
  return code === 61 || code === 43 || code === 45 || code === 64 || code === 9 || code === 13;
}

/** Skipped before the first character that counts: whitespace, zero-width and bidi format characters, BOM. */
const IGNORABLE = /^[\s\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF\u061C]$/u;

/** True when the first character that counts, from `start`, is (after NFKC) a formula trigger. */
function startsWithTrigger(cell: string, start: number): boolean {
  const first = cell.charCodeAt(start);
  // Every cell of a large export passes here: most leave at the first character.
  if (isFormulaTrigger(first)) return true;
  if (first > 32 && first < 127) return false;
  for (const char of cell.slice(start)) {
    const code = char.charCodeAt(0);
    if (code === 9 || code === 13) return true;
    if (IGNORABLE.test(char)) continue;
    return isFormulaTrigger(char.normalize('NFKC').charCodeAt(0));
  }
  return false;
}

/** True when `cell` starts with zero or more `'` followed by a (possibly hidden) trigger. */
function startsWithQuotedTrigger(cell: string): boolean {
  let index = 0;
  while (cell.charCodeAt(index) === APOSTROPHE) index++;
  return startsWithTrigger(cell, index);
}

// The bidi helpers moved beside the directory that applies them to names (lib/wandb imports no
// other lib/ folder); re-exported here for the export's callers.
export { BIDI_CONTROLS, hasBidiControls, revealBidiControls } from '../wandb/names';

/** The cell made safe to open in a spreadsheet: `'` prefixed when its first character that counts is `= + - @`, tab or CR (see the module comment); other cells unchanged. */
export function neutraliseFormula(cell: string): string {
  return startsWithQuotedTrigger(cell) ? `'${cell}` : cell;
}

/** The inverse of `neutraliseFormula`: one leading `'` removed when the rest starts with `'`s and a trigger; other cells unchanged. */
export function restoreFormula(cell: string): string {
  return cell.charCodeAt(0) === APOSTROPHE && startsWithQuotedTrigger(cell.slice(1)) ? cell.slice(1) : cell;
}
