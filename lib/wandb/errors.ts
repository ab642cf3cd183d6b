/**
 * Typed failures of the W&B client. Every failure the background can meet while talking to W&B
 * becomes a `WandbError` whose `message` tells an admin what happened and what to do next; its
 * plain-data form (`WandbErrorData`) crosses extension messaging unchanged.
 */
import { z } from 'zod';

/** Every kind of failure the client distinguishes; never empty. */
export const wandbErrorKinds = [
  'not-signed-in',
  'not-admin',
  'not-found',
  'rate-limited',
  'server',
  'network',
  'timeout',
  'schema-mismatch',
  'graphql',
  'bad-response',
  'cancelled',
  // SCIM (admin API key) answers; see lib/wandb/scim/failures.ts
  'no-key',
  'key-rejected',
  'invalid-request',
  'conflict',
  'stale',
  // A lookup for a write found two users, or one that is not exactly the one asked for.
  'ambiguous',
  // A hostile or broken server: an answer or a paged list beyond the toolkit's bounds (./limits.ts).
  'too-large',
  'too-many-pages',
] as const;

/** One kind of failure; there is no "unknown" kind (unexpected throws become `bad-response`). */
export type WandbErrorKind = (typeof wandbErrorKinds)[number];

/** A `WandbError` as plain data, safe to send through extension messaging; optional keys are absent when unknown. */
export const wandbErrorDataSchema = z.object({
  kind: z.enum(wandbErrorKinds),
  message: z.string(),
  field: z.string().optional(),
  retryAfterMs: z.number().nonnegative().optional(),
  status: z.number().int().optional(),
});

/** Plain-data form of a `WandbError`; `field`, `retryAfterMs` and `status` are absent when they do not apply. */
export type WandbErrorData = z.infer<typeof wandbErrorDataSchema>;

/** A classified failure; `field`, `retryAfterMs` and `status` are undefined when they do not apply. */
export class WandbError extends Error {
  override readonly name = 'WandbError';
  readonly kind: WandbErrorKind;
  /** The schema coordinate the server rejected (`Organization.usedSeats`); undefined for other kinds. */
  readonly field: string | undefined;
  /** How long the server asked us to wait (from `Retry-After`); undefined when it did not say. */
  readonly retryAfterMs: number | undefined;
  /** The HTTP status, when the failure came with one; undefined for network failures and timeouts. */
  readonly status: number | undefined;

  /** An error carrying `data`; `cause` keeps the underlying failure for debugging (absent when there is none). */
  constructor(data: WandbErrorData, options?: { cause?: unknown }) {
    super(data.message, options);
    this.kind = data.kind;
    this.field = data.field;
    this.retryAfterMs = data.retryAfterMs;
    this.status = data.status;
  }

  /** This error as plain data; keys that do not apply are left out rather than set to undefined. */
  toData(): WandbErrorData {
    return {
      kind: this.kind,
      message: this.message,
      ...(this.field === undefined ? {} : { field: this.field }),
      ...(this.retryAfterMs === undefined ? {} : { retryAfterMs: this.retryAfterMs }),
      ...(this.status === undefined ? {} : { status: this.status }),
    };
  }
}

/** True for a `WandbError`, optionally of one of `kinds`; false for anything else. */
export function isWandbError(error: unknown, ...kinds: WandbErrorKind[]): error is WandbError {
  return error instanceof WandbError && (kinds.length === 0 || kinds.includes(error.kind));
}

/**
 * Any thrown value as `WandbErrorData`. A value that is not a `WandbError` is a bug or an
 * unexpected environment failure, so it is reported as `bad-response` with its own text rather
 * than dropped.
 */
export function toWandbErrorData(error: unknown): WandbErrorData {
  if (error instanceof WandbError) return error.toData();
  if (isAbortError(error)) return cancelledError().toData();
  const detail = error instanceof Error ? error.message : String(error);
  return {
    kind: 'bad-response',
    message: `Something unexpected went wrong while talking to W&B (${detail}). Retry; if it keeps happening, copy this message into a bug report.`,
  };
}

// ---- Constructors, one per kind, so every message is written once. ----

/** A not-signed-in error; `status` is left out when the signal was not an HTTP status. */
export function notSignedInError(status?: number): WandbError {
  return new WandbError({
    kind: 'not-signed-in',
    message: 'You are not signed in to W&B (or the session expired). Sign in to W&B again, then retry.',
    ...(status === undefined ? {} : { status }),
  });
}

/** A not-admin error; `status` is left out when W&B answered with HTTP 200 and a GraphQL error. */
export function notAdminError(status?: number): WandbError {
  return new WandbError({
    kind: 'not-admin',
    message:
      'You are signed in to W&B, but W&B says you are not an admin of this organization or team, so it refused. Ask an org admin to do this, or to make you an admin, then retry.',
    ...(status === undefined ? {} : { status }),
  });
}

/** A not-found error whose message is `whatIsMissing` followed by what to check. */
export function notFoundError(whatIsMissing: string): WandbError {
  return new WandbError({
    kind: 'not-found',
    message: `${whatIsMissing} Check the name in the page address, and that you are signed in to the right W&B account.`,
  });
}

/** A rate-limited error; without `retryAfterMs` the message does not promise a wait time. */
export function rateLimitedError(retryAfterMs: number | undefined, status = 429): WandbError {
  const wait =
    retryAfterMs === undefined
      ? 'Wait a little'
      : `Wait ${Math.max(1, Math.ceil(retryAfterMs / 1000))} seconds`;
  return new WandbError({
    kind: 'rate-limited',
    message: `W&B is limiting how fast requests can be sent (HTTP ${status}). ${wait} and retry; reads are retried automatically.`,
    status,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}

/** A server error for an HTTP 5xx answer. */
export function serverError(status: number): WandbError {
  return new WandbError({
    kind: 'server',
    message: `The W&B server had an error (HTTP ${status}). This is usually temporary: retry in a minute, and check W&B's status page if it persists.`,
    status,
  });
}

/** A network error for a request that never got an HTTP answer from `endpoint`. */
export function networkError(endpoint: string, cause?: unknown): WandbError {
  return new WandbError(
    {
      kind: 'network',
      message: `Could not reach W&B at ${endpoint}. Check your network connection (and any VPN or proxy), then retry.`,
    },
    { cause },
  );
}

/** A timeout error for a request that got no complete answer within `timeoutMs`. */
export function timeoutError(timeoutMs: number): WandbError {
  return new WandbError({
    kind: 'timeout',
    message: `W&B did not answer within ${Math.round(timeoutMs / 1000)} seconds. Retry; if it keeps happening, the W&B server may be overloaded.`,
  });
}

/** A schema-mismatch error naming the schema coordinate (`Type.field`) the server rejected. */
export function schemaMismatchError(field: string, status?: number): WandbError {
  return new WandbError({
    kind: 'schema-mismatch',
    message: `This W&B server does not offer the field ${field}, which the toolkit asked for. The toolkit works around this where it can; if this blocks you, run Diagnostics in the toolkit options and attach its report to a bug ticket.`,
    field,
    ...(status === undefined ? {} : { status }),
  });
}

/** A graphql error quoting what the server said (`serverText`). */
export function graphqlError(serverText: string, status?: number): WandbError {
  return new WandbError({
    kind: 'graphql',
    message: `W&B rejected the request: "${serverText}". Retry; if it keeps failing, copy this message into a bug report.`,
    ...(status === undefined ? {} : { status }),
  });
}

/** A bad-response error; `problem` names where the answer went wrong (a JSON path and what was expected). */
export function badResponseError(problem: string, status?: number): WandbError {
  return new WandbError({
    kind: 'bad-response',
    message: `W&B sent an answer the toolkit does not understand (${problem}). The W&B server may have changed; copy this message into a bug report.`,
    ...(status === undefined ? {} : { status }),
  });
}

/** A cancelled error, for work stopped by its caller. */
export function cancelledError(): WandbError {
  return new WandbError({ kind: 'cancelled', message: 'The request was cancelled.' });
}

// ---- Classification. ----

/** One entry of a GraphQL response's `errors` array, as far as classification needs it. */
export interface GraphqlErrorEntry {
  message?: unknown;
}

const VALIDATION_PATTERNS: { pattern: RegExp; field: (match: RegExpExecArray) => string }[] = [
  // graphql-js: Cannot query field "usedSeats" on type "Organization". Did you mean …?
  { pattern: /Cannot query field "([^"]+)" on type "([^"]+)"/, field: (m) => `${m[2]}.${m[1]}` },
  // graphql-js: Unknown argument "name" on field "Query.organization".
  { pattern: /Unknown argument "([^"]+)" on field "([^"]+)"/, field: (m) => `${m[2]}(${m[1]})` },
  // graphql-js: Unknown type "OrganizationSeatAvailability".
  { pattern: /Unknown type "([^"]+)"/, field: (m) => m[1] ?? 'unknown type' },
];

/** The schema coordinate a validation message rejects (`Organization.usedSeats`); null when it is not a validation message. */
export function rejectedFieldOf(message: string): string | null {
  for (const { pattern, field } of VALIDATION_PATTERNS) {
    const match = pattern.exec(message);
    if (match) return field(match);
  }
  return null;
}

/**
 * The error a non-empty GraphQL `errors` array stands for. The most actionable reading wins:
 * a lost session beats a missing permission, which beats a rejected field, because the admin
 * must fix the first before the others mean anything. Returns a `graphql` error for anything
 * unrecognised (and for an empty array, which a well-formed server never sends).
 */
export function classifyGraphqlErrors(errors: readonly GraphqlErrorEntry[], status?: number): WandbError {
  const messages = errors.map((entry) => (typeof entry.message === 'string' ? entry.message : ''));
  if (messages.some((text) => /relogin required/i.test(text))) return notSignedInError(status);
  if (messages.some((text) => /permission denied/i.test(text))) return notAdminError(status);
  for (const text of messages) {
    const field = rejectedFieldOf(text);
    if (field !== null) return schemaMismatchError(field, status);
  }
  const serverText = messages.filter((text) => text !== '').join('; ') || 'no error message';
  return graphqlError(serverText, status);
}

/**
 * How long a `Retry-After` header asks us to wait, in milliseconds: delta-seconds or an HTTP
 * date (RFC 9110 §10.2.3). A date in the past means 0. Undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/**
 * The error an HTTP answer stands for, or null when it is a 2xx answer to be read as GraphQL.
 * GraphQL errors in the body are read first (except for 401 and 429, which are unambiguous)
 * because servers send validation and permission errors with 400, 403 or even 500.
 */
export function classifyHttpFailure(
  status: number,
  headers: Headers,
  body: unknown,
  now: number = Date.now(),
): WandbError | null {
  if (status === 401) return notSignedInError(status);
  if (status === 429) return rateLimitedError(parseRetryAfter(headers.get('Retry-After'), now), status);
  if (status >= 200 && status < 300) return null;
  const errors = graphqlErrorsOf(body);
  if (errors !== null) {
    const classified = classifyGraphqlErrors(errors, status);
    // A 5xx whose text we do not recognise is still a server fault and worth retrying.
    if (status >= 500 && classified.kind === 'graphql') return serverError(status);
    return classified;
  }
  if (status >= 500) return serverError(status);
  if (status === 403) return notAdminError(status);
  return badResponseError(`HTTP ${status} without a GraphQL answer`, status);
}

/** The `errors` array of a GraphQL answer; null when the body has none (or an empty one). */
export function graphqlErrorsOf(body: unknown): GraphqlErrorEntry[] | null {
  if (typeof body !== 'object' || body === null || !('errors' in body)) return null;
  const errors = (body as { errors: unknown }).errors;
  if (!Array.isArray(errors) || errors.length === 0) return null;
  return errors.map((entry) => (typeof entry === 'object' && entry !== null ? entry : { message: entry }));
}

/** The error a failed `fetch` stands for: cancelled if the caller aborted, timeout if our timer did, else network. */
export function classifyFetchFailure(
  error: unknown,
  context: { cancelled: boolean; timedOut: boolean; timeoutMs: number; endpoint: string },
): WandbError {
  if (error instanceof WandbError) return error;
  if (context.cancelled) return cancelledError();
  if (context.timedOut) return timeoutError(context.timeoutMs);
  return networkError(context.endpoint, error);
}

/** True for the DOMException (or look-alike) that `fetch` and `AbortSignal` throw on abort; false otherwise. */
export function isAbortError(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'name' in error &&
    ((error as { name: unknown }).name === 'AbortError' ||
      (error as { name: unknown }).name === 'TimeoutError')
  );
}

/** A JSON path like `organization.members[3].username`; `(root)` for the empty path. */
export function formatJsonPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text === '' ? '(root)' : text;
}

/** A value's JSON type for messages: `null`, `array`, `undefined` (missing), `string`, … */
function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** The value at `path` inside `root`; undefined when the path leads nowhere. */
function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/**
 * A bad-response error for the first problem zod found in `data`, named by its JSON path:
 * `organization.members[3].username: expected string, got null`.
 */
export function badResponseFromZod(error: z.ZodError, data: unknown, status?: number): WandbError {
  const issue = error.issues[0];
  if (issue === undefined) return badResponseError('the answer did not match what was expected', status);
  const where = formatJsonPath(issue.path);
  const problem =
    issue.code === 'invalid_type'
      ? `expected ${issue.expected}, got ${describeValue(valueAt(data, issue.path))}`
      : issue.message;
  return badResponseError(`${where}: ${problem}`, status);
}
