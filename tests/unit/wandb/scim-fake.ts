/** A recording fake of W&B's SCIM endpoint for the SCIM client's tests. */
import { createScimClient, SCIM_TEAMS_EXTENSION, type ScimClientOptions } from '@/lib/wandb/scim';

export const KEY = 'k3y0123456789abcdef0123456789abcdef0123';

export interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
  credentials: RequestCredentials | undefined;
}

/** A SCIM User as W&B answers it. */
export function user(id: string, userName: string, extra: Record<string, unknown> = {}) {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', SCIM_TEAMS_EXTENSION],
    id,
    userName,
    emails: [{ primary: true, value: `${userName}@acme.test` }],
    organizationRole: 'member',
    teamRoles: [],
    meta: { version: 'W/"3"' },
    ...extra,
  };
}

/** A fetch that answers from `answer` and records what was sent. */
export function fakeFetch(
  answer: (sent: Sent, index: number, signal: AbortSignal | undefined) => Response | Promise<Response>,
) {
  const sent: Sent[] = [];
  const fetch = async (url: string, init: RequestInit) => {
    const entry: Sent = {
      url,
      method: init.method ?? 'GET',
      headers: { ...(init.headers as Record<string, string>) },
      body: init.body === undefined ? undefined : JSON.parse(String(init.body)),
      credentials: init.credentials,
    };
    sent.push(entry);
    return answer(entry, sent.length - 1, init.signal ?? undefined);
  };
  return { sent, fetch };
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/scim+json', ...headers },
  });

export const noWait = { sleep: async () => {}, random: () => 0 };

/** A client of `https://api.wandb.ai` with alice's key over `fetch`, retrying reads without waiting. */
export function client(
  fetch: ReturnType<typeof fakeFetch>['fetch'],
  credentials: ScimClientOptions['credentials'] = {
    scheme: 'basic',
    kind: 'user',
    username: 'alice',
    key: KEY,
  },
  options: Partial<ScimClientOptions> = {},
) {
  return createScimClient({
    apiOrigin: 'https://api.wandb.ai',
    credentials,
    fetch,
    retry: noWait,
    ...options,
  });
}
