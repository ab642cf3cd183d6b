/**
 * The SCIM requests under the client: one call (key in the header only, no cookie, no redirect),
 * retried reads, paged lists and PATCH operations.
 */
import { z } from 'zod';
import { badResponseFromZod, WandbError } from '../errors';
import { fetchText, withRetry } from '../graphql';
import { pageCounter } from '../limits';
import { classifyScimFailure } from './failures';
import {
  SCIM_MAX_PAGE,
  SCIM_PATCH_OP,
  type ScimGroup,
  type ScimPage,
  type ScimUser,
  scimAuthorization,
  scimGroupSchema,
  scimUserSchema,
} from './resources';
import type { ScimClientOptions, ScimRequestOptions } from './types';

/** A SCIM list answer of `item`s (`Resources` absent when empty). */
export function listSchema<T extends z.ZodType>(item: T) {
  return z.object({
    totalResults: z.number().int().nonnegative(),
    startIndex: z.number().int().optional(),
    itemsPerPage: z.number().int().optional(),
    Resources: z.array(item).default([]),
  });
}

/** `?filter=…&startIndex=…&count=…` for the parameters given (count clamped to W&B's page limit); `''` for none. */
export function pageQuery(startIndex?: number, count?: number, filter?: string): string {
  const params = new URLSearchParams();
  if (filter !== undefined) params.set('filter', filter);
  if (startIndex !== undefined) params.set('startIndex', String(Math.max(1, Math.floor(startIndex))));
  if (count !== undefined)
    params.set('count', String(Math.min(SCIM_MAX_PAGE, Math.max(1, Math.floor(count)))));
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** Where and how a client's requests go. */
interface ScimConnection {
  base: string;
  authorization: string;
  timeoutMs: number;
  now: () => number;
  options: ScimClientOptions;
}

/** One SCIM request, its answer parsed with `schema` (null: no body expected); a typed error on failure. */
async function call<T>(
  connection: ScimConnection,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  what: string,
  schema: z.ZodType<T> | null,
  body: unknown,
  requestOptions: ScimRequestOptions,
): Promise<{ data: T | null; etag: string | null }> {
  const { base, authorization, timeoutMs, now, options } = connection;
  const { response, text } = await fetchText(
    options.fetch,
    `${base}${path}`,
    {
      method,
      // The key is the only credential: no W&B session cookie goes with it, and no redirect
      // may carry it to another URL.
      credentials: 'omit',
      redirect: 'error',
      headers: {
        Authorization: authorization,
        Accept: 'application/scim+json, application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/scim+json' }),
        ...(requestOptions.ifMatch ? { 'If-Match': requestOptions.ifMatch } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    },
    // `endpoint` is the SCIM base only: a user id or filter is not worth showing.
    {
      ...(requestOptions.signal ? { signal: requestOptions.signal } : {}),
      timeoutMs,
      endpoint: base,
      ...(options.maxResponseBytes ? { maxBytes: options.maxResponseBytes } : {}),
    },
  );
  let parsedBody: unknown;
  let isJson = false;
  if (text.trim() !== '') {
    try {
      parsedBody = JSON.parse(text);
      isJson = true;
    } catch {
      // An HTML error page from a proxy: the status decides.
    }
  }
  if (response.status < 200 || response.status >= 300) {
    throw classifyScimFailure(response.status, response.headers, parsedBody, what, now());
  }
  const etag = response.headers.get('ETag');
  if (schema === null) return { data: null, etag };
  if (!isJson) {
    throw new WandbError({
      kind: 'bad-response',
      status: response.status,
      message: `W&B sent an answer the toolkit does not understand (the SCIM answer to ${what} is not JSON). Check that the host is a W&B server; copy this message into a bug report.`,
    });
  }
  const parsed = schema.safeParse(parsedBody);
  if (!parsed.success) throw badResponseFromZod(parsed.error, parsedBody, response.status);
  return { data: parsed.data, etag };
}

export const userPath = (id: string) => `/Users/${encodeURIComponent(id)}`;

/** The SCIM bases tried in order (API.md §3). */
export const SCIM_BASES = ['/scim', '/scim/v2'] as const;
/** A SCIM collection path (with or without a query): a 404 there means no SCIM at this base. */
const COLLECTION = /^\/(Users|Groups|Roles)(\?|$)/;

export type ScimHttp = ReturnType<typeof createScimHttp>;

/** The requests of one client: its base URL, the raw call, retried reads, paged lists and PATCHes. */
export function createScimHttp(options: ScimClientOptions) {
  const origin = options.apiOrigin.replace(/\/+$/, '');
  const connection: ScimConnection = {
    base: `${origin}${SCIM_BASES[0]}`,
    authorization: scimAuthorization(options.credentials),
    timeoutMs: options.timeoutMs ?? 30_000,
    now: options.now ?? Date.now,
    options,
  };
  // API.md §3: the docs show `/scim/`, a support article `/scim/v2`; which the host serves is not
  // verified. Until a request has succeeded, a collection (`/Users`, `/Groups`, `/Roles`, which
  // never answer 404 where SCIM is served) answering 404 moves the client to the next base. A
  // collection that 404s created nothing, so a POST moved this way is not a second creation.
  let baseSettled = false;
  let baseIndex = 0;
  async function send<T>(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    path: string,
    what: string,
    schema: z.ZodType<T> | null,
    body: unknown,
    requestOptions: ScimRequestOptions,
  ): Promise<{ data: T | null; etag: string | null }> {
    for (;;) {
      try {
        const answer = await call(connection, method, path, what, schema, body, requestOptions);
        baseSettled = true;
        return answer;
      } catch (error) {
        const absent = error instanceof WandbError && error.kind === 'not-found' && COLLECTION.test(path);
        if (baseSettled || !absent || baseIndex + 1 >= SCIM_BASES.length) throw error;
        baseIndex += 1;
        connection.base = `${origin}${SCIM_BASES[baseIndex]}`;
      }
    }
  }

  const read = <T>(path: string, what: string, schema: z.ZodType<T>, requestOptions: ScimRequestOptions) =>
    withRetry(() => send('GET', path, what, schema, undefined, requestOptions), {
      ...options.retry,
      ...(requestOptions.signal ? { signal: requestOptions.signal } : {}),
    });

  async function collectAll<T>(
    what: string,
    fetchPage: (startIndex: number, count: number) => Promise<ScimPage<T>>,
    pageSize: number,
  ): Promise<T[]> {
    const all: T[] = [];
    const counter = pageCounter(what, options.pageLimits);
    let startIndex = 1;
    for (;;) {
      counter.beforePage();
      const page = await fetchPage(startIndex, pageSize);
      counter.add(page.items.length);
      all.push(...page.items);
      startIndex += page.items.length;
      // An empty page ends the walk even if totalResults promised more (a shrinking list).
      if (page.items.length === 0 || all.length >= page.totalResults) return all;
    }
  }

  async function patchUser(
    id: string,
    operations: unknown[],
    what: string,
    requestOptions: ScimRequestOptions,
  ) {
    const { data, etag } = await send(
      'PATCH',
      userPath(id),
      what,
      scimUserSchema,
      { schemas: [SCIM_PATCH_OP], Operations: operations },
      requestOptions,
    );
    return { resource: data as ScimUser, etag };
  }

  async function patchGroup(
    id: string,
    operations: unknown[],
    what: string,
    requestOptions: ScimRequestOptions,
  ) {
    const { data, etag } = await send(
      'PATCH',
      `/Groups/${encodeURIComponent(id)}`,
      what,
      scimGroupSchema,
      { schemas: [SCIM_PATCH_OP], Operations: operations },
      requestOptions,
    );
    return { resource: data as ScimGroup, etag };
  }

  /** One page of a SCIM list (`/Users` or `/Groups`), as `{ totalResults, startIndex, items }`. */
  async function readPage<T>(
    resource: '/Users' | '/Groups',
    query: { startIndex?: number; count?: number },
    filter: string | undefined,
    what: string,
    schema: z.ZodType<{ totalResults: number; startIndex?: number | undefined; Resources: T[] }>,
    requestOptions: ScimRequestOptions,
  ) {
    const { data } = await read(
      `${resource}${pageQuery(query.startIndex, query.count, filter)}`,
      what,
      schema,
      requestOptions,
    );
    return { totalResults: data!.totalResults, startIndex: data!.startIndex ?? 1, items: data!.Resources };
  }

  return {
    /** The base in use now (it may move once from `/scim` to `/scim/v2`; see `send`). */
    get base() {
      return connection.base;
    },
    call: send,
    read,
    collectAll,
    patchUser,
    patchGroup,
    readPage,
  };
}
