/** Parsing of the Authorization header forms W&B documents for API keys (API.md §1 and §3). */
import type { ApiKeyRec, MemberRec, OrgState } from './state';

export type ParsedAuthorization =
  | { scheme: 'basic'; username: string; key: string }
  | { scheme: 'bearer'; key: string };

/** `Basic base64(user:key)` or `Bearer key`; null when absent, 'malformed' when unreadable. */
export function parseAuthorization(header: string | undefined): ParsedAuthorization | null | 'malformed' {
  if (!header) return null;
  const [scheme, ...rest] = header.trim().split(/\s+/);
  const value = rest.join(' ');
  if (!scheme || !value) return 'malformed';
  if (scheme.toLowerCase() === 'bearer') return { scheme: 'bearer', key: value };
  if (scheme.toLowerCase() !== 'basic') return 'malformed';
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return 'malformed';
  return { scheme: 'basic', username: decoded.slice(0, colon), key: decoded.slice(colon + 1) };
}

export interface KeyAuth {
  parsed: ParsedAuthorization;
  key: ApiKeyRec | undefined;
  /** The key's owner when the key is known and the owner is an active org member. */
  owner: MemberRec | undefined;
}

export function resolveKey(state: OrgState, parsed: ParsedAuthorization): KeyAuth {
  const key = state.apiKeyBySecret(parsed.key);
  const owner = key ? state.member(key.owner) : undefined;
  return { parsed, key, owner: owner?.status === 'active' ? owner : undefined };
}

/** What the request log keeps about credentials: never the secret. */
export function describeAuth(
  auth: KeyAuth | null,
): { scheme: 'basic' | 'bearer'; keyName: string | null; owner: string | null } | null {
  if (!auth) return null;
  return { scheme: auth.parsed.scheme, keyName: auth.key?.name ?? null, owner: auth.key?.owner ?? null };
}
