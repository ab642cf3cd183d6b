/** The action badge is shared: offboarding's re-check results and expired access dates add up, each keeping its own part. */
import { describe, expect, it } from 'vitest';
import { createActionBadge } from '@/lib/background/badge';

describe('the shared action badge', () => {
  it('shows the sum of the parts and joins their titles; a part set to 0 leaves the others', async () => {
    const shown: [number, string][] = [];
    const badge = createActionBadge(async (count, title) => {
      shown.push([count, title]);
    });
    const offboard = badge.part('offboard');
    const access = badge.part('access-expiry');
    await access(2, 'Access expired: carol, dave');
    await offboard(1, 'Offboarding re-check: frank back in W&B');
    await access(0, '');
    await offboard(0, '');
    expect(shown).toEqual([
      [2, 'Access expired: carol, dave'],
      [3, 'Access expired: carol, dave · Offboarding re-check: frank back in W&B'],
      [1, 'Offboarding re-check: frank back in W&B'],
      [0, ''],
    ]);
  });

  it('shows the parts in the order they were set, one after the other even when set at once', async () => {
    const shown: number[] = [];
    let release: () => void = () => {};
    const first = new Promise<void>((resolve) => {
      release = resolve;
    });
    const badge = createActionBadge(async (count) => {
      if (shown.length === 0) await first;
      shown.push(count);
    });
    const a = badge.part('a')(1, 'a');
    const b = badge.part('b')(2, 'b');
    release();
    await Promise.all([a, b]);
    expect(shown).toEqual([1, 3]);
  });
});
