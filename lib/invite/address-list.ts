/**
 * Address lists as copied from an email client: `a@x.io, "Bob B" <b@x.io>; Dee <d@x.io>` or one
 * address per line. A piece that is not an address does not refuse the list: it becomes a record
 * with a `problem`, which the dry run shows as an invalid row on its line.
 */
import type { InviteRecord } from './record';

const BARE_ADDRESS = /^[^\s@<>,;"]+@[^\s@<>,;"]+$/;
const NAMED_ADDRESS = /^(?:"((?:[^"\\]|\\.)*)"|([^<>"]*?))\s*<\s*([^\s@<>]+@[^\s@<>]+)\s*>$/;
/** The email-client form `Name <address>`, which a spreadsheet export does not produce. */
const ANGLE_ADDRESS = /<\s*[^\s@<>]+@[^\s@<>]+\s*>/;

/** `Name <email>`, `"Name" <email>` or a bare address; null for anything else. */
export function parseAddress(token: string): { email: string; name: string } | null {
  const text = token.trim().replace(/^mailto:/i, '');
  if (BARE_ADDRESS.test(text)) return { email: text, name: '' };
  const named = NAMED_ADDRESS.exec(text);
  if (!named) return null;
  const name = (named[1] ?? named[2] ?? '').replace(/\\(.)/g, '$1').trim();
  return { email: named[3] ?? '', name };
}

/**
 * The pieces of a list with the line each starts on: `,`, `;` and line breaks split, except inside
 * quotes or `<…>` (so a quoted name may span lines). With `lineBound`, a line break always ends a
 * piece and resets the quote state.
 */
function splitAddressList(
  text: string,
  lineBound: boolean,
  firstLine = 1,
): { line: number; token: string }[] {
  const pieces: { line: number; token: string }[] = [];
  let line = firstLine;
  let tokenLine = firstLine;
  let token = '';
  let quoted = false;
  let angled = false;
  const flush = () => {
    if (token.trim() !== '') pieces.push({ line: tokenLine, token: token.trim() });
    token = '';
  };
  for (let index = 0; index < text.length; index++) {
    const char = text[index] ?? '';
    const breaks = char === '\n' || (char === '\r' && text[index + 1] !== '\n');
    if ((lineBound && (breaks || char === '\r')) || (!quoted && !angled && /[,;\r\n]/.test(char))) {
      flush();
      if (breaks) line++;
      // A line break ends an open quote or bracket of a line-bound split (outside one, a split
      // happens only with none open, so this changes nothing there).
      quoted = false;
      angled = false;
      // The next piece starts on this line: a blank token cannot reach another line without a
      // split, since a quote or bracket that would carry it over is itself part of the token.
      tokenLine = line;
      continue;
    }
    if (char === '"') quoted = !quoted;
    else if (char === '<' && !quoted) angled = true;
    else if (char === '>' && !quoted) angled = false;
    if (breaks) line++;
    token += char;
  }
  flush();
  return pieces;
}

/**
 * The pieces of a list: a piece that is not an address but spans lines (an unclosed quote took
 * the next lines with it) is split again line by line, so it spoils only its own line.
 */
function addressPieces(text: string): { line: number; token: string }[] {
  return splitAddressList(text, false).flatMap((piece) =>
    parseAddress(piece.token) === null && /[\r\n]/.test(piece.token)
      ? splitAddressList(piece.token, true, piece.line)
      : [piece],
  );
}

/**
 * The records of an email-client list, or null when the text is not one. It is one when every
 * piece is an address, or — so that one bad piece does not refuse the rest — when it holds the
 * `Name <address>` form and some address, or has one piece per line and mostly addresses; the
 * other pieces then become records with a `problem`.
 */
export function parseAddressList(text: string): InviteRecord[] | null {
  const pieces = addressPieces(text);
  if (pieces.length === 0) return null;
  const parsed = pieces.map((piece) => ({ ...piece, address: parseAddress(piece.token) }));
  const good = parsed.filter((piece) => piece.address !== null).length;
  if (good < parsed.length) {
    const onePerLine = new Set(parsed.map((piece) => piece.line)).size === parsed.length;
    const listLike = ANGLE_ADDRESS.test(text)
      ? good > 0
      : onePerLine && !/[\t|]/.test(text) && good * 2 > parsed.length;
    if (!listLike) return null;
  }
  return parsed.map(({ line, token, address }) =>
    address
      ? { line, cells: [address.email, address.name] }
      : {
          line,
          cells: [token, ''],
          problem: `Line ${line}: "${token.length > 80 ? `${token.slice(0, 80)}…` : token}" is not an email address (expected name@domain or Name <name@domain>).`,
        },
  );
}
