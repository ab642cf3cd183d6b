/**
 * Team removals whose answer never came back. A step saves a "sending" line in the case before each
 * removal leaves; the audit entry is written when W&B answers. If the worker is stopped in between
 * (the browser does that to idle service workers), W&B may have removed the member while the log
 * never heard of it. The next run of the step finds such lines, and for every team W&B no longer
 * lists the member in, records the removal in the audit log as confirmed by that re-read — so the
 * log holds every change the toolkit made, without sending anything twice.
 */
import type { AuditDraft, AuditEntry } from '../audit/log';
import type { OffboardingCase } from './model';

const SENDING = 'Sending the removal from team ';

/** The case with a line saying the removal from `team` is about to be sent. */
export function markRemovalSending(c: OffboardingCase, team: string, at: string): OffboardingCase {
  return {
    ...c,
    events: [...c.events, { at, step: 'remove-teams', result: 'info', detail: `${SENDING}${team}.` }],
  };
}

/** The audit id prefix of a team removal of this case (what `removeTeams` writes). */
export const removalAuditPrefix = (caseId: string, team: string) => `${caseId}:remove-team:${team}:`;

/**
 * Audit entries (without actor, org and time) for removals that were sent, never answered, and
 * have taken effect: a "sending" line for the team, no audit entry for it, and W&B's fresh data
 * no longer shows the member there (`teamsNow`).
 */
export function settledLostRemovals(
  c: OffboardingCase,
  teamsNow: readonly string[],
  audit: readonly Pick<AuditEntry, 'id'>[],
): AuditDraft[] {
  const sent = new Set(
    c.events
      .filter((e) => e.step === 'remove-teams' && e.result === 'info' && e.detail.startsWith(SENDING))
      .map((e) => e.detail.slice(SENDING.length, -1)),
  );
  const username = c.impact.member.username;
  return [...sent]
    .filter((team) => !teamsNow.includes(team))
    .filter((team) => !audit.some((entry) => entry.id.startsWith(removalAuditPrefix(c.id, team))))
    .map((team) => ({
      id: `${removalAuditPrefix(c.id, team)}settled`,
      action: 'remove-from-team' as const,
      target: `${username} → ${team}`,
      result: 'ok' as const,
      detail: `W&B no longer lists ${username} in ${team}: the removal sent by an earlier run, whose answer was lost, took effect (confirmed by re-reading W&B).`,
    }));
}
