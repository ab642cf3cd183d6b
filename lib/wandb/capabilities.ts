/**
 * The one place that decides which transport each admin action uses (product.md, capability
 * table). Components and background features ask `resolveCapabilities`; they never pick a
 * transport themselves.
 *
 * | action               | session GraphQL                       | admin key (SCIM)                  |
 * |----------------------|---------------------------------------|-----------------------------------|
 * | read-directory       | org query, fallback per-team          | GET /scim/Users, /scim/Groups     |
 * | invite-to-team       | createInvite                          | POST /scim/Users, PATCH /Groups   |
 * | remove-from-team     | deleteInvite                          | PATCH /scim/Groups remove         |
 * | set-org-role         | — (guided manual step)                | PATCH /scim/Users organizationRole|
 * | set-team-role        | createInvite admin flag only          | PATCH /scim/Users teamRoles       |
 * | remove-from-org      | — (guided manual step, verified)      | DELETE /scim/Users/{id}           |
 * | list-custom-roles    | —                                     | GET /scim/Roles                   |
 * | last-activity        | loggedInAt [3P], run heartbeatAt      | GET /audit_logs (API.md §4)       |
 * | api-keys-of-user     | users(query){apiKeys} (instance admin)| —                                 |
 */

export const ADMIN_ACTIONS = [
  'read-directory',
  'invite-to-team',
  'remove-from-team',
  'set-org-role',
  'set-team-role',
  'remove-from-org',
  'list-custom-roles',
  'last-activity',
  'api-keys-of-user',
] as const;
export type AdminAction = (typeof ADMIN_ACTIONS)[number];

/** How an action is carried out now: the browser session, the admin key (SCIM), or a guided manual step. */
export type Transport = 'session' | 'key' | 'manual';

/**
 * The admin key as it stands for the W&B host in question:
 * - `none`: no key stored for this host;
 * - `admin`: tested, SCIM accepted it (the owner is an org admin);
 * - `not-admin`: tested, SCIM answered 403;
 * - `rejected`: W&B refused the key (wrong, expired or revoked) when last used.
 */
export type KeyStatus = 'none' | 'admin' | 'not-admin' | 'rejected';

export interface CapabilityInput {
  keyStatus: KeyStatus;
  /** Whether the session user is a W&B instance admin (only they can list a user's API keys); `unknown` when not checked. */
  sessionInstanceAdmin?: boolean | 'unknown';
}

export interface Capability {
  action: AdminAction;
  transport: Transport;
  /** One sentence for the admin: what this transport does, or what to do by hand. */
  detail: string;
}

export type Capabilities = Record<AdminAction, Capability>;

/** Human names for the actions, as the UI lists them. */
export const ACTION_LABELS: Record<AdminAction, string> = {
  'read-directory': 'Read members, teams and invites',
  'invite-to-team': 'Invite to a team',
  'remove-from-team': 'Cancel invite / remove from a team',
  'set-org-role': 'Change org role',
  'set-team-role': 'Change team role',
  'remove-from-org': 'Remove from the organization',
  'list-custom-roles': 'List custom roles',
  'last-activity': 'Last activity',
  'api-keys-of-user': "A user's API keys (names only)",
};

/** Which transport each action uses for `input`. Pure; see the table above. */
export function resolveCapabilities(input: CapabilityInput): Capabilities {
  const key = input.keyStatus === 'admin';
  const instanceAdmin = input.sessionInstanceAdmin === true;
  const entries: Capability[] = [
    {
      action: 'read-directory',
      transport: 'session',
      detail: key
        ? 'Read with your browser session; the admin key can also list every user and team through SCIM.'
        : 'Read with your browser session; without the org query only teams visible to you are listed.',
    },
    {
      action: 'invite-to-team',
      transport: 'session',
      detail: key
        ? 'Sent with your browser session (createInvite); a new person given the org role admin is created through SCIM with the admin key instead.'
        : 'Sent with your browser session (createInvite).',
    },
    {
      action: 'remove-from-team',
      transport: 'session',
      detail: 'Sent with your browser session (deleteInvite).',
    },
    key
      ? { action: 'set-org-role', transport: 'key', detail: 'Changed through SCIM with the admin key.' }
      : {
          action: 'set-org-role',
          transport: 'manual',
          detail:
            "Change it on W&B's Members page (role dropdown); add an admin key to do it from the toolkit.",
        },
    key
      ? {
          action: 'set-team-role',
          transport: 'key',
          detail: 'Changed through SCIM with the admin key (custom roles too).',
        }
      : {
          action: 'set-team-role',
          transport: 'manual',
          detail:
            "Change it in the team's settings on W&B; with the session the toolkit can only choose admin or member when inviting.",
        },
    key
      ? { action: 'remove-from-org', transport: 'key', detail: 'Removed through SCIM with the admin key.' }
      : {
          action: 'remove-from-org',
          transport: 'manual',
          detail: "Remove them on W&B's Members page; the toolkit then checks the directory to confirm.",
        },
    key
      ? { action: 'list-custom-roles', transport: 'key', detail: 'Listed through SCIM with the admin key.' }
      : {
          action: 'list-custom-roles',
          transport: 'manual',
          detail: 'See Settings → Roles on W&B; add an admin key to list them in the toolkit.',
        },
    key
      ? {
          action: 'last-activity',
          transport: 'key',
          detail:
            "From W&B's audit logs with the admin key (each member's latest auditable action; Enterprise); where W&B refuses them, from your browser session.",
        }
      : {
          action: 'last-activity',
          transport: 'session',
          detail:
            "From your browser session (last login where offered, latest run heartbeat); an admin key adds W&B's audit logs (Enterprise).",
        },
    instanceAdmin
      ? {
          action: 'api-keys-of-user',
          transport: 'session',
          detail: 'Key names and last use from your session (instance admins only).',
        }
      : {
          action: 'api-keys-of-user',
          transport: 'manual',
          detail:
            "See the API Keys tab of W&B's organization settings; only instance admins can read them through the API.",
        },
  ];
  return Object.fromEntries(entries.map((entry) => [entry.action, entry])) as Capabilities;
}

/** The actions the admin key adds over the session alone, for the toolkit bar's summary. */
export function actionsEnabledByKey(capabilities: Capabilities): AdminAction[] {
  return ADMIN_ACTIONS.filter((action) => capabilities[action].transport === 'key');
}
