/** SCIM's resources as the toolkit reads them (only the documented fields), and how a key is sent. */
import { z } from 'zod';

export const SCIM_PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const SCIM_USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const SCIM_TEAMS_EXTENSION = 'urn:ietf:params:scim:schemas:extension:teams:2.0:User';
export const SCIM_GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
/** "up to 9999 results per request" (API.md §3 Limits). */
export const SCIM_MAX_PAGE = 9999;

/**
 * Whose key it is decides the Basic username (API.md §3 Auth): an org admin's own key goes with
 * their username, an org service account's key with an empty username. Bearer (same key string)
 * is documented only in newer doc versions, so it is not the default.
 */
export type ScimCredentials =
  | { scheme: 'basic'; kind: 'user'; username: string; key: string }
  | { scheme: 'basic'; kind: 'service'; key: string }
  | { scheme: 'bearer'; key: string };

/** The `Authorization` header value for `credentials`. */
export function scimAuthorization(credentials: ScimCredentials): string {
  if (credentials.scheme === 'bearer') return `Bearer ${credentials.key}`;
  const user = credentials.kind === 'user' ? credentials.username : '';
  return `Basic ${base64Utf8(`${user}:${credentials.key}`)}`;
}

function base64Utf8(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

// ---- Resources (only the documented fields; unknown ones are ignored) ----------------------

const metaSchema = z
  .object({
    created: z.string().optional(),
    lastModified: z.string().optional(),
    version: z.string().optional(),
  })
  .partial();

/** A SCIM User as W&B documents it (API.md §3 Users); `organizationRole`/`teamRoles` come with the teams extension. */
export const scimUserSchema = z.object({
  id: z.string(),
  userName: z.string(),
  displayName: z.string().nullish(),
  emails: z.array(z.object({ value: z.string(), primary: z.boolean().optional() })).default([]),
  active: z.boolean().optional(),
  organizationRole: z.string().nullish(),
  teamRoles: z.array(z.object({ teamName: z.string(), roleName: z.string() })).nullish(),
  meta: metaSchema.optional(),
});
export type ScimUser = z.infer<typeof scimUserSchema>;

/** A SCIM Group (= a W&B team); members carry no roles (API.md §3 Groups). */
export const scimGroupSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  members: z
    .array(
      z.object({
        value: z.string().optional(),
        Value: z.string().optional(),
        display: z.string().optional(),
        Display: z.string().optional(),
      }),
    )
    .default([]),
  meta: metaSchema.optional(),
});
export type ScimGroup = z.infer<typeof scimGroupSchema>;

/** A SCIM Role (= a custom role; API.md §3 Roles). */
export const scimRoleSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullish(),
  inheritedFrom: z.string().nullish(),
  permissions: z.array(z.object({ name: z.string(), isInherited: z.boolean().optional() })).default([]),
  organizationID: z.string().nullish(),
  meta: metaSchema.optional(),
});
export type ScimRole = z.infer<typeof scimRoleSchema>;

/** One page of a SCIM list. */
export interface ScimPage<T> {
  totalResults: number;
  startIndex: number;
  items: T[];
}

/** A resource with the version W&B reported (its `ETag`, for `If-Match` on the next write); null when none came. */
export interface Versioned<T> {
  resource: T;
  etag: string | null;
}
