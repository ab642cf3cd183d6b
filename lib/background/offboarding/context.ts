/**
 * What every offboarding step shares: the case store (cases validated on every read, saved through
 * one write queue, one change at a time per case), the audit writer, and fresh reads of W&B.
 */
import { type AuditDraft, auditHost } from '@/lib/audit/log';
import { appendAudit } from '@/lib/audit/writer';
import { parseStoredRecord } from '@/lib/corrupt-storage';
import { type OffboardingCase, offboardingCaseSchema, type StepId } from '@/lib/offboarding/model';
import { isSettled, STEP_TITLES, stepOf } from '@/lib/offboarding/steps';
import { settled } from '@/lib/report';
import { offboardingCasesItem } from '@/lib/storage';
import { type Directory, type TeamRole, teamRoleOf } from '@/lib/wandb/directory';
import { withRetry } from '@/lib/wandb/graphql';
import { TEAM_MEMBERS_QUERY } from '@/lib/wandb/operations';
import { type TeamMemberData, teamMembersDataSchema } from '@/lib/wandb/schemas';
import { BadRequest } from '../bad-request';
import type { OffboardingDeps, Place } from './types';

/** One row of a team's member list as a step needs it. */
export interface TeamRow {
  id: TeamMemberData['id'];
  username: TeamMemberData['username'];
  role: TeamRole;
  pending: boolean;
}

export interface OffboardingContext {
  deps: OffboardingDeps;
  /** Now, as the ISO time steps and events carry. */
  iso(): string;
  /** Runs `work` after every earlier change under the same key has settled. */
  exclusive<T>(key: string, work: () => Promise<T>): Promise<T>;
  /** The stored cases that pass validation; an invalid one is set aside (options page → Data), never used. */
  readAll(): Promise<Record<string, OffboardingCase>>;
  /** Saves one case (validated), through one write queue. */
  save(c: OffboardingCase): Promise<OffboardingCase>;
  /** Deletes a case from storage (in line with saves, so a save in flight cannot bring it back). */
  remove(caseId: string): Promise<void>;
  /** The stored case, if it belongs to this host and org; a BadRequest otherwise. */
  stored(caseId: string, place: Place): Promise<OffboardingCase>;
  audit(c: OffboardingCase, entries: AuditDraft[]): Promise<void>;
  /** Records a step's result in the audit log (the record's line for it). */
  auditStep(c: OffboardingCase, step: StepId): Promise<void>;
  freshDirectory(appOrigin: string, org: string): Promise<Directory>;
  /** One team's list, fresh: rows with membership id, username, team role and pending flag; null if no such team. */
  freshTeam(appOrigin: string, team: string): Promise<TeamRow[] | null>;
}

export function createOffboardingContext(deps: OffboardingDeps): OffboardingContext {
  const iso = () => new Date(deps.now()).toISOString();
  let writes: Promise<unknown> = Promise.resolve();
  // One change at a time per case: each reads the case, may wait for W&B, then saves it whole, so
  // two running side by side (a tick while a removal is in flight) would lose one of them.
  const locks = new Map<string, Promise<unknown>>();
  function exclusive<T>(caseId: string, work: () => Promise<T>): Promise<T> {
    const previous = locks.get(caseId) ?? Promise.resolve();
    const next = settled(previous).then(work);
    const tail = settled(next);
    locks.set(caseId, tail);
    tail.then(() => {
      if (locks.get(caseId) === tail) locks.delete(caseId);
    });
    return next;
  }
  async function readAll(): Promise<Record<string, OffboardingCase>> {
    return (
      await parseStoredRecord(
        'local:offboardingCases',
        await offboardingCasesItem.getValue(),
        offboardingCaseSchema,
      )
    ).entries;
  }
  function save(c: OffboardingCase): Promise<OffboardingCase> {
    const valid = offboardingCaseSchema.parse(c);
    const next = writes.then(async () => {
      const raw = { ...(await offboardingCasesItem.getValue()) };
      raw[valid.id] = valid;
      await offboardingCasesItem.setValue(raw);
      return valid;
    });
    writes = settled(next);
    return next;
  }
  function remove(caseId: string): Promise<void> {
    const next = writes.then(async () => {
      const raw = { ...(await offboardingCasesItem.getValue()) };
      delete raw[caseId];
      await offboardingCasesItem.setValue(raw);
    });
    writes = settled(next);
    return next;
  }
  async function stored(caseId: string, place: Place): Promise<OffboardingCase> {
    const c = (await readAll())[caseId];
    if (!c || c.appOrigin !== place.appOrigin || c.org !== place.org)
      throw new BadRequest('That offboarding case is not known on this W&B host.');
    return c;
  }
  // Audit ids must be unique per entry (an equal id replaces the entry): case, what, time and a
  // counter, since two entries of one case can share a millisecond.
  let auditSeq = 0;
  function audit(c: OffboardingCase, entries: AuditDraft[]): Promise<void> {
    const at = iso();
    const host = auditHost(c.appOrigin);
    return appendAudit(
      entries.map((entry) => ({
        ...entry,
        id: `${entry.id}:${++auditSeq}`,
        at,
        actor: c.actor,
        host,
        org: c.org,
      })),
    );
  }
  function auditStep(c: OffboardingCase, step: StepId): Promise<void> {
    const s = stepOf(c, step);
    return audit(c, [
      {
        id: `${c.id}:step:${step}:${deps.now()}`,
        action: 'offboarding-step',
        target: `${c.impact.member.username}: ${STEP_TITLES[step]}`,
        result: isSettled(s) ? 'ok' : 'error',
        detail: `${s.state}${s.note ? ` — ${s.note}` : ''}`,
      },
    ]);
  }
  async function freshDirectory(appOrigin: string, org: string): Promise<Directory> {
    return (await deps.clientFor(appOrigin)).directory.loadDirectory({ kind: 'org', org });
  }
  async function freshTeam(appOrigin: string, team: string): Promise<TeamRow[] | null> {
    const client = await deps.clientFor(appOrigin);
    const data = await withRetry(() =>
      client.transport.request(TEAM_MEMBERS_QUERY, { name: team }, teamMembersDataSchema),
    );
    if (!data.entity?.isTeam) return null;
    return data.entity.members.map((row) => ({
      id: row.id,
      username: row.username,
      role: teamRoleOf(row),
      pending: row.pending === true,
    }));
  }
  return { deps, iso, exclusive, readAll, save, remove, stored, audit, auditStep, freshDirectory, freshTeam };
}
