/**
 * Guards of `lib/offboarding/in-flight.ts`: a team removal whose answer was lost is audited once,
 * only when it was sent, only when W&B shows it took effect, and never when it is audited already
 * (found by mutation testing, issue #17).
 */
import { describe, expect, it } from 'vitest';
import { markRemovalSending, removalAuditPrefix, settledLostRemovals } from '@/lib/offboarding/in-flight';
import type { OffboardingCase } from '@/lib/offboarding/model';
import { directoryOf, member } from '../export/fixtures';
import { caseFor } from './case-fixture';

const T1 = '2026-11-29T09:00:00.000Z';

function frankCase(): OffboardingCase {
  return caseFor(
    directoryOf([
      member({ username: 'alice', orgRole: 'admin' }),
      member({
        username: 'frank',
        teams: [
          { team: 'vision', role: 'member' },
          { team: 'nlp', role: 'member' },
          { team: 'audio', role: 'member' },
        ],
      }),
    ]),
    'frank',
  );
}

const settled = (team: string) => ({
  id: `case-abc-def:remove-team:${team}:settled`,
  action: 'remove-from-team',
  target: `frank → ${team}`,
  result: 'ok',
  detail: `W&B no longer lists frank in ${team}: the removal sent by an earlier run, whose answer was lost, took effect (confirmed by re-reading W&B).`,
});

describe('lost team removals', () => {
  it('guard "a sending line is kept in the history": it names the team and the time', () => {
    const c = markRemovalSending(frankCase(), 'vision', T1);
    expect(c.events).toEqual([
      { at: T1, step: 'remove-teams', result: 'info', detail: 'Sending the removal from team vision.' },
    ]);
  });

  it('guard "a removal sent and gone from W&B is audited once, as confirmed by the re-read"', () => {
    let c = markRemovalSending(frankCase(), 'vision', T1);
    c = markRemovalSending(c, 'nlp', T1);
    c = markRemovalSending(c, 'vision', T1);
    expect(settledLostRemovals(c, ['audio'], [])).toEqual([settled('vision'), settled('nlp')]);
  });

  it('guard "a team W&B still lists the member in is not audited" (the removal did not take effect)', () => {
    const c = markRemovalSending(markRemovalSending(frankCase(), 'vision', T1), 'nlp', T1);
    expect(settledLostRemovals(c, ['vision', 'audio'], [])).toEqual([settled('nlp')]);
  });

  it('guard "only a removal that was sent is audited": teams gone without a sending line are not', () => {
    expect(settledLostRemovals(frankCase(), [], [])).toEqual([]);
  });

  it('guard "a removal already audited is not audited again", whatever its entry ends with', () => {
    const c = markRemovalSending(markRemovalSending(frankCase(), 'vision', T1), 'nlp', T1);
    const audit = [
      { id: `${removalAuditPrefix('case-abc-def', 'vision')}1764410400000` },
      { id: 'case-other-one:remove-team:nlp:1764410400000' },
      { id: 'x:case-abc-def:remove-team:nlp:' },
    ];
    expect(settledLostRemovals(c, [], audit)).toEqual([settled('nlp')]);
  });

  it('guard "only remove-teams info lines that start with the sending words count"', () => {
    const c: OffboardingCase = {
      ...frankCase(),
      events: [
        { at: T1, step: 'remove-teams', result: 'error', detail: 'Sending the removal from team vision.' },
        { at: T1, step: 'remove-org', result: 'info', detail: 'Sending the removal from team nlp.' },
        { at: T1, step: 'remove-teams', result: 'info', detail: 'Not Sending the removal from team audio.' },
        { at: T1, step: 'remove-teams', result: 'info', detail: 'W&B confirmed frank removed from vision.' },
      ],
    };
    expect(settledLostRemovals(c, [], [])).toEqual([]);
  });
});
