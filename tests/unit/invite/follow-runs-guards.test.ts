/**
 * Guards of `lib/invite/follow-runs.ts` found by mutation testing (issue #17): where the toolkit
 * frame reads the job counts from, a refusal from the background, and a stop while a question is
 * still out.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { followInviteRuns, readRuns } from '@/lib/invite/follow-runs';
import { createInviteJob } from '@/lib/invite/job';
import { type InviteRun, inviteRunOf } from '@/lib/invite/progress';
import { inviteRunsItem } from '@/lib/invite/progress-item';
import { sendMessage } from '@/lib/messaging/protocol';
import { newRow } from './job/fakeServer';

// The frame's only message here is `inviteRuns`; the background's answer is played by the test.
vi.mock('@/lib/messaging/protocol', () => ({ sendMessage: vi.fn() }));

const runOf = (id: string): InviteRun =>
  inviteRunOf(
    createInviteJob([newRow(0, `${id}@acme.test`, ['vision'])], {
      id,
      org: 'acme',
      scope: 'org:acme',
      now: 0,
    }),
  );
const page = 'https://wandb.ai/acme/settings/members';

beforeEach(() => {
  fakeBrowser.reset();
  vi.mocked(sendMessage).mockReset();
});

describe('following bulk-invite jobs', () => {
  it('guard "a frame that can read the session item reads it, and only its host\'s jobs": no question to the background', async () => {
    await inviteRunsItem.setValue({
      here: { appOrigin: 'https://wandb.ai', run: runOf('here') },
      there: { appOrigin: 'https://acme.wandb.io', run: runOf('there') },
    });
    expect(await readRuns(page, true)).toEqual([runOf('here')]);
    expect(sendMessage).not.toHaveBeenCalled();
  });

  it('guard "a refusal from the background is an error, not an empty list"', async () => {
    vi.mocked(sendMessage).mockResolvedValue({
      ok: false,
      error: { kind: 'internal', message: 'The background could not read the jobs.' },
    } as never);
    await expect(readRuns(page, false)).rejects.toThrow('The background could not read the jobs.');
  });

  it('guard "after stop, nothing more is told": an answer that arrives after stop is dropped', async () => {
    let answer: (value: unknown) => void = () => {};
    vi.mocked(sendMessage).mockReturnValue(new Promise((resolve) => (answer = resolve)) as never);
    const seen: InviteRun[][] = [];
    const stop = followInviteRuns(page, (runs) => seen.push(runs), { readsSession: false, pollMs: 60_000 });
    stop();
    answer({ ok: true, data: [runOf('late')] });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(seen).toEqual([]);
  });

  it('guard "a failed question is reported, tagged invite, and tells the bar nothing"', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.mocked(sendMessage).mockRejectedValue(new Error('Could not establish connection (follow-runs)'));
    const seen: InviteRun[][] = [];
    const stop = followInviteRuns(page, (runs) => seen.push(runs), { readsSession: false, pollMs: 60_000 });
    await vi.waitFor(() =>
      expect(warn).toHaveBeenCalledWith(
        '[wandb-admin-toolkit:invite]',
        'Could not establish connection (follow-runs)',
      ),
    );
    stop();
    warn.mockRestore();
    expect(seen).toEqual([]);
  });
});
