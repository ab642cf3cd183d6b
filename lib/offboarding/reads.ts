/**
 * The impact's extra reads, each allowed to be impossible: a member's recent runs in their teams'
 * projects ([SDL] `projects`, [SDK] `Runs` ordered by `-heartbeat_at`; per-user run filters are
 * UNVERIFIED, so each project's most recent runs are read and matched by author), and their API
 * key names ([SDK] `users(query){apiKeys}`, which W&B grants only to instance admins).
 */

import { isWandbError } from '../wandb/errors';
import type { GraphqlTransport } from '../wandb/graphql';
import { withRetry } from '../wandb/graphql';
import { PROJECT_RUNS_QUERY, TEAM_PROJECTS_QUERY, USER_API_KEYS_QUERY } from '../wandb/operations';
import { mapWithConcurrency } from '../wandb/pool';
import { projectRunsDataSchema, teamProjectsDataSchema, userApiKeysDataSchema } from '../wandb/schemas';
import { runsOf } from './impact';
import type { Impact, RunInfo } from './model';

const RUNS_PER_PROJECT = 50;
const PROJECTS_PER_TEAM = 100;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The member's most recent runs (at most 20) among the latest runs of every project of `teams`. */
export async function readMemberRuns(
  transport: GraphqlTransport,
  teams: readonly string[],
  username: string,
  signal?: AbortSignal,
): Promise<Impact['runs']> {
  try {
    const projects = (
      await mapWithConcurrency(teams, 4, async (team) => {
        const data = await withRetry(
          () =>
            transport.request(
              TEAM_PROJECTS_QUERY,
              { entity: team, perPage: PROJECTS_PER_TEAM },
              teamProjectsDataSchema,
              { signal },
            ),
          { signal },
        );
        return (data.projects?.edges ?? []).map((project) => ({
          team,
          project: project.name,
          more: data.projects?.pageInfo.hasNextPage ?? false,
        }));
      })
    ).flat();
    let truncated = projects.some((project) => project.more);
    const runs = (
      await mapWithConcurrency(projects, 4, async ({ team, project }) => {
        const data = await withRetry(
          () =>
            transport.request(
              PROJECT_RUNS_QUERY,
              { project, entity: team, perPage: RUNS_PER_PROJECT, order: '-heartbeat_at' },
              projectRunsDataSchema,
              { signal },
            ),
          { signal },
        );
        if (data.project?.runs?.pageInfo.hasNextPage) truncated = true;
        return (data.project?.runs?.edges ?? []).map((run): RunInfo & { username: string | null } => ({
          team,
          project,
          name: run.name,
          createdAt: run.createdAt,
          heartbeatAt: run.heartbeatAt,
          username: run.user?.username ?? null,
        }));
      })
    ).flat();
    return {
      status: 'read',
      items: runsOf(runs, username),
      ...(truncated
        ? {
            note: `Only the ${RUNS_PER_PROJECT} most recent runs of each project were read; older runs are not listed.`,
          }
        : {}),
    };
  } catch (error) {
    if (isWandbError(error, 'cancelled')) throw error;
    return { status: 'unreadable', reason: `Runs could not be read: ${messageOf(error)}` };
  }
}

/** The names of `username`'s API keys, or why they cannot be read with this session. */
export async function readApiKeys(
  transport: GraphqlTransport,
  username: string,
  signal?: AbortSignal,
): Promise<Impact['apiKeys']> {
  try {
    const data = await transport.request(USER_API_KEYS_QUERY, { query: username }, userApiKeysDataSchema, {
      signal,
    });
    const user = data.users.find((entry) => entry.username === username);
    if (!user)
      return { status: 'unreadable', reason: `W&B returned no user named ${username} to this session.` };
    return {
      status: 'read',
      items: user.apiKeys.map((key) => ({ name: key.name, lastUsedAt: null })),
      note: 'W&B’s API gives key names only; last use is shown on the API keys page.',
    };
  } catch (error) {
    if (isWandbError(error, 'cancelled')) throw error;
    return {
      status: 'unreadable',
      reason:
        'Their API keys cannot be read with your session: W&B lets only instance admins list another user’s keys. See them (names and last use) on the organization’s API keys page.',
    };
  }
}
