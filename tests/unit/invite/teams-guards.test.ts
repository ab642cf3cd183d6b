/** "Did you mean" over team names (`lib/invite/teams.ts`): the edit distance and how close is close. */
import { describe, expect, it } from 'vitest';
import { editDistance, suggestTeam } from '@/lib/invite/teams';

describe('team suggestion guards', () => {
  it.each([
    ['', 'abc', 3],
    ['abc', '', 3],
    ['ab', 'a', 1],
    ['a', 'ab', 1],
    ['kitten', 'sitting', 3],
    ['flaw', 'lawn', 2],
    ['vision', 'vision', 0],
  ])('guard "every character counts": editDistance(%j, %j) = %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
  });

  it('guard "the first of equally close teams": a tie suggests the team listed first', () => {
    expect(suggestTeam('visio', ['vision', 'visiox'])).toBe('vision');
    expect(suggestTeam('visio', ['visiox', 'vision'])).toBe('visiox');
  });

  it('guard "a third of the name, at least 2 edits": a 9-letter name allows 3 edits, not 4', () => {
    expect(suggestTeam('marketing', ['marketxyz'])).toBe('marketxyz');
    expect(suggestTeam('marketing', ['markewxyz'])).toBe(null);
    expect(suggestTeam('nl', ['vw'])).toBe('vw');
    expect(suggestTeam('nlp', [])).toBe(null);
  });
});
