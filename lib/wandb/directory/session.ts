/** The reads of one load, shared by every strategy: retried, counted, cancellable, with progress. */
import type { z } from 'zod';
import { cancelledError, isWandbError, notFoundError, notSignedInError } from '../errors';
import { type GraphqlTransport, type RetryOptions, withRetry } from '../graphql';
import { ORG_LOOKUP_QUERY, TEAM_MEMBERS_QUERY, VIEWER_QUERY } from '../operations';
import { mapWithConcurrency } from '../pool';
import { orgLookupDataSchema, teamMembersDataSchema, viewerDataSchema } from '../schemas';
import type { LoadOptions, LoadProgress, TeamEntity, ViewerUser } from './types';

/** The reads of one load: retried, counted, cancellable, with progress reporting. */
export interface ReadSession {
  /** Aborted when the caller aborts or the load ends, so no read outlives its load. */
  readonly signal: AbortSignal;
  /** HTTP requests sent so far, retries included. */
  readonly requests: number;
  /** Team reads in flight at once. */
  readonly concurrency: number;
  /** One read through `withRetry`; `signal` overrides the load's (the pool's, to stop siblings). */
  read<T>(
    document: string,
    variables: Record<string, unknown>,
    schema: z.ZodType<T>,
    signal?: AbortSignal,
  ): Promise<T>;
  /** Tells the caller's `onProgress`, if any. */
  progress(progress: LoadProgress): void;
  /** Ends the session: reads still running (a sibling of a failed read, a backoff) are aborted. */
  close(): void;
}

/** How a loader reads: its transport, team concurrency and retry settings. */
export interface SessionSettings {
  transport: GraphqlTransport;
  concurrency: number;
  retry?: Omit<RetryOptions, 'signal'>;
}

/** A fresh read session for one load; throws `cancelled` if the caller's signal is already aborted. */
function openSession(settings: SessionSettings, loadOptions: LoadOptions = {}): ReadSession {
  const { signal: callerSignal, onProgress } = loadOptions;
  if (callerSignal?.aborted) throw cancelledError();
  const controller = new AbortController();
  const abort = () => controller.abort();
  callerSignal?.addEventListener('abort', abort, { once: true });
  const signal = controller.signal;
  let requests = 0;
  return {
    signal,
    get requests() {
      return requests;
    },
    concurrency: settings.concurrency,
    read<T>(document: string, variables: Record<string, unknown>, schema: z.ZodType<T>, readSignal = signal) {
      return withRetry(
        () => {
          requests++;
          return settings.transport.request(document, variables, schema, { signal: readSignal });
        },
        { ...settings.retry, signal: readSignal },
      );
    },
    progress(progress) {
      onProgress?.(progress);
    },
    close() {
      callerSignal?.removeEventListener('abort', abort);
      controller.abort();
    },
  };
}

/** Runs `load` in a fresh session and closes it however `load` ends; resolves or rejects as `load` does. */
export async function inSession<T>(
  settings: SessionSettings,
  loadOptions: LoadOptions | undefined,
  load: (session: ReadSession) => Promise<T>,
) {
  const session = openSession(settings, loadOptions);
  try {
    return await load(session);
  } finally {
    session.close();
  }
}

/** The signed-in user; throws `not-signed-in` when W&B answers `viewer: null`. */
export async function readViewer(session: ReadSession): Promise<ViewerUser> {
  const data = await session.read(VIEWER_QUERY, {}, viewerDataSchema);
  if (data.viewer === null) throw notSignedInError();
  return data.viewer;
}

/** A team's list; null when W&B does not show it to the viewer (absent, or permission denied). */
async function readTeamIfVisible(
  session: ReadSession,
  team: string,
  signal: AbortSignal | undefined,
): Promise<TeamEntity | null> {
  try {
    const data = await session.read(TEAM_MEMBERS_QUERY, { name: team }, teamMembersDataSchema, signal);
    return data.entity?.isTeam ? data.entity : null;
  } catch (error) {
    // One team the viewer may not list must not sink the whole directory; it is reported as
    // incomplete instead.
    if (isWandbError(error, 'not-admin', 'not-found')) return null;
    throw error;
  }
}

/** Every named team's list, read concurrently with progress; an entry is null when not visible. */
export async function readTeams(
  session: ReadSession,
  teams: readonly string[],
): Promise<(TeamEntity | null)[]> {
  let done = 0;
  session.progress({ done, total: teams.length, phase: 'teams' });
  return mapWithConcurrency(
    teams,
    session.concurrency,
    async (team, _index, signal) => {
      const entity = await readTeamIfVisible(session, team, signal);
      done++;
      session.progress({ done, total: teams.length, phase: 'teams' });
      return entity;
    },
    { signal: session.signal },
  );
}

/** The org's identity via the verified lookup; throws not-found when W&B shows no such org. */
export async function lookUpOrg(session: ReadSession, org: string): Promise<{ id: string; name: string }> {
  const data = await session.read(ORG_LOOKUP_QUERY, { org }, orgLookupDataSchema);
  if (data.organization === null) throw orgNotFound(org);
  return data.organization;
}

/** The not-found error for an org W&B does not show. */
export function orgNotFound(org: string) {
  return notFoundError(
    `There is no organization named "${org}" on this W&B server, or you are not a member of it.`,
  );
}

/** The not-found error for a team W&B does not show. */
export function teamNotFound(team: string) {
  return notFoundError(`There is no team named "${team}" on this W&B server, or you cannot see it.`);
}
