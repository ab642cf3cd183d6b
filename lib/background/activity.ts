import { createActivityReader } from '../wandb/activity';
import type { WandbClient } from '../wandb/client';
import type { Directory, LoadProgress } from '../wandb/directory';

/**
 * The directory with each member's last activity raised to their latest run heartbeat in the
 * teams' projects (the admin's opt-in: it costs a request per team and per project). The later of
 * the org's `loggedInAt` and the heartbeat wins.
 */
export async function withRunActivity(
  client: WandbClient,
  directory: Directory,
  options: { signal: AbortSignal; onProgress(progress: LoadProgress): void },
): Promise<Directory> {
  const reader = createActivityReader(client.transport);
  const heartbeats = await reader.latestHeartbeats(
    directory.teams.map((team) => team.name),
    {
      signal: options.signal,
      onProgress: (progress) =>
        options.onProgress({ done: progress.done, total: progress.total, phase: 'activity' }),
    },
  );
  const members = directory.members.map((member) => {
    const heartbeat = member.username ? heartbeats.byUsername.get(member.username) : undefined;
    if (!heartbeat) return member;
    const later =
      member.lastActiveAt && Date.parse(member.lastActiveAt) >= Date.parse(heartbeat)
        ? member.lastActiveAt
        : heartbeat;
    return { ...member, lastActiveAt: later };
  });
  return { ...directory, members, requests: directory.requests + heartbeats.requests };
}
