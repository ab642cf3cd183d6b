/**
 * W&B's audit-log client (API.md §4, Enterprise): `GET https://api.wandb.ai/audit_logs` on
 * multi-tenant W&B, `GET <host>/admin/audit_logs` on a dedicated or self-managed host; Basic
 * `username:API-KEY` of an org admin; `startDate=YYYY-MM-DD&numDays=0..7`, paged with `cursor` →
 * `next_cursor`. The answer is `{audit_logs[], range_start_time, range_end_time, count,
 * next_cursor}`, each entry `{action, actor_email, actor_user_id, timestamp, ...}`.
 *
 * Used only by the background with the stored admin key (lib/background/admin-key/audit-logs.ts):
 * the key goes in the Authorization header, never with a cookie, never after a redirect.
 * `readWindow` returns what a window holds, or throws a typed error quoting W&B's own words.
 */
import { z } from 'zod';
import type { AuditWindow, AuditWindowRead, WandbAuditEntry } from './audit-windows';
import {
  badResponseFromZod,
  notFoundError,
  parseRetryAfter,
  rateLimitedError,
  serverError,
  WandbError,
} from './errors';
import { type FetchLike, fetchText, type RetryOptions, withRetry } from './graphql';
import { type PageLimits, pageCounter } from './limits';
import { scimAuthorization } from './scim/resources';

/** Whose key and which host: the app origin decides the API origin and the path. */
export interface AuditLogClientOptions {
  /** `https://wandb.ai`, or a dedicated / self-managed instance's origin. */
  appOrigin: string;
  /** Basic `username:API-KEY` (API.md §4). */
  credentials: { username: string; key: string };
  fetch: FetchLike;
  timeoutMs?: number;
  retry?: Omit<RetryOptions, 'signal'>;
  now?: () => number;
  maxResponseBytes?: number;
  pageLimits?: PageLimits;
}

const entrySchema = z.looseObject({
  action: z.string(),
  timestamp: z.string(),
  actor_email: z.string().nullish(),
  actor_user_id: z.union([z.string(), z.number()]).nullish(),
});

const pageSchema = z.object({
  audit_logs: z.array(entrySchema),
  range_start_time: z.string(),
  range_end_time: z.string(),
  count: z.number().int().nonnegative(),
  next_cursor: z.string().nullish(),
});

const NAMED = new Set(['action', 'timestamp', 'actor_email', 'actor_user_id']);

function toEntry(raw: z.infer<typeof entrySchema>): WandbAuditEntry {
  const other = Object.entries(raw)
    .filter(([key]) => !NAMED.has(key))
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join('; ');
  return {
    timestamp: raw.timestamp,
    action: raw.action,
    actorEmail: raw.actor_email ?? null,
    actorUserId:
      raw.actor_user_id === null || raw.actor_user_id === undefined ? null : String(raw.actor_user_id),
    other: other.length > 500 ? `${other.slice(0, 499)}…` : other,
  };
}

/** `https://api.wandb.ai` + `/audit_logs` on wandb.ai; `<host>` + `/admin/audit_logs` elsewhere. */
export function auditLogEndpoint(appOrigin: string): { origin: string; path: string } {
  const origin = new URL(appOrigin).origin;
  return origin === 'https://wandb.ai'
    ? { origin: 'https://api.wandb.ai', path: '/audit_logs' }
    : { origin, path: '/admin/audit_logs' };
}

/** What W&B said in a refusal: an error field of a JSON body, or a short plain-text body; null for HTML or nothing. */
export function wandbWords(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.startsWith('<')) return null;
  try {
    const body = JSON.parse(trimmed) as Record<string, unknown> | null;
    const first = Array.isArray(body?.errors)
      ? (body.errors[0] as { message?: unknown } | undefined)
      : undefined;
    const said = [body?.error, body?.message, body?.detail, first?.message].find(
      (v): v is string => typeof v === 'string' && v.trim() !== '',
    );
    return said ? said.trim().slice(0, 300) : null;
  } catch {
    return trimmed.split('\n')[0]!.slice(0, 300);
  }
}

/** The typed error for a refused audit-log request, with W&B's words when it gave some. */
export function classifyAuditFailure(
  status: number,
  headers: Headers,
  text: string,
  path: string,
  now: number,
): WandbError {
  const said = wandbWords(text);
  const quote = said ? ` W&B said: "${said}".` : '';
  if (status === 401)
    return new WandbError({
      kind: 'key-rejected',
      status,
      message: `W&B did not accept the admin API key for its audit logs (HTTP 401).${quote} Test or replace the key in the toolkit options.`,
    });
  if (status === 403)
    return new WandbError({
      kind: 'not-admin',
      status,
      message: `W&B refused its audit logs to the admin API key (HTTP 403).${quote} They are for org admins of Enterprise organizations.`,
    });
  if (status === 404)
    return notFoundError(
      `This W&B host has no audit logs at ${path} (HTTP 404).${quote} They need W&B Enterprise.`,
    );
  if (status === 429) return rateLimitedError(parseRetryAfter(headers.get('Retry-After'), now), status);
  if (status >= 500) return serverError(status);
  return new WandbError({
    kind: 'invalid-request',
    status,
    message: `W&B refused the audit-log request (HTTP ${status}).${quote || ' It gave no reason.'}`,
  });
}

export type AuditLogClient = ReturnType<typeof createAuditLogClient>;

export function createAuditLogClient(options: AuditLogClientOptions) {
  const { origin, path } = auditLogEndpoint(options.appOrigin);
  // API.md §4: Basic `username:API-KEY`, the form SCIM uses for a person's key.
  const authorization = scimAuthorization({ scheme: 'basic', kind: 'user', ...options.credentials });
  const now = options.now ?? Date.now;

  async function readPage(query: string, signal?: AbortSignal) {
    const { response, text } = await fetchText(
      options.fetch,
      `${origin}${path}?${query}`,
      {
        method: 'GET',
        // The key is the only credential: no W&B session cookie, and no redirect may carry it on.
        credentials: 'omit',
        redirect: 'error',
        headers: { Authorization: authorization, Accept: 'application/json' },
      },
      {
        ...(signal ? { signal } : {}),
        timeoutMs: options.timeoutMs ?? 30_000,
        endpoint: `${origin}${path}`,
        ...(options.maxResponseBytes ? { maxBytes: options.maxResponseBytes } : {}),
      },
    );
    if (response.status < 200 || response.status >= 300)
      throw classifyAuditFailure(response.status, response.headers, text, path, now());
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new WandbError({
        kind: 'bad-response',
        status: response.status,
        message: `W&B sent an answer the toolkit does not understand (the audit logs at ${path} are not JSON). Check that the host is a W&B server; copy this message into a bug report.`,
      });
    }
    const parsed = pageSchema.safeParse(body);
    if (!parsed.success) throw badResponseFromZod(parsed.error, body, response.status);
    return parsed.data;
  }

  return {
    path,
    /** Every entry of one window, following `next_cursor` to the end; a typed error on the first refusal. */
    async readWindow(
      window: AuditWindow,
      requestOptions: { signal?: AbortSignal } = {},
    ): Promise<AuditWindowRead> {
      const { signal } = requestOptions;
      const counter = pageCounter(`W&B's audit logs from ${window.startDate}`, options.pageLimits);
      const entries: WandbAuditEntry[] = [];
      let range: { start: string; end: string } | null = null;
      let cursor: string | null = null;
      let pages = 0;
      do {
        counter.beforePage();
        const params = new URLSearchParams({ startDate: window.startDate, numDays: String(window.numDays) });
        if (cursor !== null) params.set('cursor', cursor);
        const page = await withRetry(() => readPage(params.toString(), signal), {
          ...options.retry,
          ...(signal ? { signal } : {}),
        });
        pages++;
        counter.add(page.audit_logs.length);
        range ??= { start: page.range_start_time, end: page.range_end_time };
        for (const raw of page.audit_logs) entries.push(toEntry(raw));
        cursor = page.next_cursor ? page.next_cursor : null;
      } while (cursor !== null);
      return {
        window,
        rangeStart: range?.start ?? '',
        rangeEnd: range?.end ?? '',
        pages,
        count: entries.length,
        entries,
      };
    },
  };
}
