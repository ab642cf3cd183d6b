import { getHeapStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { EXPORT_COLUMNS } from '@/lib/export/columns';
import { exportRows } from '@/lib/export/rows';
import { csvExportChunks } from '@/lib/export/serialise';
import { benchCsv, syntheticDirectory } from '@/scripts/bench-csv';

describe('bench-csv', () => {
  it('builds the same synthetic org every time, hostile names included', () => {
    const first = syntheticDirectory(500);
    const second = syntheticDirectory(500);
    expect(second).toEqual(first);
    expect(first.members).toHaveLength(500);
    expect(first.invites).toHaveLength(10);
    expect(first.members.some((member) => /^[=+\-@\t]/.test(member.name))).toBe(true);
  });

  it('reports members, rows, bytes, time and heap for a small org', async () => {
    const result = await benchCsv({ members: 1000, runs: 2 });
    // Bytes: the UTF-8 size of the very file the export button builds for that org.
    const rows = exportRows(syntheticDirectory(1000), { includeInvites: true, layout: 'per-member' });
    const file = [...csvExportChunks(rows, EXPORT_COLUMNS, { delimiter: ',', bom: true })].join('');
    expect(result).toMatchObject({ members: 1000, rows: 1020, bytes: Buffer.byteLength(file, 'utf8') });
    // Time: one figure per timed run, and the best of them reported.
    expect(result.runsMs).toHaveLength(2);
    expect(result.buildMs).toBe(Math.min(...result.runsMs));
    expect(result.buildMs).toBeGreaterThan(0);
    // Heap: used-heap samples in MB, within what this process may use (a figure in bytes would not be).
    const limitMb = getHeapStatistics().heap_size_limit / (1024 * 1024);
    for (const mb of [result.baselineHeapMb, result.peakHeapMb]) {
      expect(mb).toBeGreaterThan(1);
      expect(mb).toBeLessThan(limitMb);
    }
  });
});
