/**
 * The offboarding case as it is stored (`local:offboardingCases`): zod is the source of truth, so
 * a case read back from storage is validated before it is used. A case holds the member as W&B
 * showed them when it was opened (the re-invite snapshot), the impact found then, and one entry
 * per step with its state and history.
 */
import { z } from 'zod';

const text = (max: number) => z.string().max(max);
const iso = text(40);

/** The steps, in the order the checklist shows and runs them. */
export const STEP_IDS = [
  'snapshot',
  'reassign',
  'deactivate',
  'automation',
  'remove-teams',
  'remove-org',
  'revoke-keys',
  'reclaim-seat',
  'recheck',
] as const;
export type StepId = (typeof STEP_IDS)[number];

/**
 * `reviewed`: settled by the admin's own confirmation where W&B gives no way to check (automation
 * review, keys revoked on W&B's page) — not a W&B check, and not a skip.
 */
export const STEP_STATES = ['todo', 'done', 'reviewed', 'skipped', 'blocked'] as const;
export type StepState = (typeof STEP_STATES)[number];

/**
 * How a step is carried out: `automated` (the extension sends a verified write, then re-reads),
 * `guided` (the admin acts on W&B's own page, then the extension re-reads to verify), `local`
 * (extension-only: the snapshot, the re-check alarm).
 */
export const STEP_MODES = ['automated', 'guided', 'local'] as const;
export type StepMode = (typeof STEP_MODES)[number];

export const teamRoleSchema = z.object({ team: text(128), role: text(128) }).strict();

/** The member as W&B showed them; what a re-invite restores. */
export const memberSnapshotSchema = z
  .object({
    id: text(200).nullable(),
    username: text(200),
    name: text(500),
    email: text(320).nullable(),
    orgRole: text(128).nullable(),
    modelsSeat: text(64).nullable(),
    weaveAccess: text(64).nullable(),
    accountType: z.enum(['user', 'service']),
    teams: z.array(teamRoleSchema).max(1000),
    takenAt: iso,
  })
  .strict();
export type MemberSnapshot = z.infer<typeof memberSnapshotSchema>;

const personSchema = z.object({ username: text(200), name: text(500) }).strict();

/** A read that may not be possible with this transport: its items, or why it could not be read. */
const readable = <T extends z.ZodType>(item: T) =>
  z.discriminatedUnion('status', [
    z
      .object({ status: z.literal('read'), items: z.array(item).max(2000), note: text(2000).optional() })
      .strict(),
    z.object({ status: z.literal('unreadable'), reason: text(2000) }).strict(),
  ]);

export const apiKeyInfoSchema = z.object({ name: text(500), lastUsedAt: iso.nullable() }).strict();
export const runInfoSchema = z
  .object({
    team: text(128),
    project: text(256),
    name: text(256),
    createdAt: iso,
    heartbeatAt: iso.nullable(),
  })
  .strict();
export type RunInfo = z.infer<typeof runInfoSchema>;

/** What offboarding this member touches, read before any step. */
export const impactSchema = z
  .object({
    member: memberSnapshotSchema,
    /** Teams where the member is the only admin, each with the members who could take over. */
    soleAdminTeams: z
      .array(z.object({ team: text(128), candidates: z.array(personSchema).max(5000) }).strict())
      .max(1000),
    /** The member is the only (active, human) org admin: removal is refused outright. */
    lastOrgAdmin: z.boolean(),
    /** Other active human org admins; null when the directory does not show org roles. */
    otherOrgAdmins: z.int().min(0).nullable(),
    apiKeys: readable(apiKeyInfoSchema),
    serviceAccounts: z
      .array(z.object({ username: text(200), name: text(500), teams: z.array(text(128)).max(1000) }).strict())
      .max(1000),
    runs: readable(runInfoSchema),
    sentInvites: readable(z.object({ email: text(320), team: text(128).nullable() }).strict()),
    /** false when the directory could not see every team (per-team fallback). */
    complete: z.boolean(),
    readAt: iso,
  })
  .strict();
export type Impact = z.infer<typeof impactSchema>;

export const stepSchema = z
  .object({
    id: z.enum(STEP_IDS),
    mode: z.enum(STEP_MODES),
    state: z.enum(STEP_STATES),
    /** Why a step is skipped or blocked, or what its last attempt found. */
    note: text(4000).optional(),
    /** When it was settled (`done`, `reviewed` or `skipped`). */
    at: iso.optional(),
  })
  .strict();
export type Step = z.infer<typeof stepSchema>;

/** One line of a case's history: what happened, when, with what result. */
export const caseEventSchema = z
  .object({
    at: iso,
    step: z.enum(STEP_IDS).nullable(),
    result: z.enum(['ok', 'error', 'info']),
    detail: text(4000),
  })
  .strict();
export type CaseEvent = z.infer<typeof caseEventSchema>;

export const offboardingCaseSchema = z
  .object({
    id: z.string().regex(/^case-[a-z0-9]+-[a-z0-9]+$/),
    appOrigin: text(300),
    org: text(128),
    /** The admin (W&B username) whose session opened the case. */
    actor: text(200),
    createdAt: iso,
    updatedAt: iso,
    status: z.enum(['open', 'closed']),
    impact: impactSchema,
    steps: z.array(stepSchema).length(STEP_IDS.length),
    /** The chosen new admin per sole-admin team (null until picked). */
    reassign: z.array(z.object({ team: text(128), to: text(200).nullable() }).strict()).max(1000),
    /** The automation checklist: runs and service accounts the admin has reviewed, by key. */
    reviewed: z.array(text(600)).max(5000),
    /** The member as W&B shows them now; null while not re-read, `removed` once gone from the org. */
    after: z.union([memberSnapshotSchema, z.literal('removed')]).nullable(),
    recheck: z
      .object({
        dueAt: iso,
        firedAt: iso.optional(),
        result: z.enum(['clear', 'back']).optional(),
        seen: z.boolean(),
      })
      .strict()
      .nullable(),
    reinvite: z
      .object({ jobId: text(100), at: iso })
      .strict()
      .nullable(),
    events: z.array(caseEventSchema).max(2000),
  })
  .strict();
export type OffboardingCase = z.infer<typeof offboardingCaseSchema>;

/** Which transport can carry out each change (see ./actions.ts). */
export interface OffboardingCapabilities {
  /**
   * Deactivating the account (SCIM `PATCH {"active": false}`, API.md §3) cuts access while keeping
   * the member: `key` on a dedicated or self-managed host with a working admin key, `manual` there
   * without one (the organization dashboard), `unavailable` on wandb.ai, where the documented
   * effect of `active: false` is removal from the organization (API.md §3: the docs conflict).
   */
  deactivate: 'key' | 'manual' | 'unavailable';
  /** `session`: GraphQL `deleteInvite` [SDK]; `key`: SCIM; `manual`: guided. */
  removeFromTeam: 'session' | 'key' | 'manual';
  /** W&B's session GraphQL has no verified org removal (API.md §2.5): `manual` without the admin key. */
  removeFromOrg: 'key' | 'manual';
  /** Changing an existing member's team role has no verified session operation (API.md §2.5). */
  promoteTeamAdmin: 'key' | 'manual';
}

/** What the session alone can do (API.md §7): team removal is automated, the rest guided; deactivation is host-specific (see `deactivate`). */
export const SESSION_CAPABILITIES: OffboardingCapabilities = {
  deactivate: 'unavailable',
  removeFromTeam: 'session',
  removeFromOrg: 'manual',
  promoteTeamAdmin: 'manual',
};

/**
 * Storage version 2 of `local:offboardingCases`: the `deactivate` step was added after `reassign`.
 * A case stored before gets it as skipped (it was not offered then), so its record stays true and
 * it still validates; anything that is not a case with a step list is left for validation to report.
 */
export function addDeactivateStep(stored: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [id, value] of Object.entries(stored ?? {})) {
    const c = value as { steps?: unknown; createdAt?: unknown } | null;
    const steps = c && Array.isArray(c.steps) ? (c.steps as { id?: unknown }[]) : null;
    if (!steps || steps.some((step) => step?.id === 'deactivate')) {
      out[id] = value;
      continue;
    }
    const at = steps.findIndex((step) => step?.id === 'reassign');
    const added = {
      id: 'deactivate',
      mode: 'local',
      state: 'skipped',
      note: 'Not offered when this case was opened.',
      ...(typeof c?.createdAt === 'string' ? { at: c.createdAt } : {}),
    };
    out[id] = { ...c, steps: [...steps.slice(0, at + 1), added, ...steps.slice(at + 1)] };
  }
  return out;
}
