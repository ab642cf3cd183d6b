/**
 * The options page's messages about the admin key and the added hosts. Handlers:
 * lib/background/key-handlers.ts. Key handling is for the options page only (a W&B page never sees
 * or sends the key).
 */
import { z } from 'zod';
import { message } from '../messaging/define';
import { appOrigin, empty } from '../messaging/fields';
import type { ScimRole } from '../wandb/scim';
import type { AdminKeyInfo, KeyOwner } from './admin-key';

/** A SCIM user as the toolkit reports it after a change. */
export interface ScimUserSummary {
  id: string;
  username: string;
  email: string | null;
  organizationRole: string | null;
  teamRoles: { teamName: string; roleName: string }[];
}

/** What "Test" found out about a key. `saved` is the stored key's info, or null when it was not kept (not an admin). */
export interface KeyTestOutcome {
  owner: KeyOwner;
  /** True when SCIM accepted the key: its owner is an org admin (or an admin service account). */
  admin: boolean;
  saved: AdminKeyInfo | null;
}

const orgName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/);
/** A W&B username or an email address, as an admin types it. */
const userRef = z
  .string()
  .trim()
  .min(1)
  .max(320)
  .regex(/^[^\s"\\]+$/, 'a username or an email address');
/** An org or team role name: admin, member, viewer or a custom role's name. */
const roleName = z
  .string()
  .trim()
  .min(1)
  .max(128)
  .regex(/^[^"\\]+$/, 'a role name');

const optionsPage = ['extension-page'] as const;

export const settingsMessages = {
  keyTest: message<KeyTestOutcome>()({
    doc: 'The options page tests an admin API key for a host and, when SCIM accepts it, keeps it.',
    schema: z
      .object({
        appOrigin,
        // Never echoed back; the message for a malformed key does not include it.
        key: z.string().trim().min(1).max(256),
        kind: z.enum(['user', 'service']),
        remember: z.boolean(),
      })
      .strict(),
    senders: optionsPage,
  }),
  keyInfo: message<AdminKeyInfo | null>()({
    doc: 'The options page asks which key is kept (last 4 characters only).',
    schema: empty,
    senders: optionsPage,
  }),
  keyForget: message<{ forgotten: true }>()({
    doc: 'The options page forgets the key.',
    schema: empty,
    senders: optionsPage,
  }),
  keySetOrgRole: message<ScimUserSummary>()({
    doc: "The options page changes one member's org role with the admin key (SCIM).",
    schema: z.object({ appOrigin, org: orgName, user: userRef, role: roleName }).strict(),
    senders: optionsPage,
  }),
  keyListRoles: message<ScimRole[]>()({
    doc: 'The options page lists custom roles with the admin key (SCIM).',
    schema: z.object({ appOrigin, org: orgName }).strict(),
    senders: optionsPage,
  }),
  hostAdded: message<{ hosts: string[] }>()({
    doc: 'The options page reports a host whose permission the admin just granted, to register the toolkit there.',
    schema: z.object({ origin: appOrigin }).strict(),
    senders: optionsPage,
  }),
  hostRemove: message<{ hosts: string[] }>()({
    doc: 'The options page removes an added host (permission revoked, toolkit unregistered, its key forgotten).',
    schema: z.object({ origin: appOrigin }).strict(),
    senders: optionsPage,
  }),
};
