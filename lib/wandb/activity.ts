/**
 * Last activity from run heartbeats (product.md, "Member export": opt-in, with its own progress,
 * cost explained before starting). For each team it lists the projects ([SDL] `projects`), then
 * reads each project's most recent runs ordered by `-heartbeat_at` ([SDK] `Runs`) and keeps the
 * latest `heartbeatAt` per username. Only verified fields are used; per-user run filters are
 * UNVERIFIED in API.md, so every project is read in full order instead of per member.
 */

import type { z } from 'zod';
import { badResponseError, cancelledError, isWandbError } from './errors';
import { type GraphqlTransport, type RetryOptions, withRetry } from './graphql';
import { type PageLimits, pageCounter } from './limits';
import { PROJECT_RUNS_QUERY, TEAM_PROJECTS_QUERY } from './operations';
import { mapWithConcurrency } from './pool';
import {
  type ProjectRunsData,
  projectRunsDataSchema,
  type TeamProjectsData,
  teamProjectsDataSchema,
} from './schemas';

/** Settings of a reader; all optional. */
export interface ActivityReaderOptions {
  /** Reads in flight at once (default 8). */
  concurrency?: number;
  /** How reads are retried (sleep and random are injectable for tests and the bench). */
  retry?: Omit<RetryOptions, 'signal'>;
  /** Runs read per project, most recent heartbeat first (default 50, the SDK's page size; at least 1). */
  runsPerProject?: number;
  /** Projects per page when listing a team's projects (default 100; at least 1). */
  projectsPerPage?: number;
  /** Bounds of one team's project listing (default `DEFAULT_PAGE_LIMITS`). */
  pageLimits?: PageLimits;
}

/** Which part of a read is running: listing projects, then reading their runs. */
export type ActivityPhase = 'projects' | 'runs';

/** Progress of a read: `done` of `total` teams (`projects` phase) or projects (`runs` phase). */
export interface ActivityProgress {
  done: number;
  total: number;
  phase: ActivityPhase;
}

/** Options of one read; both optional. */
export interface ActivityReadOptions {
  /** Aborting rejects the read with a `cancelled` WandbError. */
  signal?: AbortSignal;
  onProgress?: (progress: ActivityProgress) => void;
}

/** The cost of a read, told to the admin before it starts. */
export interface ActivityEstimate {
  /** The fewest GraphQL requests the read can take (one project listing per team); runs add one per project. */
  requestsAtLeast: number;
  /** One paragraph for the admin: what is read, what it costs, what the result means. */
  explanation: string;
}

/** A team or project that was not read because W&B does not show it to the viewer. */
export interface SkippedSource {
  team: string;
  /** null when the whole team was skipped. */
  project: string | null;
}

/** The outcome of a read. */
export interface LatestHeartbeats {
  /** username → the latest run `heartbeatAt` seen (ISO 8601, as W&B sent it); members without a run seen are absent. */
  byUsername: Map<string, string>;
  /** Projects whose runs were read. */
  projectsRead: number;
  /** Runs received (null heartbeats and authorless runs included). */
  runsRead: number;
  /** GraphQL requests made, retries included. */
  requests: number;
  /** false when some team or project was skipped (see `skipped`). */
  complete: boolean;
  /** What was not visible, in the order the teams and projects were given and listed. */
  skipped: SkippedSource[];
  /**
   * Projects with more runs than `runsPerProject`. In those, a member whose latest run there is
   * not among the most recent ones is missed (their date may be older than the truth, or absent).
   */
  truncatedProjects: number;
}

/** Reads last activity from run heartbeats over the teams' projects. */
export interface ActivityReader {
  /** The cost of `latestHeartbeats(teams)`, before anything is sent (repeated team names count once). */
  estimate(teams: readonly string[]): ActivityEstimate;
  /**
   * The latest heartbeat per username over every visible project of `teams`. Teams or projects
   * W&B does not show are skipped (`complete: false`); any other failure rejects, with a
   * `cancelled` WandbError when `signal` aborts.
   */
  latestHeartbeats(teams: readonly string[], options?: ActivityReadOptions): Promise<LatestHeartbeats>;
}

const RUN_ORDER = '-heartbeat_at';

/** `n` and the noun, plural unless `n` is 1. */
function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** The distinct non-blank team names, in first-seen order. */
function distinctTeams(teams: readonly string[]): string[] {
  return [...new Set(teams.map((team) => team.trim()).filter((team) => team !== ''))];
}

/** A positive whole number from a setting, or `fallback` when it is not one. */
function positive(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value >= 1 ? Math.floor(value) : fallback;
}

/** Runs `load`, turning "not visible" answers (permission denied, not found) into null. */
async function ifVisible<T>(load: () => Promise<T | null>): Promise<T | null> {
  try {
    return await load();
  } catch (error) {
    if (isWandbError(error, 'not-admin', 'not-found')) return null;
    throw error;
  }
}

/** The runs of one project as W&B listed them. */
type ProjectRuns = NonNullable<NonNullable<ProjectRunsData['project']>['runs']>;

/**
 * Each member's latest heartbeat over the runs read (the ISO text W&B sent), with what was read;
 * a project W&B did not show is added to `skipped`.
 */
function latestPerUser(
  projects: readonly { team: string; project: string }[],
  runLists: readonly (ProjectRuns | null)[],
  skipped: SkippedSource[],
) {
  const byUsername = new Map<string, string>();
  const latestMs = new Map<string, number>();
  let projectsRead = 0;
  let runsRead = 0;
  let truncatedProjects = 0;
  runLists.forEach((runs, index) => {
    if (runs === null) {
      skipped.push(projects[index]!);
      return;
    }
    projectsRead++;
    runsRead += runs.edges.length;
    if (runs.pageInfo.hasNextPage) truncatedProjects++;
    for (const run of runs.edges) {
      const username = run.user?.username;
      if (!username || run.heartbeatAt === null) continue;
      const ms = Date.parse(run.heartbeatAt);
      if (Number.isNaN(ms)) continue;
      const known = latestMs.get(username);
      if (known === undefined || ms > known) {
        latestMs.set(username, ms);
        byUsername.set(username, run.heartbeatAt);
      }
    }
  });
  return { byUsername, projectsRead, runsRead, truncatedProjects };
}

/** Creates a reader; nothing is sent until `latestHeartbeats` is called. */
export function createActivityReader(
  transport: GraphqlTransport,
  options: ActivityReaderOptions = {},
): ActivityReader {
  const concurrency = positive(options.concurrency, 8);
  const runsPerProject = positive(options.runsPerProject, 50);
  const projectsPerPage = positive(options.projectsPerPage, 100);

  function estimate(teams: readonly string[]): ActivityEstimate {
    const n = distinctTeams(teams).length;
    if (n === 0) {
      return { requestsAtLeast: 0, explanation: 'No teams are selected, so nothing would be read.' };
    }
    const explanation =
      `Last activity from run heartbeats first lists the projects of ${plural(n, 'team')}: ` +
      `at least ${plural(n, 'request')}, one more for every further ${projectsPerPage} projects of a team. ` +
      `It then reads the ${runsPerProject} most recent runs of every project it finds: one request per project, ` +
      `so a team with 20 projects costs about 21 requests. The number of projects is not known until they are listed. ` +
      `Large organizations can take minutes, and W&B may slow the requests down; you can cancel at any time. ` +
      `A member's date is their latest heartbeat among the runs read; members with no run there get none.`;
    return { requestsAtLeast: n, explanation };
  }

  async function latestHeartbeats(
    teams: readonly string[],
    readOptions: ActivityReadOptions = {},
  ): Promise<LatestHeartbeats> {
    const { signal, onProgress } = readOptions;
    if (signal?.aborted) throw cancelledError();
    let requests = 0;

    /** One read through `withRetry`, counting every attempt; `readSignal` is the pool's. */
    function read<T>(
      document: string,
      variables: Record<string, unknown>,
      schema: z.ZodType<T>,
      readSignal: AbortSignal,
    ): Promise<T> {
      return withRetry(
        () => {
          requests++;
          return transport.request(document, variables, schema, { signal: readSignal });
        },
        { ...options.retry, signal: readSignal },
      );
    }

    /** Every project name of `team` (all pages); null when W&B does not show the team. */
    async function listProjects(team: string, readSignal: AbortSignal): Promise<string[] | null> {
      return ifVisible(async () => {
        const names: string[] = [];
        const counter = pageCounter(`the project list of "${team}"`, options.pageLimits);
        let cursor: string | null = null;
        for (;;) {
          counter.beforePage();
          const data: TeamProjectsData = await read(
            TEAM_PROJECTS_QUERY,
            { entity: team, cursor, perPage: projectsPerPage },
            teamProjectsDataSchema,
            readSignal,
          );
          if (data.projects === null) return null;
          counter.add(data.projects.edges.length);
          names.push(...data.projects.edges.map((node) => node.name));
          const { hasNextPage, endCursor } = data.projects.pageInfo;
          if (!hasNextPage) return [...new Set(names)];
          if (endCursor === null || endCursor === cursor) {
            throw badResponseError(
              `the project list of "${team}" says there is more but gives no new cursor`,
            );
          }
          cursor = endCursor;
        }
      });
    }

    const teamList = distinctTeams(teams);
    const skipped: SkippedSource[] = [];

    let teamsDone = 0;
    onProgress?.({ done: 0, total: teamList.length, phase: 'projects' });
    const listings = await mapWithConcurrency(
      teamList,
      concurrency,
      async (team, _index, readSignal) => {
        const names = await listProjects(team, readSignal);
        onProgress?.({ done: ++teamsDone, total: teamList.length, phase: 'projects' });
        return names;
      },
      signal ? { signal } : {},
    );

    const projects: { team: string; project: string }[] = [];
    listings.forEach((names, index) => {
      const team = teamList[index]!;
      if (names === null) skipped.push({ team, project: null });
      else for (const project of names) projects.push({ team, project });
    });

    let projectsDone = 0;
    onProgress?.({ done: 0, total: projects.length, phase: 'runs' });
    const runLists = await mapWithConcurrency(
      projects,
      concurrency,
      async ({ team, project }, _index, readSignal) => {
        const runs = await ifVisible(async () => {
          const data = await read(
            PROJECT_RUNS_QUERY,
            { project, entity: team, perPage: runsPerProject, order: RUN_ORDER },
            projectRunsDataSchema,
            readSignal,
          );
          return data.project?.runs ?? null;
        });
        onProgress?.({ done: ++projectsDone, total: projects.length, phase: 'runs' });
        return runs;
      },
      signal ? { signal } : {},
    );

    const { byUsername, projectsRead, runsRead, truncatedProjects } = latestPerUser(
      projects,
      runLists,
      skipped,
    );

    return {
      byUsername,
      projectsRead,
      runsRead,
      requests,
      complete: skipped.length === 0,
      skipped,
      truncatedProjects,
    };
  }

  return { estimate, latestHeartbeats };
}
