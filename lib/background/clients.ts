/**
 * One W&B client per app origin, built from the admin's session; where the session can read the
 * directory only per team, a working admin key for that host fills it through SCIM
 * (lib/wandb/directory/scim-fill.ts). The directory strategy each API origin settled on is kept in
 * session storage, so a restarted worker does not try a refused org query again.
 */
import { reportFailure } from '../report';
import { apiOriginFor, createWandbClient, type WandbClient } from '../wandb/client';
import { withScimFill } from '../wandb/directory/scim-fill';
import type { AdminKeyResult, AdminKeyService } from './admin-key';
import { readDirectoryStrategies, rememberDirectoryStrategy } from './session-storage';

export function createClients(
  adminKey: Pick<AdminKeyService, 'keyStatusFor' | 'readDirectory' | 'readCounts'>,
): (appOrigin: string) => Promise<WandbClient> {
  const clients = new Map<string, Promise<WandbClient>>();

  /** A SCIM read with the admin key where one works for this host; null otherwise, or when SCIM failed (reported). */
  async function keyRead<T>(appOrigin: string, read: () => Promise<AdminKeyResult<T>>): Promise<T | null> {
    if ((await adminKey.keyStatusFor(appOrigin)) !== 'admin') return null;
    const result = await read();
    if (result.ok) return result.data;
    reportFailure('directory', new Error(result.error.message));
    return null;
  }

  /** The promise is cached so concurrent callers share one client. */
  return function clientFor(appOrigin: string): Promise<WandbClient> {
    let client = clients.get(appOrigin);
    if (!client) {
      client = (async () => {
        const apiOrigin = apiOriginFor(appOrigin);
        const remembered = (await readDirectoryStrategies())[apiOrigin];
        const session = createWandbClient({
          apiOrigin,
          appOrigin,
          fetch: (input, init) => fetch(input, init),
          initialStrategy: remembered,
          onStrategyChange: (strategy) =>
            rememberDirectoryStrategy(apiOrigin, strategy).catch((error) =>
              reportFailure('directory', error),
            ),
        });
        return {
          ...session,
          directory: withScimFill(
            session.directory,
            () => keyRead(appOrigin, () => adminKey.readDirectory({ appOrigin })),
            (viewer) => keyRead(appOrigin, () => adminKey.readCounts({ appOrigin }, viewer)),
          ),
        };
      })();
      clients.set(appOrigin, client);
    }
    return client;
  };
}
