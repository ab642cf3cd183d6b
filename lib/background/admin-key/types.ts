/** The admin-key service's shapes: its context, results, inputs and dependencies. */

import type { AdminKeyInfo } from '@/lib/settings/admin-key';
import type { KeyTestOutcome, ScimUserSummary } from '@/lib/settings/messages';
import type { AuditWindow, AuditWindowRead } from '@/lib/wandb/audit-windows';
import type { Capabilities, KeyStatus } from '@/lib/wandb/capabilities';
import type { ScimCounts, ScimDirectoryRead } from '@/lib/wandb/directory/scim-fill';
import type { WandbErrorData } from '@/lib/wandb/errors';
import type { FetchLike, RetryOptions } from '@/lib/wandb/graphql';
import type { ScimRole } from '@/lib/wandb/scim';

export type { KeyTestOutcome, ScimUserSummary };

/** Which W&B deployment and organization an action is for. */
export interface AdminOrgContext {
  /** The W&B app origin, e.g. `https://wandb.ai` or `https://acme.wandb.io`. */
  appOrigin: string;
  /** The organization name, for the audit log. */
  org: string;
  /**
   * `caller` when the caller writes the audit entry for this write itself (an offboarding step,
   * whose entry names the case and the transport): one write, one entry.
   */
  auditedBy?: 'caller';
}

/** A person bulk invite creates through SCIM (./create-member.ts). */
export interface ScimMemberInput {
  email: string;
  teams: string[];
  /** Admin of every team in `teams` (the row's team role). */
  teamAdmin: boolean;
  orgRole: string;
}

/** What W&B shows for the person once created: their SCIM id, and what was left undone. */
export interface ScimMemberResult {
  id: string;
  note: string;
}

/** Every admin-key operation answers with a value: the data, or a typed error whose message an admin can act on. */
export type AdminKeyResult<T> = { ok: true; data: T } | { ok: false; error: WandbErrorData };

export interface KeyTestInput {
  appOrigin: string;
  key: string;
  kind: 'user' | 'service';
  remember: boolean;
}

export interface AdminKeyDeps {
  fetch: FetchLike;
  /** False when `appOrigin` is no longer served or permitted: the key is then not sent there. Default: always true. */
  hostAllowed?: (appOrigin: string) => Promise<boolean>;
  now?: () => Date;
  retry?: Omit<RetryOptions, 'signal'>;
  timeoutMs?: number;
}

/** The admin key's part: GET only, on the host's SCIM and audit-log paths; the key stays inside. */
export interface KeyProbe {
  last4: string;
  kind: 'user' | 'service';
  /** The key owner's org role as SCIM showed it when the key was tested; null when not known. */
  ownerRole: string | null;
  get(path: string): Promise<{ status: number; text: string }>;
}

export interface AdminKeyService {
  testKey(input: KeyTestInput): Promise<AdminKeyResult<KeyTestOutcome>>;
  keyInfo(): Promise<AdminKeyInfo | null>;
  forgetKey(): Promise<void>;
  /** Forgets the key if it was entered for `appOrigin` (its host was removed); otherwise keeps it. */
  forgetKeyFor(appOrigin: string): Promise<void>;
  keyStatusFor(appOrigin: string): Promise<KeyStatus>;
  capabilitiesFor(appOrigin: string): Promise<Capabilities>;
  setOrgRole(
    ctx: AdminOrgContext,
    input: { user: string; role: string },
  ): Promise<AdminKeyResult<ScimUserSummary>>;
  setTeamRole(
    ctx: AdminOrgContext,
    input: { user: string; team: string; role: string },
  ): Promise<AdminKeyResult<ScimUserSummary>>;
  removeFromOrg(
    ctx: AdminOrgContext,
    input: { userId: string } | { user: string },
  ): Promise<AdminKeyResult<{ id: string; username: string }>>;
  listCustomRoles(ctx: AdminOrgContext): Promise<AdminKeyResult<ScimRole[]>>;
  /** Every SCIM user and group of the key's organization on `appOrigin` (a read). */
  readDirectory(ctx: Pick<AdminOrgContext, 'appOrigin'>): Promise<AdminKeyResult<ScimDirectoryRead>>;
  /** The key's read-only probe for the diagnostics report; null when no key is there for `appOrigin`. */
  keyProbe(appOrigin: string): Promise<KeyProbe | null>;
  /** SCIM's user and group totals and `viewer`'s org role, for the bar (a read). */
  readCounts(ctx: Pick<AdminOrgContext, 'appOrigin'>, viewer: string): Promise<AdminKeyResult<ScimCounts>>;
  /** SCIM PATCH `active: false` (dedicated and self-managed hosts; see lib/offboarding/model.ts). */
  deactivate(
    ctx: AdminOrgContext,
    input: { user: string },
  ): Promise<AdminKeyResult<{ username: string; active: boolean | null }>>;
  /** Bulk invite's SCIM transport: creates a person with their teams and org role (./create-member.ts). */
  createMember(ctx: AdminOrgContext, input: ScimMemberInput): Promise<AdminKeyResult<ScimMemberResult>>;
  /** The person's SCIM user by email, completed like `createMember` would; null when none (never creates). */
  findMember(ctx: AdminOrgContext, input: ScimMemberInput): Promise<AdminKeyResult<ScimMemberResult | null>>;
  /** One window (up to 7 days) of W&B's audit logs of `ctx.org` (API.md §4), read with the key; never audited. */
  readAuditWindow(
    ctx: Pick<AdminOrgContext, 'appOrigin' | 'org'>,
    window: AuditWindow,
    options?: { signal?: AbortSignal },
  ): Promise<AdminKeyResult<AuditWindowRead>>;
  /** Whether SCIM shows the user active; `null` when the resource does not say. */
  userActive(
    ctx: AdminOrgContext,
    input: { user: string },
  ): Promise<AdminKeyResult<{ active: boolean | null }>>;
}
