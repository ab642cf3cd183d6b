/**
 * The session GraphQL transport (product.md, "How the extension talks to W&B"): one POST per
 * operation to `<api origin>/graphql`, sent the way W&B's own web app sends it, with every answer
 * classified into a `WandbError` or parsed with zod. `fetch` is injected so the same code runs in
 * the service worker, in Node (bench) and in tests.
 */
import type { z } from 'zod';
import {
  badResponseError,
  badResponseFromZod,
  cancelledError,
  classifyFetchFailure,
  classifyGraphqlErrors,
  classifyHttpFailure,
  graphqlErrorsOf,
  WandbError,
} from './errors';
import { MAX_RESPONSE_BYTES, tooLargeError } from './limits';

/** The part of `fetch` the transport uses; resolves with the HTTP answer, rejects when there is none. */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** How to reach one W&B deployment; optional settings fall back to what the W&B web app does. */
export interface GraphqlTransportOptions {
  /** Where the API lives, e.g. `https://api.wandb.ai`, or the instance origin when self-managed. */
  apiOrigin: string;
  /** The W&B app origin the admin is signed in to, sent as `X-Origin`, e.g. `https://wandb.ai`. */
  appOrigin: string;
  fetch: FetchLike;
  /** Time allowed for the whole exchange (answer and body), default 30 s. */
  timeoutMs?: number;
  /** Default `include`, so the browser attaches the W&B session cookie. */
  credentials?: RequestCredentials;
  /** Extra headers; `Content-Type` and `X-Origin` are always the transport's own. */
  headers?: Record<string, string>;
  /** Largest answer read, in bytes (default `MAX_RESPONSE_BYTES`); a larger one is a `too-large` error. */
  maxResponseBytes?: number;
  /** `error` for a request carrying a key, so a redirect cannot carry it to another place; default `follow`. */
  redirect?: RequestRedirect;
  /** Clock for `Retry-After` dates; default `Date.now`. */
  now?: () => number;
}

/** Per-request settings; all optional. */
export interface GraphqlRequestOptions {
  /** Aborting it rejects the request with a `cancelled` WandbError. */
  signal?: AbortSignal;
}

/** Sends GraphQL documents to one W&B deployment. */
export interface GraphqlTransport {
  /** The GraphQL URL every request goes to (`<apiOrigin>/graphql`). */
  readonly endpoint: string;
  /** The W&B app origin sent as `X-Origin`. */
  readonly appOrigin: string;
  /**
   * Sends `document` once (no retry: wrap reads in `withRetry`) and resolves with its `data`
   * parsed by `schema`. Rejects with a classified `WandbError` on any failure, including a
   * partial answer that carries `errors` next to `data`; never resolves with missing data.
   */
  request<T>(
    document: string,
    variables: Record<string, unknown>,
    schema: z.ZodType<T>,
    options?: GraphqlRequestOptions,
  ): Promise<T>;
}

/** The operation name declared by a GraphQL document (`query Viewer {…}` → `Viewer`); undefined for an anonymous one. */
export function operationNameOf(document: string): string | undefined {
  return /\b(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(document)?.[1];
}

/** Creates the transport for one deployment; it holds no state between requests. */
export function createGraphqlTransport(options: GraphqlTransportOptions): GraphqlTransport {
  const endpoint = `${options.apiOrigin.replace(/\/+$/, '')}/graphql`;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const credentials = options.credentials ?? 'include';
  const now = options.now ?? Date.now;
  // Called as a plain function, not as `options.fetch(…)`: browsers throw "Illegal invocation"
  // when the global fetch runs with some other object as `this`.
  const send = options.fetch;

  /** See `GraphqlTransport.request`; never resolves without parsed data. */
  async function request<T>(
    document: string,
    variables: Record<string, unknown>,
    schema: z.ZodType<T>,
    requestOptions: GraphqlRequestOptions = {},
  ): Promise<T> {
    const { response, text } = await fetchText(
      send,
      endpoint,
      {
        method: 'POST',
        credentials,
        ...(options.redirect ? { redirect: options.redirect } : {}),
        headers: {
          ...options.headers,
          'Content-Type': 'application/json',
          'X-Origin': options.appOrigin,
        },
        body: JSON.stringify({ query: document, variables, operationName: operationNameOf(document) }),
      },
      {
        ...(requestOptions.signal ? { signal: requestOptions.signal } : {}),
        timeoutMs,
        endpoint,
        ...(options.maxResponseBytes ? { maxBytes: options.maxResponseBytes } : {}),
      },
    );
    return parseGraphqlAnswer(response.status, response.headers, text, schema, now());
  }

  return { endpoint, appOrigin: options.appOrigin, request };
}

/**
 * One request and its whole body under a timeout (a server that sends headers and then stalls must
 * not hang the caller), aborted too when the caller's `signal` aborts. A failure is thrown as the
 * classified `WandbError` (cancelled, timeout or network) naming `endpoint`. Shared by the GraphQL
 * transport and the SCIM client.
 */
export async function fetchText(
  send: FetchLike,
  url: string,
  init: Omit<RequestInit, 'signal'>,
  options: { signal?: AbortSignal; timeoutMs: number; endpoint: string; maxBytes?: number },
): Promise<{ response: Response; text: string }> {
  const callerSignal = options.signal;
  if (callerSignal?.aborted) throw cancelledError();
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  const abortFromCaller = () => controller.abort();
  callerSignal?.addEventListener('abort', abortFromCaller, { once: true });
  try {
    const response = await send(url, { ...init, signal: controller.signal });
    const text = await readCappedText(response, options.maxBytes ?? MAX_RESPONSE_BYTES, options.endpoint);
    return { response, text };
  } catch (error) {
    throw classifyFetchFailure(error, {
      cancelled: callerSignal?.aborted === true,
      timedOut,
      timeoutMs: options.timeoutMs,
      endpoint: options.endpoint,
    });
  } finally {
    clearTimeout(timer);
    callerSignal?.removeEventListener('abort', abortFromCaller);
  }
}

/**
 * The body as text, refused (`too-large`) as soon as it passes `maxBytes`: a declared
 * Content-Length over the cap is refused before reading, and a stream is cancelled once past it.
 */
async function readCappedText(response: Response, maxBytes: number, endpoint: string): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw tooLargeError(endpoint, maxBytes);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLargeError(endpoint, maxBytes);
    }
    parts.push(decoder.decode(value, { stream: true }));
  }
  parts.push(decoder.decode());
  return parts.join('');
}

/**
 * The `data` of one HTTP answer, parsed by `schema`; throws the classified `WandbError` when the
 * answer is an HTTP failure, carries GraphQL `errors`, is not JSON, has no `data`, or does not
 * match the schema.
 */
export function parseGraphqlAnswer<T>(
  status: number,
  headers: Headers,
  text: string,
  schema: z.ZodType<T>,
  now: number = Date.now(),
): T {
  let body: unknown;
  let isJson = false;
  if (text.trim() !== '') {
    try {
      body = JSON.parse(text);
      isJson = true;
    } catch {
      // Left for the checks below: the HTTP status says more than "not JSON" does.
    }
  }
  const httpFailure = classifyHttpFailure(status, headers, body, now);
  if (httpFailure) throw httpFailure;
  if (!isJson) throw badResponseError('the answer is not JSON', status);

  const errors = graphqlErrorsOf(body);
  if (errors !== null) throw classifyGraphqlErrors(errors);

  const data = typeof body === 'object' && body !== null ? (body as { data?: unknown }).data : undefined;
  if (data === undefined || data === null) throw badResponseError('the answer has no "data"', status);
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw badResponseFromZod(parsed.error, data, status);
  return parsed.data;
}

// ---- Retry (for reads; writes are retried by their job, which knows what was already sent). ----

/** What `onRetry` is told before each wait. */
export interface RetryInfo {
  /** 1 for the first retry, 2 for the second, … */
  retry: number;
  /** How long the wrapper is about to wait. */
  delayMs: number;
  /** The failure being retried. */
  error: WandbError;
}

/** Settings for `withRetry`; every field is optional. */
export interface RetryOptions {
  /** Retries after the first attempt (default 5, so at most 6 attempts). */
  retries?: number;
  /** First backoff ceiling (default 250 ms), doubled per retry. */
  baseMs?: number;
  /** Largest backoff ceiling (default 8000 ms); a longer `Retry-After` is still honoured. */
  maxMs?: number;
  /** Aborting stops the waits and rejects with a `cancelled` WandbError. */
  signal?: AbortSignal;
  onRetry?: (info: RetryInfo) => void;
  /** Waits `ms`; rejects with a `cancelled` WandbError when `signal` aborts. Injectable for tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** A number in [0, 1) for jitter; injectable for tests. */
  random?: () => number;
}

const RETRYABLE_KINDS = new Set(['rate-limited', 'server', 'network', 'timeout']);

/** True for transient failures worth another try (rate-limited, server, network, timeout); false for everything else. */
export function isRetryable(error: unknown): error is WandbError {
  return error instanceof WandbError && RETRYABLE_KINDS.has(error.kind);
}

/**
 * The wait before retry number `retry` (1-based): "full jitter" exponential backoff, a random
 * time up to `min(maxMs, baseMs · 2^(retry-1))`, and never less than the server's `Retry-After`.
 */
export function retryDelayMs(
  error: WandbError,
  retry: number,
  settings: { baseMs: number; maxMs: number; random: () => number },
): number {
  const ceiling = Math.min(settings.maxMs, settings.baseMs * 2 ** (retry - 1));
  const jittered = Math.floor(settings.random() * ceiling);
  return Math.max(jittered, error.retryAfterMs ?? 0);
}

/** Waits `ms` with a timer; rejects with a `cancelled` WandbError as soon as `signal` aborts. */
export function sleepWithSignal(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(cancelledError());
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelledError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Runs `fn` (given the 0-based attempt number) until it resolves, retrying only transient
 * failures (`isRetryable`). Rejects with the last failure once `retries` are used up, at once
 * with any other failure, and with a `cancelled` WandbError when `signal` aborts.
 */
export async function withRetry<T>(
  fn: (attempt: number) => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const retries = options.retries ?? 5;
  const settings = {
    baseMs: options.baseMs ?? 250,
    maxMs: options.maxMs ?? 8000,
    random: options.random ?? Math.random,
  };
  const sleep = options.sleep ?? sleepWithSignal;
  const { signal } = options;

  for (let attempt = 0; ; attempt++) {
    if (signal?.aborted) throw cancelledError();
    try {
      return await fn(attempt);
    } catch (error) {
      if (!isRetryable(error) || attempt >= retries) throw error;
      if (signal?.aborted) throw cancelledError();
      const retry = attempt + 1;
      const delayMs = retryDelayMs(error, retry, settings);
      options.onRetry?.({ retry, delayMs, error });
      await sleep(delayMs, signal);
    }
  }
}
