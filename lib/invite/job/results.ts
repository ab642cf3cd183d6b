/** The results file of a bulk-invite job: one line per unit, every row of the input accounted for. */
import { neutraliseFormula } from '@/lib/csv/neutralise';
import { type CsvDelimiter, csvChunks } from '@/lib/csv/write';
import { CANCELLED, type InviteJob, type InviteUnit } from './model';

/** The results CSV header, fixed by the product brief. */
export const RESULTS_CSV_HEADER = [
  'row',
  'email',
  'team',
  'team_role',
  'status',
  'reason',
  'invite_id',
  'at',
] as const;

/** A unit's `status` and `reason` in the results file: `invited`, `skipped`, `failed` or `not-sent`. */
export function resultOf(unit: InviteUnit, job: InviteJob): [status: string, reason: string] {
  if (unit.state === 'sending')
    return [
      'failed',
      'not confirmed: the job stopped while sending; resume it to settle whether W&B created the invite',
    ];
  if (unit.state === 'queued') return ['not-sent', `not sent yet (job ${job.status})`];
  if (unit.state === 'skipped' && unit.reason === CANCELLED)
    return ['not-sent', 'cancelled before it was sent'];
  return [unit.state, unit.reason ?? ''];
}

/**
 * The results as CSV chunks, one line per unit (an invite sent or not sent), every cell
 * neutralised. A unit cancelled, or not sent yet in a paused job, is `not-sent`.
 */
export function resultsCsvChunks(
  job: InviteJob,
  options: { delimiter: CsvDelimiter; bom: boolean },
): Generator<string, void, undefined> {
  function* records(): Generator<string[]> {
    for (const unit of job.units) {
      const [status, reason] = resultOf(unit, job);
      yield [
        String(unit.row),
        unit.email,
        unit.team,
        unit.admin ? 'admin' : 'member',
        status,
        reason,
        unit.inviteId ?? '',
        unit.at ?? '',
      ].map(neutraliseFormula);
    }
  }
  return csvChunks(RESULTS_CSV_HEADER, records(), options);
}
