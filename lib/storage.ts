/**
 * Every piece of extension storage in `storage.local`, declared once with a version (WXT storage
 * items). Nothing else in the code base calls `browser.storage` directly.
 *
 * Content scripts import this module, and a WXT item reads its value as soon as it is defined:
 * `session:` items (which content scripts may not touch) live in lib/background/session-storage.ts.
 */
import { storage } from 'wxt/utils/storage';
import type { InviteJob } from './invite/job';
import { addDeactivateStep } from './offboarding/model';

/** The last member export, kept only when the admin ticks "Keep a copy on this device". */
export interface KeptExport {
  org: string;
  /** The team, for an export made from a team's page; null for the whole organization. */
  team: string | null;
  fileName: string;
  exportedAt: string;
  columns: string[];
  /** One array of cells per row, in `columns` order (compact: the storage quota is 10 MB). */
  rows: string[][];
}

/** At most one kept export, on this device only (`storage.local`); "Forget" clears it. */
export const keptExportItem = storage.defineItem<KeptExport | null>('local:lastExport', {
  fallback: null,
  version: 1,
});

/** A bulk-invite job with where it runs and who started it (see lib/background/invite-jobs.ts). */
export interface StoredInviteJob {
  appOrigin: string;
  /** The W&B username of the admin who started it, for the audit log. */
  actor: string;
  job: InviteJob;
}

/**
 * Bulk-invite jobs, written before and after every send so a job survives the tab and the
 * service worker; kept (finished ones too, for their results) until the admin clears them.
 */
export const inviteJobsItem = storage.defineItem<Record<string, StoredInviteJob>>('local:inviteJobs', {
  fallback: {},
  version: 1,
});

/**
 * Offboarding cases (lib/offboarding/model.ts), keyed by case id; open and closed ones, kept until
 * the admin deletes them. Validated with `offboardingCaseSchema` whenever they are read.
 */
export const offboardingCasesItem = storage.defineItem<Record<string, unknown>>('local:offboardingCases', {
  fallback: {},
  version: 2,
  migrations: { 2: addDeactivateStep },
});
