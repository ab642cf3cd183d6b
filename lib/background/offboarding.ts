/**
 * Offboarding cases in the background: impact from a fresh directory, cases kept in storage
 * (validated on every read), each step run or verified against W&B's state read back, the guards
 * checked again on fresh data right before every destructive change, the re-check alarm, the
 * record and the re-invite through the bulk-invite engine. All W&B changes go through the
 * `OffboardingActions` seam (lib/offboarding/actions.ts).
 */
import type { AuditEntry } from '../audit/log';
import { appendAudit, readAuditLog } from '../audit/writer';
import { parseStoredRecord } from '../corrupt-storage';
import type { ClassifiedRow } from '../invite/classify';
import type { OffboardingActions } from '../offboarding/actions';
import {
  adminCandidates,
  analyseImpact,
  findMember,
  guardOrgRemoval,
  guardTeamRemoval,
  snapshotOf,
  soleAdminTeams,
} from '../offboarding/impact';
import { markRemovalSending, settledLostRemovals } from '../offboarding/in-flight';
import { type Impact, type OffboardingCase, offboardingCaseSchema, type StepId } from '../offboarding/model';
import { readApiKeys, readMemberRuns } from '../offboarding/reads';
import { recordFileName, recordJson, recordMarkdown } from '../offboarding/record';
import {
  addSoleAdminTeam,
  completeStep,
  failStep,
  LAST_ADMIN_REASON,
  planSteps,
  STEP_TITLES,
  skipStep,
  stepOf,
  updateStep,
  whyNotActionable,
} from '../offboarding/steps';
import { offboardingCasesItem } from '../storage';
import type { WandbClient } from '../wandb/client';
import { type Directory, teamRoleOf } from '../wandb/directory';
import { withRetry } from '../wandb/graphql';
import { TEAM_MEMBERS_QUERY } from '../wandb/operations';
import { teamMembersDataSchema } from '../wandb/schemas';
import { BadRequest } from './bad-request';

export const RECHECK_ALARM_PREFIX = 'offboard-recheck:';
export const DEFAULT_RECHECK_DAYS = 30;
const DAY_MS = 86_400_000;

/** What an admin asks a step to do. */
export type StepAction =
  | { step: 'reassign'; action: 'choose'; team: string; to: string }
  | { step: 'automation'; action: 'review'; reviewed: string[] }
  | { step: 'remove-org'; action: 'prepare' }
  | { step: 'remove-org'; action: 'run'; confirm: string }
  | { step: 'recheck'; action: 'run'; days: number }
  | { step: 'recheck'; action: 'ack' }
  | { step: StepId; action: 'run' | 'verify' }
  | { step: StepId; action: 'skip'; reason: string }
  | { step: 'automation' | 'revoke-keys'; action: 'confirm' };

export interface OffboardingDeps {
  clientFor(appOrigin: string): Promise<WandbClient>;
  /** The actions of the best transport available for this host (session now; the admin key after #5). */
  actionsFor(appOrigin: string, org: string): Promise<OffboardingActions>;
  startInviteJob(appOrigin: string, org: string, actor: string, rows: ClassifiedRow[]): Promise<string>;
  alarms: {
    create(name: string, when: number): Promise<void>;
    get(name: string): Promise<{ scheduledTime: number } | undefined>;
  };
  /** Shows (count > 0) or clears the action badge that points to re-check results. */
  setBadge(count: number, title: string): Promise<void>;
  now(): number;
}

/** A case id's alarm name, and back. */
export function recheckAlarmName(caseId: string): string {
  return `${RECHECK_ALARM_PREFIX}${caseId}`;
}

export function createOffboarding(deps: OffboardingDeps) {
  const iso = () => new Date(deps.now()).toISOString();
  let writes: Promise<unknown> = Promise.resolve();
  // One change at a time per case: each reads the case, may wait for W&B, then saves it whole, so
  // two running side by side (a tick while a removal is in flight) would lose one of them.
  const locks = new Map<string, Promise<unknown>>();
  function exclusive<T>(caseId: string, work: () => Promise<T>): Promise<T> {
    const previous = locks.get(caseId) ?? Promise.resolve();
    const next = previous.catch(() => {}).then(work);
    const settled = next.catch(() => {});
    locks.set(caseId, settled);
    settled.then(() => {
      if (locks.get(caseId) === settled) locks.delete(caseId);
    });
    return next;
  }
  /** The stored cases that pass validation; an invalid one is set aside (options page → Data), never used. */
  async function readAll(): Promise<Record<string, OffboardingCase>> {
    return (
      await parseStoredRecord(
        'local:offboardingCases',
        await offboardingCasesItem.getValue(),
        offboardingCaseSchema,
      )
    ).entries;
  }
  /** Saves one case (validated), through one write queue. */
  function save(c: OffboardingCase): Promise<OffboardingCase> {
    const valid = offboardingCaseSchema.parse(c);
    const next = writes.then(async () => {
      const raw = { ...(await offboardingCasesItem.getValue()) };
      raw[valid.id] = valid;
      await offboardingCasesItem.setValue(raw);
      return valid;
    });
    writes = next.catch(() => {});
    return next;
  }
  /** Where a request comes from: the W&B host and the org of the admin page. */
  type Place = { appOrigin: string; org: string };
  async function stored(caseId: string, place: Place): Promise<OffboardingCase> {
    const c = (await readAll())[caseId];
    if (!c || c.appOrigin !== place.appOrigin || c.org !== place.org)
      throw new BadRequest('That offboarding case is not known on this W&B host.');
    return c;
  }
  // Audit ids must be unique per entry (an equal id replaces the entry): case, what, time and a
  // counter, since two entries of one case can share a millisecond.
  let auditSeq = 0;
  function audit(c: OffboardingCase, entries: Omit<AuditEntry, 'actor' | 'org' | 'at'>[]): Promise<void> {
    const at = iso();
    return appendAudit(
      entries.map((entry) => ({ ...entry, id: `${entry.id}:${++auditSeq}`, at, actor: c.actor, org: c.org })),
    );
  }
  /** Records a step's result in the audit log (the record's line for it). */
  function auditStep(c: OffboardingCase, step: StepId): Promise<void> {
    const s = stepOf(c, step);
    return audit(c, [
      {
        id: `${c.id}:step:${step}:${deps.now()}`,
        action: 'offboarding-step',
        target: `${c.impact.member.username}: ${STEP_TITLES[step]}`,
        result: s.state === 'done' || s.state === 'skipped' ? 'ok' : 'error',
        detail: `${s.state}${s.note ? ` — ${s.note}` : ''}`,
      },
    ]);
  }

  async function freshDirectory(appOrigin: string, org: string): Promise<Directory> {
    return (await deps.clientFor(appOrigin)).directory.loadDirectory({ kind: 'org', org });
  }
  /** One team's list, fresh: rows with membership id, username, team role and pending flag. */
  async function freshTeam(appOrigin: string, team: string) {
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

  async function impact(appOrigin: string, org: string, username: string): Promise<Impact> {
    const client = await deps.clientFor(appOrigin);
    const directory = await freshDirectory(appOrigin, org);
    const member = findMember(directory, username);
    if (!member) throw new BadRequest(`${username} is not a member of ${org} as far as W&B shows.`);
    const [runs, apiKeys] = await Promise.all([
      readMemberRuns(
        client.transport,
        member.teams.map((t) => t.team),
        username,
      ),
      readApiKeys(client.transport, username),
    ]);
    return analyseImpact(directory, username, { runs, apiKeys }, iso());
  }

  async function badgeUpdate(): Promise<void> {
    const due = Object.values(await readAll()).filter((c) => c.recheck?.result && !c.recheck.seen);
    const back = due.filter((c) => c.recheck?.result === 'back');
    await deps.setBadge(
      due.length,
      due.length === 0
        ? ''
        : back.length > 0
          ? `Offboarding re-check: ${back.map((c) => c.impact.member.username).join(', ')} back in W&B — open the Offboard member tool`
          : 'Offboarding re-check done — open the Offboard member tool',
    );
  }

  // ---- steps ------------------------------------------------------------------------------

  async function verifyReassign(c: OffboardingCase): Promise<OffboardingCase> {
    const missing: string[] = [];
    const found: string[] = [];
    for (const entry of c.reassign) {
      const rows = await freshTeam(c.appOrigin, entry.team);
      const username = c.impact.member.username;
      const admins = (rows ?? []).filter(
        (row) => !row.pending && row.role === 'admin' && row.username !== username,
      );
      if (admins.length > 0)
        found.push(`${entry.team}: ${admins.map((row) => row.username).join(', ')} admin`);
      else missing.push(entry.team);
    }
    const now = iso();
    if (missing.length > 0)
      return failStep(c, 'reassign', `W&B still shows no other admin of ${missing.join(', ')}.`, now);
    return completeStep(c, 'reassign', `W&B shows ${found.join('; ')}.`, now);
  }

  async function runReassign(c: OffboardingCase, actions: OffboardingActions): Promise<OffboardingCase> {
    if (actions.capabilities.promoteTeamAdmin === 'manual')
      throw new BadRequest(
        'Making a member team admin is a guided step with your session: do it on the team page, then Verify.',
      );
    for (const entry of c.reassign) {
      if (!entry.to) throw new BadRequest(`Choose the new admin of ${entry.team} first.`);
      const result = await actions.promoteTeamAdmin({ team: entry.team, username: entry.to });
      if (result === 'unsupported' || !result.ok)
        return failStep(
          c,
          'reassign',
          result === 'unsupported' ? 'Not supported by this transport.' : result.detail,
          iso(),
        );
      await audit(c, [
        {
          id: `${c.id}:promote:${entry.team}:${deps.now()}`,
          action: 'change-role',
          target: `${entry.to} → ${entry.team} (admin)`,
          result: 'ok',
          detail: result.detail,
        },
      ]);
    }
    return verifyReassign(c);
  }

  /** Removes the member from every team W&B shows them in now, each guarded and verified. */
  async function removeTeams(
    c: OffboardingCase,
    actions: OffboardingActions,
    send: boolean,
  ): Promise<OffboardingCase> {
    const username = c.impact.member.username;
    const directory = await freshDirectory(c.appOrigin, c.org);
    const member = findMember(directory, username);
    const teams = member ? member.teams.map((t) => t.team) : [];
    await audit(c, settledLostRemovals(c, teams, await readAuditLog()));
    const sole = soleAdminTeams(directory, username);
    if (sole.length > 0) {
      let next = c;
      for (const team of sole)
        next = addSoleAdminTeam(
          next,
          team,
          adminCandidates(directory, team, username),
          actions.capabilities.promoteTeamAdmin === 'manual' ? 'guided' : 'automated',
          `W&B’s data changed since the impact was read: ${username} is now the only admin of ${team}. Nothing was removed; reassign first.`,
          iso(),
        );
      return next;
    }
    const results: string[] = [];
    for (const team of teams) {
      const rows = await freshTeam(c.appOrigin, team);
      const row = rows?.find((entry) => entry.username === username && !entry.pending);
      if (!rows || !row) continue;
      if (!send) return failStep(c, 'remove-teams', `W&B still shows ${username} in ${team}.`, iso());
      const verdict = guardTeamRemoval(rows, team, username);
      if (!verdict.ok) {
        return addSoleAdminTeam(
          c,
          team,
          adminCandidates(directory, team, username),
          actions.capabilities.promoteTeamAdmin === 'manual' ? 'guided' : 'automated',
          `${verdict.reason} Nothing more was removed.`,
          iso(),
        );
      }
      if (!row.id)
        return failStep(c, 'remove-teams', `W&B gave no membership id for ${username} in ${team}.`, iso());
      c = await save(markRemovalSending(c, team, iso()));
      const result = await actions.removeFromTeam({ team, username, membershipId: row.id });
      const detail = result === 'unsupported' ? 'Not supported by this transport.' : result.detail;
      await audit(c, [
        {
          id: `${c.id}:remove-team:${team}:${deps.now()}`,
          action: 'remove-from-team',
          target: `${username} → ${team}`,
          result: result !== 'unsupported' && result.ok ? 'ok' : 'error',
          detail,
        },
      ]);
      if (result === 'unsupported' || !result.ok)
        return failStep(c, 'remove-teams', `${team}: ${detail}`, iso());
      const after = await freshTeam(c.appOrigin, team);
      if (after?.some((entry) => entry.username === username && !entry.pending))
        return failStep(
          c,
          'remove-teams',
          `W&B answered for ${team} but still lists ${username} there.`,
          iso(),
        );
      results.push(team);
    }
    return completeStep(
      c,
      'remove-teams',
      results.length > 0
        ? `Removed from ${results.join(', ')}; W&B now shows them in no team.`
        : 'W&B shows them in no team.',
      iso(),
    );
  }

  /** The fresh guard for org removal; on failure the step records why (and a new sole-admin team reopens reassign). */
  async function prepareOrgRemoval(c: OffboardingCase, directory: Directory, actions: OffboardingActions) {
    const username = c.impact.member.username;
    const verdict = guardOrgRemoval(directory, username);
    if (verdict.ok) return { ok: true as const, c };
    const sole = soleAdminTeams(directory, username);
    let next = c;
    if (sole.length > 0)
      for (const team of sole)
        next = addSoleAdminTeam(
          next,
          team,
          adminCandidates(directory, team, username),
          actions.capabilities.promoteTeamAdmin === 'manual' ? 'guided' : 'automated',
          `W&B’s data changed: ${verdict.reason}`,
          iso(),
        );
    else next = failStep(c, 'remove-org', verdict.reason, iso());
    return { ok: false as const, c: next };
  }

  async function verifyOrgRemoval(c: OffboardingCase): Promise<OffboardingCase> {
    const directory = await freshDirectory(c.appOrigin, c.org);
    const member = findMember(directory, c.impact.member.username);
    if (member) {
      return {
        ...failStep(
          c,
          'remove-org',
          `W&B still lists ${c.impact.member.username} as a member of ${c.org}.`,
          iso(),
        ),
        after: snapshotOf(member, iso()),
      };
    }
    if (!directory.complete)
      return failStep(
        c,
        'remove-org',
        'W&B shows only your teams to this session, so absence from them does not prove removal from the organization.',
        iso(),
      );
    return {
      ...completeStep(c, 'remove-org', `W&B no longer lists ${c.impact.member.username} in ${c.org}.`, iso()),
      after: 'removed',
    };
  }

  async function verifySeat(c: OffboardingCase): Promise<OffboardingCase> {
    const directory = await freshDirectory(c.appOrigin, c.org);
    const member = findMember(directory, c.impact.member.username);
    if (member)
      return failStep(
        c,
        'reclaim-seat',
        `W&B still shows them holding a ${member.modelsSeat ?? 'Models'} seat.`,
        iso(),
      );
    const seats = directory.seats;
    return completeStep(
      c,
      'reclaim-seat',
      seats
        ? `Their ${c.impact.member.modelsSeat ?? ''} seat is free: Models seats now ${seats.modelsFullUsed}/${seats.modelsFullTotal} full, ${seats.modelsViewerUsed}/${seats.modelsViewerTotal} viewer.`.replace(
            '  ',
            ' ',
          )
        : 'They no longer hold a seat (W&B does not report seat counts to this session).',
      iso(),
    );
  }

  async function verifyKeys(c: OffboardingCase): Promise<OffboardingCase> {
    const keys = await readApiKeys((await deps.clientFor(c.appOrigin)).transport, c.impact.member.username);
    if (keys.status === 'unreadable')
      return failStep(c, 'revoke-keys', `Cannot be verified: ${keys.reason}`, iso());
    if (keys.items.length > 0)
      return failStep(
        c,
        'revoke-keys',
        `W&B still lists keys: ${keys.items.map((k) => k.name).join(', ')}.`,
        iso(),
      );
    return completeStep(c, 'revoke-keys', 'W&B lists no API key of theirs.', iso());
  }

  async function scheduleRecheck(c: OffboardingCase, days: number): Promise<OffboardingCase> {
    const when = deps.now() + days * DAY_MS;
    await deps.alarms.create(recheckAlarmName(c.id), when);
    const alarm = await deps.alarms.get(recheckAlarmName(c.id));
    if (!alarm) return failStep(c, 'recheck', 'The browser did not keep the alarm.', iso());
    const dueAt = new Date(alarm.scheduledTime).toISOString();
    return {
      ...completeStep(
        c,
        'recheck',
        `Re-check scheduled for ${dueAt.slice(0, 10)}: the toolkit reads W&B again and shows a badge.`,
        iso(),
      ),
      recheck: { dueAt, seen: false },
    };
  }

  /** The re-invite row: the snapshot's teams, admin where they were admin. */
  function reinviteRow(c: OffboardingCase): { row: ClassifiedRow; notes: string[] } {
    const member = c.impact.member;
    const notes: string[] = [];
    for (const team of member.teams)
      if (team.role !== 'admin' && team.role !== 'member')
        notes.push(
          `${team.team}: role ${team.role} cannot be sent in an invite (W&B’s invite has an admin flag only); invited as member — set the role on the team page.`,
        );
    return {
      notes,
      row: {
        row: 2,
        index: 0,
        email: member.email ?? member.username,
        name: member.name,
        teams: member.teams.map((t) => t.team),
        teamRole: 'member',
        orgRole: member.orgRole ?? 'member',
        status: 'new',
        reason: `Re-invite from offboarding case ${c.id}`,
        sends: member.teams.map((t) => ({ team: t.team, admin: t.role === 'admin' })),
        skippedTeams: [],
      },
    };
  }

  async function act(caseId: string, place: Place, request: StepAction): Promise<OffboardingCase> {
    let c = await stored(caseId, place);
    const actions = await deps.actionsFor(c.appOrigin, c.org);
    const { step } = request;
    if (request.action === 'ack' && step === 'recheck') {
      if (!c.recheck) throw new BadRequest('No re-check has run for this case.');
      c = await save({ ...c, recheck: { ...c.recheck, seen: true } });
      await badgeUpdate();
      return c;
    }
    const why = whyNotActionable(c, step);
    if (why) throw new BadRequest(why);
    const before = stepOf(c, step).state;
    switch (request.action) {
      case 'choose': {
        const entry = c.impact.soleAdminTeams.find((t) => t.team === request.team);
        if (!entry?.candidates.some((p) => p.username === request.to))
          throw new BadRequest(`${request.to} is not a member of ${request.team} who could be its admin.`);
        c = {
          ...c,
          updatedAt: iso(),
          reassign: c.reassign.map((r) => (r.team === request.team ? { ...r, to: request.to } : r)),
        };
        break;
      }
      case 'review': {
        c = { ...c, updatedAt: iso(), reviewed: [...new Set(request.reviewed)] };
        break;
      }
      case 'skip': {
        if (step === 'remove-org' || step === 'remove-teams' || step === 'reassign')
          throw new BadRequest(`${STEP_TITLES[step]} cannot be skipped: later steps depend on it.`);
        c = skipStep(c, step, `${request.reason} (by ${c.actor})`, iso());
        break;
      }
      case 'confirm': {
        if (step === 'automation') {
          c = skipStep(
            c,
            step,
            `Reviewed by ${c.actor}: ${c.reviewed.length} item(s) checked. W&B cannot show which key a run or pipeline used, so this is the admin’s confirmation, not a W&B check.`,
            iso(),
          );
        } else {
          c = skipStep(
            c,
            step,
            `Not verifiable with this session; ${c.actor} confirmed revoking them on the API keys page.`,
            iso(),
          );
        }
        break;
      }
      case 'prepare': {
        const prepared = await prepareOrgRemoval(c, await freshDirectory(c.appOrigin, c.org), actions);
        c = prepared.ok
          ? updateStep(
              c,
              'remove-org',
              {
                note: 'Checked against W&B just now: another org admin remains and no team is left without an admin.',
              },
              { result: 'info', detail: 'Org removal checked against fresh data: safe.' },
              iso(),
            )
          : prepared.c;
        break;
      }
      case 'run':
      case 'verify': {
        const run = request.action === 'run';
        switch (step) {
          case 'reassign':
            c = run ? await runReassign(c, actions) : await verifyReassign(c);
            break;
          case 'remove-teams':
            if (run && actions.capabilities.removeFromTeam === 'manual')
              throw new BadRequest('Team removal is a guided step with this transport.');
            c = await removeTeams(c, actions, run);
            break;
          case 'remove-org': {
            if (!run) {
              c = await verifyOrgRemoval(c);
              break;
            }
            if (!('confirm' in request) || request.confirm !== c.impact.member.username)
              throw new BadRequest(`Type ${c.impact.member.username} to confirm the removal.`);
            if (actions.capabilities.removeFromOrg === 'manual')
              throw new BadRequest(
                'Removal from the organization is a guided step with your session: use W&B’s Members page, then Verify.',
              );
            const directory = await freshDirectory(c.appOrigin, c.org);
            const prepared = await prepareOrgRemoval(c, directory, actions);
            if (!prepared.ok) {
              c = prepared.c;
              break;
            }
            const member = findMember(directory, c.impact.member.username);
            const result = await actions.removeFromOrg({
              username: c.impact.member.username,
              userId: member?.id ?? c.impact.member.id,
              email: member?.email ?? c.impact.member.email,
            });
            const detail = result === 'unsupported' ? 'Not supported by this transport.' : result.detail;
            await audit(c, [
              {
                id: `${c.id}:remove-org:${deps.now()}`,
                action: 'remove-from-org',
                target: `${c.impact.member.username} → ${c.org}`,
                result: result !== 'unsupported' && result.ok ? 'ok' : 'error',
                detail,
              },
            ]);
            c =
              result !== 'unsupported' && result.ok
                ? await verifyOrgRemoval(c)
                : failStep(c, 'remove-org', detail, iso());
            break;
          }
          case 'revoke-keys':
            c = await verifyKeys(c);
            break;
          case 'reclaim-seat':
            c = await verifySeat(c);
            break;
          case 'recheck':
            c = await scheduleRecheck(c, 'days' in request ? request.days : DEFAULT_RECHECK_DAYS);
            break;
          default:
            throw new BadRequest(`${STEP_TITLES[step]} has nothing to run.`);
        }
        break;
      }
    }
    const saved = await save(c);
    const after = stepOf(saved, step);
    if (after.state !== before || after.state === 'todo' || after.state === 'blocked')
      if (request.action !== 'choose' && request.action !== 'review') await auditStep(saved, step);
    return saved;
  }

  async function startCase(
    appOrigin: string,
    org: string,
    actor: string,
    username: string,
  ): Promise<OffboardingCase> {
    const open = Object.values(await readAll()).find(
      (c) =>
        c.appOrigin === appOrigin &&
        c.org === org &&
        c.status === 'open' &&
        c.impact.member.username === username,
    );
    if (open) return open;
    const found = await impact(appOrigin, org, username);
    if (found.lastOrgAdmin) throw new BadRequest(LAST_ADMIN_REASON);
    const actions = await deps.actionsFor(appOrigin, org);
    const now = iso();
    const id = `case-${deps.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    const c: OffboardingCase = {
      id,
      appOrigin,
      org,
      actor,
      createdAt: now,
      updatedAt: now,
      status: 'open',
      impact: found,
      steps: planSteps(found, actions.capabilities, now),
      reassign: found.soleAdminTeams.map((entry) => ({ team: entry.team, to: null })),
      reviewed: [],
      after: null,
      recheck: null,
      reinvite: null,
      events: [
        {
          at: now,
          step: 'snapshot',
          result: 'ok',
          detail: `Case opened by ${actor}; snapshot of ${username} recorded.`,
        },
      ],
    };
    const saved = await save(c);
    await auditStep(saved, 'snapshot');
    return saved;
  }

  return {
    impact,

    /** Opens a case, or returns the member's open one: starts for one member run one at a time, so two never open two cases. */
    start(appOrigin: string, org: string, actor: string, username: string): Promise<OffboardingCase> {
      return exclusive(`start:${appOrigin}|${org}|${username}`, () =>
        startCase(appOrigin, org, actor, username),
      );
    },

    async list(appOrigin: string, org: string): Promise<OffboardingCase[]> {
      return Object.values(await readAll())
        .filter((c) => c.appOrigin === appOrigin && c.org === org)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    },

    act(caseId: string, place: Place, request: StepAction): Promise<OffboardingCase> {
      return exclusive(caseId, () => act(caseId, place, request));
    },

    async record(caseId: string, place: Place, format: 'json' | 'md') {
      const c = await stored(caseId, place);
      return {
        fileName: recordFileName(c, format),
        text: format === 'json' ? recordJson(c) : recordMarkdown(c),
      };
    },

    async reinvite(
      caseId: string,
      place: Place,
    ): Promise<{ case: OffboardingCase; jobId: string; notes: string[] }> {
      const c = await stored(caseId, place);
      const { appOrigin } = c;
      if (c.impact.member.teams.length === 0)
        throw new BadRequest('The snapshot has no team to re-invite them to.');
      const { row, notes } = reinviteRow(c);
      const jobId = await deps.startInviteJob(appOrigin, c.org, c.actor, [row]);
      const now = iso();
      const saved = await save({
        ...c,
        updatedAt: now,
        reinvite: { jobId, at: now },
        events: [
          ...c.events,
          {
            at: now,
            step: null,
            result: 'info',
            detail: `Re-invite started (bulk-invite job ${jobId}): ${row.sends.map((s) => `${s.team}${s.admin ? ' (admin)' : ''}`).join(', ')}.${notes.length ? ` ${notes.join(' ')}` : ''}`,
          },
        ],
      });
      return { case: saved, jobId, notes };
    },

    async close(caseId: string, place: Place): Promise<OffboardingCase> {
      const c = await stored(caseId, place);
      const now = iso();
      return save({
        ...c,
        status: 'closed',
        updatedAt: now,
        events: [...c.events, { at: now, step: null, result: 'info', detail: `Case closed by ${c.actor}.` }],
      });
    },

    /** The re-check alarm fired: read W&B again and point the badge at the case. */
    recheck(caseId: string): Promise<void> {
      return exclusive(caseId, () => recheck(caseId));
    },

    badgeUpdate,

    /**
     * On worker start: re-creates any re-check alarm the browser dropped (Chrome may clear alarms
     * on restart) and restores the badge, which does not survive a browser restart.
     */
    async restore(): Promise<void> {
      for (const c of Object.values(await readAll())) {
        if (!c.recheck || c.recheck.firedAt) continue;
        const name = recheckAlarmName(c.id);
        if (await deps.alarms.get(name)) continue;
        await deps.alarms.create(name, Math.max(Date.parse(c.recheck.dueAt), deps.now() + 60_000));
      }
      await badgeUpdate();
    },
  };

  async function recheck(caseId: string): Promise<void> {
    const c = (await readAll())[caseId];
    if (!c) return;
    const username = c.impact.member.username;
    const email = c.impact.member.email?.toLowerCase() ?? null;
    let directory: Directory;
    try {
      directory = await freshDirectory(c.appOrigin, c.org);
    } catch (error) {
      // Signed out, offline: try again in an hour rather than report a result never read.
      await deps.alarms.create(recheckAlarmName(caseId), deps.now() + 3_600_000);
      await save({
        ...c,
        events: [
          ...c.events,
          {
            at: iso(),
            step: 'recheck',
            result: 'error',
            detail: `Re-check could not read W&B (${error instanceof Error ? error.message : String(error)}); retrying in an hour.`,
          },
        ],
      });
      return;
    }
    const back =
      directory.members.some(
        (m) => m.username === username || (email !== null && m.email?.toLowerCase() === email),
      ) ||
      (email !== null && directory.invites.some((i) => i.email.toLowerCase() === email));
    const now = iso();
    await save({
      ...c,
      updatedAt: now,
      recheck: {
        dueAt: c.recheck?.dueAt ?? now,
        firedAt: now,
        result: back ? 'back' : 'clear',
        seen: false,
      },
      events: [
        ...c.events,
        {
          at: now,
          step: 'recheck',
          result: back ? 'error' : 'ok',
          detail: back
            ? `Re-check: ${username} is back in ${c.org} (a member or a pending invite) — SSO or domain capture may have added them.`
            : `Re-check: ${username} is not in ${c.org}.`,
        },
      ],
    });
    await badgeUpdate();
  }
}

export type Offboarding = ReturnType<typeof createOffboarding>;
