/** The Time-bound access list as CSV: one row per member, every cell neutralised against formula injection. */
import { neutraliseFormula } from '../csv/neutralise';
import { type CsvDelimiter, csvChunks } from '../csv/write';
import type { AccessExpiry } from './model';

export const EXPIRY_CSV_HEADER = [
  'username',
  'name',
  'email',
  'last_day',
  'expires_at',
  'status',
  'note',
  'set_by',
  'set_at',
] as const;

export function expiryCsvChunks(
  entries: Iterable<AccessExpiry>,
  options: { delimiter: CsvDelimiter; bom: boolean },
): Generator<string, void, undefined> {
  function* records(): Generator<string[]> {
    for (const e of entries)
      yield [
        e.username,
        e.name,
        e.email ?? '',
        e.lastDay,
        e.expiresAt,
        e.expiredAt ? 'expired' : 'active',
        e.note,
        e.setBy,
        e.setAt,
      ].map(neutraliseFormula);
  }
  return csvChunks(EXPIRY_CSV_HEADER, records(), options);
}
