/** A failed SCIM answer as a typed error whose message an admin can act on. */
import { notFoundError, parseRetryAfter, rateLimitedError, serverError, WandbError } from '../errors';

/** The `detail` of a SCIM error body, cut short; never contains request headers. */
function scimDetail(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const detail = (body as { detail?: unknown }).detail;
  return typeof detail === 'string' && detail.trim() !== '' ? detail.trim().slice(0, 300) : null;
}

/**
 * The WandbError for a non-2xx SCIM answer, with a message an admin can act on. `what` names the
 * request in words ("change alice's org role").
 */
export function classifyScimFailure(
  status: number,
  headers: Headers,
  body: unknown,
  what: string,
  now: number = Date.now(),
): WandbError {
  const said = scimDetail(body);
  const quote = said ? ` W&B said: "${said}".` : '';
  if (status === 401) {
    return new WandbError({
      kind: 'key-rejected',
      status,
      message: `W&B did not accept the admin API key (HTTP 401) to ${what}: it is wrong, expired or revoked, or it was entered with the wrong account type.${quote} Test or replace the key in the toolkit options. Your browser session still works for everything else.`,
    });
  }
  if (status === 403) {
    return new WandbError({
      kind: 'not-admin',
      status,
      message: `The admin API key belongs to someone who is not an admin of this organization, so W&B refused to ${what} (HTTP 403).${quote} Use an org admin's key or an org service account with the admin role.`,
    });
  }
  if (status === 404) return notFoundError(`W&B found nothing to ${what} (HTTP 404).${quote}`);
  if (status === 409) {
    return new WandbError({
      kind: 'conflict',
      status,
      message: `W&B refused to ${what} because it conflicts with what is already there (HTTP 409).${quote}`,
    });
  }
  if (status === 412) {
    return new WandbError({
      kind: 'stale',
      status,
      message: `Someone changed this in W&B since the toolkit read it, so W&B refused to ${what} (HTTP 412). Reload and check before trying again.`,
    });
  }
  if (status === 429) return rateLimitedError(parseRetryAfter(headers.get('Retry-After'), now), status);
  if (status >= 500) return serverError(status);
  return new WandbError({
    kind: 'invalid-request',
    status,
    message: `W&B refused to ${what} (HTTP ${status}).${quote || ' It gave no reason.'}`,
  });
}

// ---- Client ---------------------------------------------------------------------------------
