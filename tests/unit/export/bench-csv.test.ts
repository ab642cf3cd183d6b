import { describe, expect, it } from 'vitest';
import { benchCsv, syntheticDirectory } from '../../../scripts/bench-csv';

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
    const result = await benchCsv({ members: 1000, runs: 1 });
    expect(result).toMatchObject({ members: 1000, rows: 1020 });
    expect(result.bytes).toBeGreaterThan(1000 * 60);
    expect(result.buildMs).toBeGreaterThan(0);
    expect(result.peakHeapMb).toBeGreaterThan(0);
  });
});
