/**
 * The per-team fallback: only verified fields, but only the viewer's own teams that belong to the
 * org, so the result is never complete and carries no org roles, seats or last activity.
 */
import { countTeamMembers, DirectoryBuilder, isAdminInAnyTeam, uniqueNames, viewerName } from './builder';
import { compareText } from './normalise';
import { currentFallbackReason, type StrategyMemory } from './org-query';
import { lookUpOrg, type ReadSession, readTeams } from './session';
import type { Directory, DirectoryScope, DirectorySummary, TeamEntity, ViewerUser } from './types';

type OrgScope = Extract<DirectoryScope, { kind: 'org' }>;

/** What the per-team fallback sees of an org: the viewer's teams that belong to it. */
async function readOrgTeamByTeam(session: ReadSession, org: string, viewer: ViewerUser) {
  const orgInfo = await lookUpOrg(session, org);
  const lists = await readTeams(session, uniqueNames(viewer.teams.map((team) => team.name)));
  const entities = lists.filter(
    (entity): entity is TeamEntity => entity !== null && entity.organization?.name === orgInfo.name,
  );
  return { orgInfo, entities };
}

/** An org's summary from the viewer's teams in it; throws not-found when W&B shows no such org. */
export async function perTeamSummary(
  scope: OrgScope,
  session: ReadSession,
  memory: StrategyMemory,
  viewer: ViewerUser,
): Promise<DirectorySummary> {
  const { orgInfo, entities } = await readOrgTeamByTeam(session, scope.org, viewer);
  const builder = new DirectoryBuilder();
  for (const entity of entities) builder.addTeam(entity);
  return {
    scope,
    source: 'per-team',
    fallbackReason: currentFallbackReason(memory, scope),
    memberCount: builder.members().length,
    pendingInvites: builder.inviteList().length,
    seats: null,
    viewer: {
      username: viewerName(viewer),
      isOrgAdmin: null,
      isTeamAdmin: isAdminInAnyTeam(entities, viewer),
    },
    visibleTeams: entities.length,
    complete: false,
    org: orgInfo,
    requests: session.requests,
  };
}

/** An org's directory from the viewer's teams in it; throws not-found when W&B shows no such org. */
export async function perTeamDirectory(
  scope: OrgScope,
  session: ReadSession,
  memory: StrategyMemory,
  viewer: ViewerUser,
): Promise<Directory> {
  const { orgInfo, entities } = await readOrgTeamByTeam(session, scope.org, viewer);
  const builder = new DirectoryBuilder();
  for (const entity of entities) builder.addTeam(entity);
  return {
    scope,
    org: orgInfo,
    source: 'per-team',
    fallbackReason: currentFallbackReason(memory, scope),
    members: builder.members(),
    invites: builder.inviteList(),
    teams: entities
      .map((entity) => ({ name: entity.name, memberCount: countTeamMembers(entity) }))
      .sort((a, b) => compareText(a.name, b.name)),
    seats: null,
    viewer: {
      username: viewerName(viewer),
      isOrgAdmin: null,
      isTeamAdmin: isAdminInAnyTeam(entities, viewer),
    },
    visibleTeams: entities.length,
    complete: false,
    requests: session.requests,
  };
}
