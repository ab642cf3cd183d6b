import { type ProtocolError, type Result, sendMessage } from '@/lib/messaging/protocol';
import { reportFailure } from '@/lib/report';
import type { Directory, DirectoryInvite, DirectoryMember, LoadProgress } from '@/lib/wandb/directory';
import { yieldToPage } from './yield';

const PAGE = 2000;

export class DirectoryLoadError extends Error {
  constructor(readonly error: ProtocolError) {
    super(error.message);
  }
}

function unwrap<T>(reply: Result<T>): T {
  if (!reply.ok) throw new DirectoryLoadError(reply.error);
  return reply.data;
}

/**
 * Loads the full member directory of the admin page at `pageUrl` through the background: starts a
 * job, reports its progress as the background answers each change (no timer here), then fetches members and invites page by page (each page a small
 * message, with the page's main thread given back in between). Cancelling stops the job.
 */
export async function loadDirectoryFromBackground(
  pageUrl: string,
  onProgress: (progress: LoadProgress | null) => void,
  signal: AbortSignal,
  withActivity = false,
): Promise<Directory> {
  const { jobId } = unwrap(await sendMessage('directoryLoad', { pageUrl, withActivity }));
  const cancel = () => {
    sendMessage('directoryCancel', { jobId }).catch((error: unknown) => reportFailure('directory', error));
  };
  signal.addEventListener('abort', cancel, { once: true });
  try {
    let seen: number | undefined;
    for (;;) {
      if (signal.aborted) throw new DOMException('Cancelled', 'AbortError');
      const status = unwrap(await sendMessage('directoryStatus', { jobId, seen }));
      seen = status.version;
      if (status.status === 'error') throw new DirectoryLoadError(status.error);
      if (status.status === 'ready') {
        const { memberCount, inviteCount, ...meta } = status.meta;
        const members: DirectoryMember[] = [];
        const invites: DirectoryInvite[] = [];
        for (let offset = 0; offset < memberCount; offset += PAGE) {
          if (signal.aborted) throw new DOMException('Cancelled', 'AbortError');
          const page = unwrap(
            await sendMessage('directoryPage', { jobId, list: 'members', offset, limit: PAGE }),
          );
          members.push(...(page as DirectoryMember[]));
          await yieldToPage();
        }
        for (let offset = 0; offset < inviteCount; offset += PAGE) {
          const page = unwrap(
            await sendMessage('directoryPage', { jobId, list: 'invites', offset, limit: PAGE }),
          );
          invites.push(...(page as DirectoryInvite[]));
        }
        signal.removeEventListener('abort', cancel);
        cancel();
        return { ...meta, members, invites };
      }
      onProgress(status.progress);
    }
  } catch (error) {
    signal.removeEventListener('abort', cancel);
    if (signal.aborted) cancel();
    throw error;
  }
}
