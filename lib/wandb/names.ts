/**
 * Names as W&B sends them can hold bidi controls that make one person's name display as
 * another's; the directory reveals them as it reads each name, and the export flags them.
 */

/** The bidi embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069). */
export const BIDI_CONTROLS: readonly string[] = [
  '\u202A',
  '\u202B',
  '\u202C',
  '\u202D',
  '\u202E',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
];
const BIDI_PATTERN = /[\u202A-\u202E\u2066-\u2069]/g;

/** True when `text` contains a bidi control, which can make a name display as something else. */
export function hasBidiControls(text: string): boolean {
  BIDI_PATTERN.lastIndex = 0;
  return BIDI_PATTERN.test(text);
}

/**
 * `text` with each bidi control replaced by a visible `[U+202E]`: names are shown this way in the
 * toolkit's dialogs and written this way in exports (where the column is flagged), so a right-to-left
 * override cannot make `alice\u202Eknarf` look like another person. Other text is unchanged.
 */
export function revealBidiControls(text: string): string {
  return text.replace(
    BIDI_PATTERN,
    // Every control BIDI_PATTERN matches is U+202A–U+202E or U+2066–U+2069: four hex digits.
    (c) => `[U+${c.charCodeAt(0).toString(16).toUpperCase()}]`,
  );
}
