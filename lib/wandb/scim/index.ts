/**
 * The SCIM client (API.md §3, [DOC]): org-level reads and writes with an org admin's API key.
 * Runs only in the background worker. The key goes in the `Authorization` header of requests to
 * `<api origin>/scim/…` and nowhere else: never into a URL, an error message or a log line.
 *
 * Reads are retried on transient failures with the GraphQL transport's `withRetry`; writes are
 * sent once (a retried PATCH or DELETE after a lost answer could act twice, or report a 404 for
 * its own success), so the caller decides.
 *
 * Resources and credentials are in `resources.ts`, the requests in `http.ts`, the typed methods in
 * `client.ts`, failures in `failures.ts` and exact user matching in `users.ts`.
 */
export { createScimClient } from './client';
export { classifyScimFailure } from './failures';
export * from './resources';
export * from './types';
export * from './users';
