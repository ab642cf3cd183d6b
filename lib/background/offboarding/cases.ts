/** Offboarding cases as a whole: the impact read, opening, the record, the re-invite and closing. */
import type { ClassifiedRow } from '@/lib/invite/classify';
import { analyseImpact, findMember } from '@/lib/offboarding/impact';
import type { Impact, OffboardingCase } from '@/lib/offboarding/model';
import { readApiKeys, readMemberRuns } from '@/lib/offboarding/reads';
import { recordFileName, recordJson, recordMarkdown } from '@/lib/offboarding/record';
import { LAST_ADMIN_REASON, planSteps } from '@/lib/offboarding/steps';
import { BadRequest } from '../bad-request';
import type { OffboardingContext } from './context';
import type { Place } from './types';

/** What offboarding `username` would touch, read fresh from W&B (nothing is changed). */
export async function readImpact(
  ctx: OffboardingContext,
  appOrigin: string,
  org: string,
  username: string,
): Promise<Impact> {
  const client = await ctx.deps.clientFor(appOrigin);
  const directory = await ctx.freshDirectory(appOrigin, org);
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
  return analyseImpact(directory, username, { runs, apiKeys }, ctx.iso());
}

/** The member's open case on this host and org, or a new one (refused for the last org admin). */
export async function startCase(
  ctx: OffboardingContext,
  appOrigin: string,
  org: string,
  actor: string,
  username: string,
): Promise<OffboardingCase> {
  const open = Object.values(await ctx.readAll()).find(
    (c) =>
      c.appOrigin === appOrigin &&
      c.org === org &&
      c.status === 'open' &&
      c.impact.member.username === username,
  );
  if (open) return open;
  const found = await readImpact(ctx, appOrigin, org, username);
  if (found.lastOrgAdmin) throw new BadRequest(LAST_ADMIN_REASON);
  const actions = await ctx.deps.actionsFor(appOrigin, org);
  const now = ctx.iso();
  const id = `case-${ctx.deps.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
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
  const saved = await ctx.save(c);
  await ctx.auditStep(saved, 'snapshot');
  return saved;
}

export async function listCases(
  ctx: OffboardingContext,
  appOrigin: string,
  org: string,
): Promise<OffboardingCase[]> {
  return Object.values(await ctx.readAll())
    .filter((c) => c.appOrigin === appOrigin && c.org === org)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export async function caseRecord(
  ctx: OffboardingContext,
  caseId: string,
  place: Place,
  format: 'json' | 'md',
) {
  const c = await ctx.stored(caseId, place);
  return {
    fileName: recordFileName(c, format),
    text: format === 'json' ? recordJson(c) : recordMarkdown(c),
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

/** Re-invites the member with the snapshot's teams and roles, as a bulk-invite job. */
export async function reinviteCase(
  ctx: OffboardingContext,
  caseId: string,
  place: Place,
): Promise<{ case: OffboardingCase; jobId: string; notes: string[] }> {
  const c = await ctx.stored(caseId, place);
  const { appOrigin } = c;
  if (c.impact.member.teams.length === 0)
    throw new BadRequest('The snapshot has no team to re-invite them to.');
  const { row, notes } = reinviteRow(c);
  const jobId = await ctx.deps.startInviteJob(appOrigin, c.org, c.actor, [row]);
  const now = ctx.iso();
  const saved = await ctx.save({
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
}

export async function closeCase(
  ctx: OffboardingContext,
  caseId: string,
  place: Place,
): Promise<OffboardingCase> {
  const c = await ctx.stored(caseId, place);
  const now = ctx.iso();
  return ctx.save({
    ...c,
    status: 'closed',
    updatedAt: now,
    events: [...c.events, { at: now, step: null, result: 'info', detail: `Case closed by ${c.actor}.` }],
  });
}

/**
 * Deletes a stored case (the admin confirmed it in the dialog): its record goes from this device;
 * nothing changes on W&B. A re-check alarm left for it finds no case and does nothing. Returns the
 * org's remaining cases.
 */
export async function deleteCase(
  ctx: OffboardingContext,
  caseId: string,
  place: Place,
): Promise<OffboardingCase[]> {
  await ctx.stored(caseId, place);
  await ctx.remove(caseId);
  return listCases(ctx, place.appOrigin, place.org);
}
