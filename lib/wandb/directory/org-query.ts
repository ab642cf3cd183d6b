/**
 * The org query strategy: one request that sees every member of the org, with fields a server may
 * reject ([3P]). The loader remembers whether this server accepts it.
 */
import { isWandbError } from '../errors';
import { ORG_DIRECTORY_QUERY } from '../operations';
import { orgDirectoryDataSchema } from '../schemas';
import {
  builderFromOrg,
  countTeamMembers,
  isAdminInAnyTeam,
  isOrgAdminIn,
  uniqueNames,
  viewerName,
} from './builder';
import { compareText, fallbackReasonFor, seatUseOf } from './normalise';
import { orgNotFound, type ReadSession, readTeams, readViewer } from './session';
import type {
  Directory,
  DirectoryScope,
  DirectorySource,
  DirectoryStrategy,
  DirectorySummary,
  OrgData,
  TeamEntity,
  ViewerUser,
} from './types';

/** The loader's remembered choice between the org query and the per-team fallback. */
export interface StrategyMemory {
  readonly strategy: DirectoryStrategy;
  /** The field whose rejection caused the fallback; null while accepted or untried, or when restored from storage. */
  readonly rejectedField: string | null;
  /** Records the strategy (and the rejected field, null when accepted) and reports a change. */
  decide(next: DirectorySource, field: string | null): void;
}

/** The org query's result: its organization (null when not found), or `accepted: false` when the server rejects its fields. */
export type OrgQueryOutcome = { accepted: true; organization: OrgData | null } | { accepted: false };

/** The fallback sentence for this scope; null while the org query is accepted or untried. */
export function currentFallbackReason(memory: StrategyMemory, scope: DirectoryScope): string | null {
  return memory.strategy === 'per-team' ? fallbackReasonFor(memory.rejectedField, scope) : null;
}

/** The org query's answer, or `accepted: false` when this server rejects its fields (remembered). */
export async function tryOrgQuery(
  session: ReadSession,
  memory: StrategyMemory,
  org: string,
): Promise<OrgQueryOutcome> {
  if (memory.strategy === 'per-team') return { accepted: false };
  try {
    const data = await session.read(ORG_DIRECTORY_QUERY, { org }, orgDirectoryDataSchema);
    memory.decide('org-query', null);
    return { accepted: true, organization: data.organization };
  } catch (error) {
    if (!isWandbError(error, 'schema-mismatch')) throw error;
    memory.decide('per-team', error.field ?? null);
    return { accepted: false };
  }
}

/** Reads the org query alongside the viewer unless the fallback is already known to be needed. */
export async function readOrgScopeStart(session: ReadSession, memory: StrategyMemory, org: string) {
  session.progress({ done: 0, total: 1, phase: 'organization' });
  const [viewer, outcome] = await Promise.all([readViewer(session), tryOrgQuery(session, memory, org)]);
  session.progress({ done: 1, total: 1, phase: 'organization' });
  return { viewer, outcome };
}

/** An org's summary from the org query's answer; throws not-found when W&B shows no such org. */
export function orgQuerySummary(
  scope: Extract<DirectoryScope, { kind: 'org' }>,
  session: ReadSession,
  viewer: ViewerUser,
  organization: OrgData | null,
): DirectorySummary {
  if (organization === null) throw orgNotFound(scope.org);
  const builder = builderFromOrg(organization);
  return {
    scope,
    source: 'org-query',
    fallbackReason: null,
    memberCount: builder.members().length,
    pendingInvites: builder.inviteList().length,
    seats: seatUseOf(organization),
    // Team roles are not in the org query; reading every team just for this flag would make
    // the bar as slow as a full load.
    viewer: {
      username: viewerName(viewer),
      isOrgAdmin: isOrgAdminIn(organization, viewer),
      isTeamAdmin: null,
    },
    visibleTeams: organization.teams.length,
    complete: true,
    org: { id: organization.id, name: organization.name },
    requests: session.requests,
  };
}

/** An org's directory from the org query's answer plus every team's list; throws not-found when W&B shows no such org. */
export async function orgQueryDirectory(
  scope: Extract<DirectoryScope, { kind: 'org' }>,
  session: ReadSession,
  viewer: ViewerUser,
  organization: OrgData | null,
): Promise<Directory> {
  if (organization === null) throw orgNotFound(scope.org);
  const builder = builderFromOrg(organization);
  const teamNames = uniqueNames([
    ...organization.teams.map((team) => team.name),
    ...organization.members.flatMap((member) => member.teams.map((team) => team.name)),
  ]);
  const lists = await readTeams(session, teamNames);
  const visible = lists.filter((entity): entity is TeamEntity => entity !== null);
  for (const entity of visible) builder.addTeam(entity);
  const countsFromOrg = new Map(organization.teams.map((team) => [team.name, team.memberCount]));
  const countsFromLists = new Map(visible.map((entity) => [entity.name, countTeamMembers(entity)]));
  return {
    scope,
    org: { id: organization.id, name: organization.name },
    source: 'org-query',
    fallbackReason: null,
    members: builder.members(),
    invites: builder.inviteList(),
    teams: teamNames
      .map((name) => ({ name, memberCount: countsFromLists.get(name) ?? countsFromOrg.get(name) ?? 0 }))
      .sort((a, b) => compareText(a.name, b.name)),
    seats: seatUseOf(organization),
    viewer: {
      username: viewerName(viewer),
      isOrgAdmin: isOrgAdminIn(organization, viewer),
      isTeamAdmin: isAdminInAnyTeam(visible, viewer),
    },
    visibleTeams: teamNames.length,
    complete: visible.length === teamNames.length,
    requests: session.requests,
  };
}
