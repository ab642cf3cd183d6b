/**
 * The accounts the same-person picker offers for a member: with a query, those whose address or
 * name holds every word of it (case- and accent-blind); without one, those that look like the
 * member first (same name, or a word of their name or address in the account's), then the rest by
 * address. Pure; the picker runs it over slices of a large export.
 */
import { foldForSearch } from '../offboarding/search';
import type { IdpPerson } from './types';

/** The words a name or address is made of (`ann.lee+x@acme.test` → ann, lee, x, acme, test), folded. */
function words(text: string): string[] {
  return foldForSearch(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length >= 2);
}

export interface Suggestion {
  person: IdpPerson;
  score: number;
}

/** How much `person` looks like the member: 10 for the same name, then one per shared word of 3+ letters. */
export function likeness(
  member: { name: string; email: string; username: string },
  person: IdpPerson,
): number {
  const mine = new Set([
    ...words(member.name),
    ...words(member.email.split('@')[0] ?? ''),
    ...words(member.username),
  ]);
  const name = foldForSearch(member.name.trim());
  let score = name !== '' && foldForSearch(person.name.trim()) === name ? 10 : 0;
  for (const word of new Set([...words(person.name), ...words(person.email.split('@')[0] ?? '')]))
    if (word.length >= 3 && mine.has(word)) score++;
  return score;
}

/**
 * The suggestions among `people` for `query`, best first, at most `limit`; equal scores keep the
 * order of `people` (the engine gives them sorted by address), so no string is compared here.
 */
export function suggestAccounts(
  member: { name: string; email: string; username: string },
  people: readonly IdpPerson[],
  query: string,
  limit = 50,
): Suggestion[] {
  const terms = foldForSearch(query).split(/\s+/).filter(Boolean);
  const found: Suggestion[] = [];
  for (const person of people) {
    if (terms.length > 0) {
      const haystack = foldForSearch(`${person.email}\n${person.name}`);
      if (!terms.every((term) => haystack.includes(term))) continue;
    }
    found.push({ person, score: likeness(member, person) });
  }
  return found.sort((a, b) => b.score - a.score).slice(0, limit);
}

/** Two slices' suggestions as one (the earlier slice first among equals), at most `limit`. */
export function mergeSuggestions(earlier: Suggestion[], later: Suggestion[], limit = 50): Suggestion[] {
  return [...earlier, ...later].sort((a, b) => b.score - a.score).slice(0, limit);
}
