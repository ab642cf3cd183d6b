/**
 * A team's page: the team's own list (always readable by its members), plus its org's figures from
 * the org query when this server and this viewer allow it.
 */
import { isWandbError } from '../errors';
import { TEAM_MEMBERS_QUERY } from '../operations';
import { teamMembersDataSchema } from '../schemas';
import { DirectoryBuilder, identityKeys, teamScopeViewer } from './builder';
import { seatUseOf } from './normalise';
import { currentFallbackReason, type StrategyMemory, tryOrgQuery } from './org-query';
import { type ReadSession, readViewer, teamNotFound } from './session';
import type { Directory, DirectoryScope, DirectorySummary, OrgData } from './types';

type TeamScope = Extract<DirectoryScope, { kind: 'team' }>;

/** The org query's data for a team's org, or null when it cannot be had (rejected, refused, failed). */
async function tryOrgDataForTeam(
  session: ReadSession,
  memory: StrategyMemory,
  org: string | null,
): Promise<OrgData | null> {
  if (org === null) return null;
  try {
    const outcome = await tryOrgQuery(session, memory, org);
    return outcome.accepted ? outcome.organization : null;
  } catch (error) {
    // Org figures are an extra on a team page (a team admin is often not an org admin);
    // only cancellation and a lost session are worth stopping for.
    if (isWandbError(error, 'cancelled', 'not-signed-in')) throw error;
    return null;
  }
}

/**
 * The viewer, the team (throws not-found when W&B does not show it) and, when it can be had,
 * its org's data (null when rejected, refused or the team has no org).
 */
async function readTeamScopeStart(session: ReadSession, memory: StrategyMemory, scope: TeamScope) {
  session.progress({ done: 0, total: 1, phase: 'teams' });
  const [viewer, teamData] = await Promise.all([
    readViewer(session),
    session.read(TEAM_MEMBERS_QUERY, { name: scope.team }, teamMembersDataSchema),
  ]);
  session.progress({ done: 1, total: 1, phase: 'teams' });
  const entity = teamData.entity;
  if (entity === null || !entity.isTeam) throw teamNotFound(scope.team);
  const orgName = entity.organization?.name ?? scope.org;
  session.progress({ done: 0, total: 1, phase: 'organization' });
  const organization = await tryOrgDataForTeam(session, memory, orgName);
  session.progress({ done: 1, total: 1, phase: 'organization' });
  const org =
    organization !== null
      ? { id: organization.id, name: organization.name }
      : entity.organization !== null
        ? { id: entity.organization.id, name: entity.organization.name }
        : orgName !== null
          ? { id: null, name: orgName }
          : null;
  return { viewer, entity, organization, org };
}

/** A team's summary; throws not-found when W&B does not show the team. */
export async function teamSummary(
  scope: TeamScope,
  session: ReadSession,
  memory: StrategyMemory,
): Promise<DirectorySummary> {
  const { viewer, entity, organization, org } = await readTeamScopeStart(session, memory, scope);
  const builder = new DirectoryBuilder();
  const members = builder.addTeam(entity);
  return {
    scope,
    source: organization !== null ? 'org-query' : 'per-team',
    fallbackReason: currentFallbackReason(memory, scope),
    memberCount: new Set(members).size,
    pendingInvites: builder.inviteList().length,
    seats: organization !== null ? seatUseOf(organization) : null,
    viewer: teamScopeViewer(viewer, entity, organization),
    visibleTeams: 1,
    complete: true,
    org,
    requests: session.requests,
  };
}

/** A team's directory; throws not-found when W&B does not show the team. */
export async function teamDirectory(
  scope: TeamScope,
  session: ReadSession,
  memory: StrategyMemory,
): Promise<Directory> {
  const { viewer, entity, organization, org } = await readTeamScopeStart(session, memory, scope);
  const builder = new DirectoryBuilder();
  if (organization !== null) {
    // Org rows of the people in this team's list add org role, seats and last activity;
    // matched by identity, not by the org row's team names, which may lag behind the list.
    const inTeam = new Set(entity.members.flatMap((row) => identityKeys(row)));
    for (const member of organization.members) {
      if (identityKeys(member).some((key) => inTeam.has(key))) builder.addOrgMember(member);
    }
    builder.addOrgInvites(
      organization.pendingInvites.filter((invite) => invite.entity?.name === entity.name),
    );
  }
  const teamMembers = builder.addTeam(entity);
  const members = builder.members(teamMembers, entity.name);
  return {
    scope,
    org,
    source: organization !== null ? 'org-query' : 'per-team',
    fallbackReason: currentFallbackReason(memory, scope),
    members,
    invites: builder.inviteList(entity.name),
    teams: [{ name: entity.name, memberCount: members.length }],
    seats: organization !== null ? seatUseOf(organization) : null,
    viewer: teamScopeViewer(viewer, entity, organization),
    visibleTeams: 1,
    complete: true,
    requests: session.requests,
  };
}
