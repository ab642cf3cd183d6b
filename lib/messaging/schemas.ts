/**
 * Payload schemas of the messaging protocol (lib/messaging/protocol.ts), keyed by message type.
 * Kept apart from the protocol so the route watcher, which sends messages but never parses them,
 * does not carry zod onto every W&B page.
 */
import { z } from 'zod';
import { STEP_IDS } from '../offboarding/model';

/** A W&B page URL as a content script reports it (the background also checks it against the sender). */
const pageUrl = z.url({ protocol: /^https$/ });
const jobId = z.string().regex(/^job-[a-z0-9]+-\d+$/);
const inviteJobId = z.string().regex(/^invite-[a-z0-9]+-[a-z0-9]+$/);
const text = (max: number) => z.string().max(max);
const teamName = text(128);
const caseId = z.string().regex(/^case-[a-z0-9]+-[a-z0-9]+$/);
/** A dry-run row as lib/invite/classify.ts makes it: what a job is created from. */
const classifiedRow = z
  .object({
    row: z.int().min(1),
    index: z.int().min(0),
    email: text(320),
    name: text(500),
    teams: z.array(teamName).max(50),
    teamRole: z.enum(['member', 'admin']),
    orgRole: text(128),
    status: z.enum(['new', 'member', 'invited', 'duplicate', 'invalid', 'outside-domain']),
    reason: text(2000),
    suggestion: text(128).optional(),
    sends: z.array(z.object({ team: teamName, admin: z.boolean() }).strict()).max(50),
    skippedTeams: z.array(z.object({ team: teamName, reason: text(2000) }).strict()).max(50),
  })
  .strict();

/** An HTTPS origin with no path, e.g. `https://wandb.ai` or `https://acme.wandb.io`. */
const appOrigin = z
  .url({ protocol: /^https$/ })
  .max(300)
  .refine((value) => new URL(value).origin === value.replace(/\/$/, ''), 'an origin without a path')
  .transform((value) => new URL(value).origin);
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

export const payloadSchemas = {
  /** A route watcher on a W&B page asks for the toolkit UI in its frame. */
  injectToolkit: z.object({ pageUrl }).strict(),
  /** The toolkit's content script on an admin page asks for a one-time token for the UI frame it adds. */
  toolkitFrameToken: z.object({ pageUrl }).strict(),
  /** The toolkit UI frame presents the token its content script handed it, to learn its page. */
  toolkitFrameHello: z.object({ token: z.string().regex(/^[0-9a-f-]{36}$/) }).strict(),
  /** The toolkit bar asks for its figures for the admin page it sits on. */
  getSummary: z.object({ pageUrl, refresh: z.boolean().default(false) }).strict(),
  /** The export dialog starts loading the full member directory of its page's scope. */
  directoryLoad: z.object({ pageUrl, withActivity: z.boolean().default(false) }).strict(),
  /** …polls that load's progress… */
  directoryStatus: z.object({ jobId }).strict(),
  /** …fetches the loaded lists page by page… */
  directoryPage: z
    .object({
      jobId,
      list: z.enum(['members', 'invites']),
      offset: z.int().min(0),
      limit: z.int().min(1).max(2000),
    })
    .strict(),
  /** …and cancels it (or lets it go when the dialog closes). */
  directoryCancel: z.object({ jobId }).strict(),
  /** The bulk-invite dialog starts a job for its confirmed dry run. */
  inviteStart: z
    .object({
      pageUrl,
      rows: z.array(classifiedRow).min(1).max(10_000),
      /** Invites in flight at once (default 4). */
      concurrency: z.int().min(1).max(16).optional(),
    })
    .strict(),
  /** …polls the job… */
  inviteStatus: z.object({ pageUrl, inviteJobId }).strict(),
  /** …finds the org's latest job (to reopen one after the tab was closed)… */
  inviteLatest: z.object({ pageUrl }).strict(),
  /** …the newest job of the page's org while it is not finished, as counts only (for the bar). */
  inviteActive: z.object({ pageUrl }).strict(),
  /** …and pauses, resumes, cancels it, or retries its failed rows. */
  inviteControl: z
    .object({ pageUrl, inviteJobId, action: z.enum(['pause', 'resume', 'cancel', 'retry-failed']) })
    .strict(),
  /** The options page tests an admin API key for a host and, when SCIM accepts it, keeps it. */
  keyTest: z
    .object({
      appOrigin,
      // Never echoed back; the message for a malformed key does not include it.
      key: z.string().trim().min(1).max(256),
      kind: z.enum(['user', 'service']),
      remember: z.boolean(),
    })
    .strict(),
  /** The options page asks which key is kept (last 4 characters only). */
  keyInfo: z.object({}).strict(),
  /** The options page forgets the key. */
  keyForget: z.object({}).strict(),
  /** The toolkit bar or the options page asks what each action can use on a host, and the key's status there. */
  capabilities: z.object({ appOrigin }).strict(),
  /** The toolkit bar asks the background to open the options page (content scripts cannot). */
  openOptions: z.object({}).strict(),
  /** The options page changes one member's org role with the admin key (SCIM). */
  keySetOrgRole: z.object({ appOrigin, org: orgName, user: userRef, role: roleName }).strict(),
  /** The options page lists custom roles with the admin key (SCIM). */
  keyListRoles: z.object({ appOrigin, org: orgName }).strict(),
  /** The options page reports a host whose permission the admin just granted, to register the toolkit there. */
  hostAdded: z.object({ origin: appOrigin }).strict(),
  /** The options page removes an added host (permission revoked, toolkit unregistered). */
  hostRemove: z.object({ origin: appOrigin }).strict(),
  /** The offboarding dialog reads the impact of offboarding one member (nothing is changed)… */
  offboardImpact: z.object({ pageUrl, username: text(200).min(1) }).strict(),
  /** …opens a case for them (refused for the last org admin)… */
  offboardStart: z.object({ pageUrl, username: text(200).min(1) }).strict(),
  /** …lists this org's cases (open ones resume where the admin left off)… */
  offboardCases: z.object({ pageUrl }).strict(),
  /** …acts on one step: run, verify, skip (with a reason), confirm, choose a new team admin… */
  offboardAct: z
    .object({
      pageUrl,
      caseId,
      step: z.enum(STEP_IDS),
      action: z.enum(['run', 'verify', 'skip', 'confirm', 'choose', 'review', 'prepare', 'ack']),
      team: teamName.optional(),
      to: text(200).optional(),
      reviewed: z.array(text(600)).max(5000).optional(),
      reason: text(1000).min(1).optional(),
      confirm: text(200).optional(),
      days: z.int().min(1).max(365).optional(),
    })
    .strict(),
  /** …downloads the case's record… */
  offboardRecord: z.object({ pageUrl, caseId, format: z.enum(['json', 'md']) }).strict(),
  /** …re-invites the member with the snapshot's teams and roles (a bulk-invite job)… */
  offboardReinvite: z.object({ pageUrl, caseId }).strict(),
  /** …and closes a case. */
  offboardClose: z.object({ pageUrl, caseId }).strict(),
} as const;

export type MessageType = keyof typeof payloadSchemas;

/** True for the message types this protocol defines. */
export function isKnownMessageType(type: unknown): type is MessageType {
  return typeof type === 'string' && Object.hasOwn(payloadSchemas, type);
}
