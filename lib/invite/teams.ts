/** Team names as bulk invite reads them: split from a cell, and "did you mean" for an unknown one. */

/** Levenshtein distance, for "did you mean" over team names (small inputs only). */
export function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0] ?? 0;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j] ?? 0;
      previous[j] = Math.min(
        above + 1,
        (previous[j - 1] ?? 0) + 1,
        diagonal + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      diagonal = above;
    }
  }
  return previous[b.length] ?? 0;
}

/** The closest team name within a few edits (case-insensitive); null when nothing is close. */
export function suggestTeam(name: string, teams: readonly string[]): string | null {
  const wanted = name.toLowerCase();
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const team of teams) {
    const distance = editDistance(wanted, team.toLowerCase());
    if (distance < bestDistance) {
      best = team;
      bestDistance = distance;
    }
  }
  const allowed = Math.max(2, Math.floor(name.length / 3));
  return best !== null && bestDistance <= allowed ? best : null;
}

/** Team names of one cell: split on `;` or `|`, trimmed, blanks dropped. */
export function splitTeams(cell: string): string[] {
  return cell
    .split(/[;|]/)
    .map((team) => team.trim())
    .filter((team) => team !== '');
}
