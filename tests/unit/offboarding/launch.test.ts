import { describe, expect, it } from 'vitest';
import { offboardLaunch, parseOffboardLaunch } from '@/lib/offboarding/launch';

describe('What the offboarding checklist opens on', () => {
  it.each([
    [offboardLaunch.case('case-1'), { kind: 'case', caseId: 'case-1' }],
    [offboardLaunch.member('frank'), { kind: 'member', username: 'frank' }],
    // A username with a colon keeps everything after the first one.
    ['member:a:b', { kind: 'member', username: 'a:b' }],
    [undefined, null],
    ['', null],
    ['case-1', null], // no kind: nothing is opened (an old bare case id is not guessed at)
    ['cases', null], // no colon: a word that starts with a kind names no kind
    ['memberz', null],
    ['case:', null],
    [':frank', null],
    ['team:vision', null],
  ])('%s → %j', (launch, expected) => {
    expect(parseOffboardLaunch(launch)).toEqual(expected);
  });
});
