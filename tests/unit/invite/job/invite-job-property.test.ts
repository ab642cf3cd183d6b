import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClassifiedRow } from '@/lib/invite/classify';
import { createInviteJob, isFinal, resumeInviteJob, runInviteJob } from '@/lib/invite/job';
import { fakeWandb, newRow, type Outcome } from './fakeServer';

const NOW = Date.UTC(2026, 10, 21, 10, 0, 0);

/** Creates that reach W&B and still come back as an error: the only ones a retry may meet again. */
const LOST_ANSWERS: readonly string[] = ['ok-answer-lost', 'created-then-502', 'created-then-timeout'];

/** Row `index`: a new address (some with two teams, some with a team the dry run skipped), or one the dry run refused. */
function rowFor(index: number): ClassifiedRow {
  const email = `u${index}@x.io`;
  if (index % 4 === 3)
    return { ...newRow(index, email, ['v']), status: 'member', reason: 'already a member of v', sends: [] };
  if (index % 5 === 4)
    return { ...newRow(index, email, ['v']), status: 'invalid', reason: 'Bad email', sends: [] };
  const row = newRow(index, email, index % 3 === 0 ? ['v', 'w'] : ['v']);
  return index % 2 === 1 ? { ...row, skippedTeams: [{ team: 'x', reason: 'no team x' }] } : row;
}

describe('nothing lost, nothing sent twice (property)', () => {
  const outcome = fc.constantFrom<Outcome>(
    'ok',
    'ok-answer-lost',
    'created-then-502',
    'created-then-timeout',
    'rate-limited',
    'server',
    'network',
    'already',
    'signed-out',
    'crash-before',
    'crash-after',
  );

  it('under any sequence of answers, crashes and resumes: only planned sends leave, none after W&B holds the invite unless its answer was lost, and every invite W&B holds for us is reported invited', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(outcome, { maxLength: 40 }),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 4 }),
        async (script, people, concurrency) => {
          const rows = Array.from({ length: people }, (_, index) => rowFor(index));
          const planned = new Set(
            rows.flatMap((row) => row.sends.map((send) => `${row.email}|${send.team}`)),
          );
          const server = fakeWandb(script);
          let current = createInviteJob(rows, {
            id: 'p',
            org: 'acme',
            scope: 'org:acme',
            now: NOW,
            concurrency,
            maxAttempts: 50,
          });
          for (let round = 0; round < 100 && current.status !== 'done'; round++) {
            // Resume from the copy last saved, as the service worker does after a restart.
            const stored = server.saves.length > 0 ? server.lastSaved() : current;
            server.restart();
            const resumed = await resumeInviteJob(stored, server.deps());
            current = await runInviteJob(resumed, server.deps());
            if (server.saves.length > 0 && current.status === 'done') current = server.lastSaved();
          }
          expect(current.status).toBe('done');
          const unitsPerRow = rows.map((row) =>
            row.status === 'new' ? row.sends.length + row.skippedTeams.length : 1,
          );
          expect(current.units).toHaveLength(unitsPerRow.reduce((sum, count) => sum + count, 0));
          for (const unit of current.units) expect(isFinal(unit.state)).toBe(true);

          // What W&B received: only the sends the dry run planned, never a skipped row or team.
          for (const key of server.sent) expect(planned.has(key)).toBe(true);
          // A request for an invite W&B already holds only follows a create whose answer was lost.
          const last = new Map<string, string>();
          for (const request of server.requests) {
            if (request.invitedBefore) expect(LOST_ANSWERS).toContain(last.get(request.key));
            last.set(request.key, request.outcome);
          }
          expect(new Set(server.created).size).toBe(server.created.length);

          // What the admin sees: every invite W&B holds for us is "invited" with its id; "skipped" only
          // for someone else's invite or for what the dry run skipped; nothing fails (50 attempts).
          for (const unit of current.units) {
            const held = server.invites.get(`${unit.email}|${unit.team}`);
            expect(unit.state).not.toBe('failed');
            if (held !== undefined && held !== 'someone-else')
              expect(unit).toMatchObject({ state: 'invited', inviteId: held });
            if (unit.state === 'invited') expect(unit.inviteId).toBe(held);
            if (unit.state === 'skipped' && held === 'someone-else') expect(unit.reason).toMatch(/already/);
            if (unit.state === 'skipped' && held === undefined)
              expect(unit.reason).toMatch(/^(already a member of v|Bad email|no team x)$/);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
