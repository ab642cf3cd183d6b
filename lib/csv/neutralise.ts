/**
 * Formula-injection neutralising for cells that a spreadsheet app may open (OWASP "CSV
 * Injection"): a cell whose first character is `=`, `+`, `-`, `@`, tab or carriage return is
 * prefixed with `'`, so Excel, Sheets and LibreOffice show it as text instead of evaluating it.
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

/** True when `cell` starts with zero or more `'` followed by a trigger character. */
function startsWithQuotedTrigger(cell: string): boolean {
  let index = 0;
  // Every cell of a large export passes here: most leave at the first character.
  while (cell.charCodeAt(index) === APOSTROPHE) index++;
  return isFormulaTrigger(cell.charCodeAt(index));
}

/** The cell made safe to open in a spreadsheet: `'` prefixed when it starts with `= + - @`, tab or CR (see the module comment for the `'=` case); other cells unchanged. */
export function neutraliseFormula(cell: string): string {
  return startsWithQuotedTrigger(cell) ? `'${cell}` : cell;
}

/** The inverse of `neutraliseFormula`: one leading `'` removed when the rest starts with `'`s and a trigger; other cells unchanged. */
export function restoreFormula(cell: string): string {
  return cell.charCodeAt(0) === APOSTROPHE && startsWithQuotedTrigger(cell.slice(1)) ? cell.slice(1) : cell;
}
