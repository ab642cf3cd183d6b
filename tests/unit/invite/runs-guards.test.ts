/**
 * Guards of `lib/invite/runs.ts` found by mutation testing (issue #17): what the frame and the bar
 * read of the stored job counts, and what they set aside as damaged (options page → Data).
 */
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { corruptItemsItem } from '@/lib/corrupt-storage';
import { parseInviteRuns } from '@/lib/invite/runs';
import { freshStorageEachTest } from '../fresh-storage';

const warnings = freshStorageEachTest();

describe('stored job counts', () => {
  it('guard "no stored counts is no job, not damage": nothing is set aside for an absent value', async () => {
    for (const raw of [undefined, null]) {
      const { runs, settled } = parseInviteRuns(raw);
      await settled;
      expect(runs).toEqual({});
    }
    expect(await corruptItemsItem.getValue()).toEqual({});
  });

  it('guard "counts that are not an object are set aside, named and explained"', async () => {
    const { runs, settled } = parseInviteRuns(5);
    await settled;
    expect(runs).toEqual({});
    expect(await corruptItemsItem.getValue()).toEqual({
      'session:inviteRuns': {
        key: 'session:inviteRuns',
        foundAt: expect.any(String),
        problem: '(value): expected an object',
        value: 5,
      },
    });
  });

  it('guard "a damaged job entry is set aside with its id, cut to 80 characters"', async () => {
    const id = `job-${'x'.repeat(96)}`;
    const { runs, settled } = parseInviteRuns({ [id]: { counts: 'none' } });
    await settled;
    expect(runs).toEqual({});
    expect((await corruptItemsItem.getValue())['session:inviteRuns']).toMatchObject({
      problem: `job ${id.slice(0, 80)}: not the counts of a job`,
      value: { counts: 'none' },
    });
  });

  it('guard "a set-aside that cannot be written is reported, tagged invite": reading goes on without the damaged entry', async () => {
    vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValueOnce(
      new Error('QUOTA_BYTES quota exceeded (runs)'),
    );
    const good = parseInviteRuns({ bad: { counts: 'none' } });
    await expect(good.settled).resolves.toBeDefined();
    expect(good.runs).toEqual({});
    expect(warnings()).toHaveBeenCalledWith(
      '[wandb-admin-toolkit:invite]',
      'QUOTA_BYTES quota exceeded (runs)',
    );
  });
});
