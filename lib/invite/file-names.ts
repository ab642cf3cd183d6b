/** The names of the files bulk invite writes: org and the admin's local date, like the export's. */
import { fileNamePart, localDateStamp } from '../csv/file-name';

/** `wandb-<org>-invite-dry-run-<YYYY-MM-DD>.csv` or `wandb-<org>-invite-results-<YYYY-MM-DD>.csv`. */
export function inviteFileName(org: string, kind: 'dry-run' | 'results', date: Date): string {
  return `wandb-${fileNamePart(org)}-invite-${kind}-${localDateStamp(date)}.csv`;
}
