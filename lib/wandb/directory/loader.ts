/**
 * The loader: picks the org query, falls back to the per-team reads on a schema mismatch,
 * remembers that choice for its whole life, and opens one read session per load.
 */
import { notFoundError, notSignedInError } from '../errors';
import type { GraphqlTransport } from '../graphql';
import { KEY_OWNER_QUERY, ORG_LOOKUP_QUERY, TEAM_MEMBERS_QUERY } from '../operations';
import { keyOwnerDataSchema, orgLookupDataSchema, teamMembersDataSchema } from '../schemas';
import { orgQueryDirectory, orgQuerySummary, readOrgScopeStart, type StrategyMemory } from './org-query';
import { perTeamDirectory, perTeamSummary } from './per-team';
import { inSession, type ReadSession, type SessionSettings } from './session';
import { teamDirectory, teamSummary } from './team-scope';
import type {
  Directory,
  DirectoryLoader,
  DirectoryLoaderOptions,
  DirectoryScope,
  DirectorySource,
  DirectoryStrategy,
  DirectorySummary,
} from './types';

/** See `DirectoryLoader.loadSummary`; throws not-found for an org or team W&B does not show. */
async function loadSummary(
  scope: DirectoryScope,
  session: ReadSession,
  memory: StrategyMemory,
): Promise<DirectorySummary> {
  if (scope.kind === 'team') return teamSummary(scope, session, memory);
  const { viewer, outcome } = await readOrgScopeStart(session, memory, scope.org);
  if (outcome.accepted) return orgQuerySummary(scope, session, viewer, outcome.organization);
  return perTeamSummary(scope, session, memory, viewer);
}

/** See `DirectoryLoader.loadDirectory`; throws not-found for an org or team W&B does not show. */
async function loadDirectory(
  scope: DirectoryScope,
  session: ReadSession,
  memory: StrategyMemory,
): Promise<Directory> {
  if (scope.kind === 'team') return teamDirectory(scope, session, memory);
  const { viewer, outcome } = await readOrgScopeStart(session, memory, scope.org);
  if (outcome.accepted) return orgQueryDirectory(scope, session, viewer, outcome.organization);
  return perTeamDirectory(scope, session, memory, viewer);
}

/** See `DirectoryLoader.resolveEntity`; throws not-found when the name is neither an org nor a team. */
async function resolveEntity(name: string, session: ReadSession): Promise<DirectoryScope> {
  const lookup = await session.read(ORG_LOOKUP_QUERY, { org: name }, orgLookupDataSchema);
  if (lookup.organization !== null) return { kind: 'org', org: lookup.organization.name };
  const team = await session.read(TEAM_MEMBERS_QUERY, { name }, teamMembersDataSchema);
  if (team.entity?.isTeam) {
    return { kind: 'team', team: team.entity.name, org: team.entity.organization?.name ?? null };
  }
  throw notFoundError(
    `There is no organization or team named "${name}" on this W&B server that you can see.`,
  );
}

/**
 * See `DirectoryLoader.resolveInstanceOrg`: the organization of the viewer's teams, read with
 * `viewer { teams { organization { name } } }` [SDL]. A dedicated instance has one; when the
 * viewer's teams name several (or none), the page cannot tell which is meant and this says so.
 */
async function resolveInstanceOrg(session: ReadSession): Promise<DirectoryScope> {
  const { viewer } = await session.read(KEY_OWNER_QUERY, {}, keyOwnerDataSchema);
  if (viewer === null) throw notSignedInError();
  const orgs = [
    ...new Set(
      (viewer.teams?.edges ?? []).flatMap((edge) => {
        const name = edge?.node?.organization?.name;
        return name ? [name] : [];
      }),
    ),
  ].sort();
  const [only] = orgs;
  if (orgs.length === 1 && only) return { kind: 'org', org: only };
  throw notFoundError(
    orgs.length === 0
      ? 'None of your teams on this W&B instance belongs to an organization, so the toolkit cannot tell which organization this page is for.'
      : `Your teams on this W&B instance belong to several organizations (${orgs.join(', ')}): open the Members page of the one you mean (/account-settings/<organization>/members).`,
  );
}

/** Creates a loader; it remembers the org-query decision for its whole life (one per W&B deployment). */
export function createDirectoryLoader(
  transport: GraphqlTransport,
  options: DirectoryLoaderOptions = {},
): DirectoryLoader {
  const settings: SessionSettings = {
    transport,
    concurrency: options.concurrency ?? 8,
    retry: options.retry,
  };
  let strategy: DirectoryStrategy = options.initialStrategy ?? 'unknown';
  let rejectedField: string | null = null;
  const memory: StrategyMemory = {
    get strategy() {
      return strategy;
    },
    get rejectedField() {
      return rejectedField;
    },
    decide(next: DirectorySource, field: string | null): void {
      const changed = next !== strategy;
      strategy = next;
      rejectedField = field;
      if (!changed || !options.onStrategyChange) return;
      // The stored choice is only a cache: failing to store it costs one extra request later.
      Promise.resolve()
        .then(() => options.onStrategyChange?.(next, field))
        .catch(() => {});
    },
  };

  return {
    get strategy() {
      return strategy;
    },
    get rejectedField() {
      return rejectedField;
    },
    resolveEntity: (name, resolveOptions) =>
      inSession(settings, resolveOptions, (session) => resolveEntity(name, session)),
    resolveInstanceOrg: (resolveOptions) =>
      inSession(settings, resolveOptions, (session) => resolveInstanceOrg(session)),
    loadSummary: (scope, loadOptions) =>
      inSession(settings, loadOptions, (session) => loadSummary(scope, session, memory)),
    loadDirectory: (scope, loadOptions) =>
      inSession(settings, loadOptions, (session) => loadDirectory(scope, session, memory)),
  };
}
