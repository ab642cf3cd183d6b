/**
 * The zod schemas of the `storage.local` items, and typed reads that go through `parseStored`
 * (lib/corrupt-storage.ts): a corrupt value is reported once, set aside, and never reaches a tool.
 */
import { z } from 'zod';
import { parseStored, parseStoredRecord } from './corrupt-storage';
import type { InviteJob } from './invite/job';
import { inviteJobsItem, type KeptExport, keptExportItem, type StoredInviteJob } from './storage';

const inviteUnitSchema = z.object({
  key: z.string(),
  row: z.number(),
  email: z.string(),
  team: z.string(),
  admin: z.boolean(),
  state: z.enum(['queued', 'sending', 'invited', 'skipped', 'failed']),
  reason: z.string().optional(),
  inviteId: z.string().optional(),
  attempts: z.number().int().nonnegative(),
  nextAttemptAt: z.number().optional(),
  at: z.string().optional(),
  uncertain: z.boolean().optional(),
  // Kept on read: without them a SCIM unit would come back as a team invite to "a; b".
  via: z.literal('scim').optional(),
  teams: z.array(z.string()).optional(),
  orgRole: z.string().optional(),
});

export const inviteJobSchema = z.object({
  id: z.string(),
  kind: z.literal('cancel-invites').optional(),
  createdAt: z.string(),
  org: z.string(),
  scope: z.string(),
  concurrency: z.number().int().positive(),
  maxAttempts: z.number().int().positive(),
  status: z.enum(['running', 'paused', 'paused-signed-out', 'cancelled', 'done']),
  message: z.string().optional(),
  units: z.array(inviteUnitSchema),
  planned: z.number().int().nonnegative().optional(),
  run: z.object({ startedAt: z.number(), finishedAtStart: z.number() }).optional(),
}) satisfies z.ZodType<InviteJob>;

export const storedInviteJobSchema = z.object({
  appOrigin: z.string(),
  actor: z.string(),
  job: inviteJobSchema,
}) satisfies z.ZodType<StoredInviteJob>;

export const keptExportSchema = z.object({
  org: z.string(),
  team: z.string().nullable(),
  fileName: z.string(),
  exportedAt: z.string(),
  columns: z.array(z.string()),
  rows: z.array(z.array(z.string())),
}) satisfies z.ZodType<KeptExport>;

/** Every valid bulk-invite job; a corrupt one is set aside and left out, the others are kept. */
export async function readInviteJobs(): Promise<Record<string, StoredInviteJob>> {
  return (await parseStoredRecord('local:inviteJobs', await inviteJobsItem.getValue(), storedInviteJobSchema))
    .entries;
}

/** The kept export, or null (none, or corrupt: then set aside). */
export async function readKeptExport(): Promise<KeptExport | null> {
  return parseStored('local:lastExport', await keptExportItem.getValue(), keptExportSchema, null);
}
