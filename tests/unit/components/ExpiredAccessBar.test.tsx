// @vitest-environment happy-dom
/**
 * The bar says how many of the org's members are past their last day of access, as a button that
 * opens Time-bound access; it asks again when a tool closes and when the org's next date passes,
 * and never for a viewer who is not an admin here.
 */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ModalDialog } from '@/components/dialog';
import type { ToolEntry, ToolProps } from '@/lib/toolkit/registry';
import { summaryFixture } from './summary-fixture';

let summary = summaryFixture();
/** What each `accessExpiryCount` answers, in order (the last one repeats). */
let counts: { expired: number; nextAt: number | null }[] = [];
const asked: unknown[] = [];

vi.mock('@/lib/messaging/protocol', () => ({
  sendMessage: vi.fn(async (type: string, payload: unknown) => {
    if (type === 'getSummary') return { ok: true, data: summary };
    if (type === 'offboardCases') return { ok: true, data: [] };
    if (type === 'inviteActive') return { ok: true, data: null };
    if (type === 'accessExpiryCount') {
      asked.push(payload);
      return { ok: true, data: counts.length > 1 ? counts.shift() : counts[0] };
    }
    return { ok: true, data: { key: null, capabilities: {}, enabledByKey: [] } };
  }),
}));

const { startToolkit } = await import('@/lib/toolkit/toolkit');

const started: (() => void)[] = [];
afterEach(() => {
  for (const stop of started.splice(0)) stop();
  document.body.replaceChildren();
  asked.length = 0;
  summary = summaryFixture();
  vi.useRealTimers();
});

function Access({ onClose }: ToolProps) {
  return (
    <ModalDialog title="Time-bound access" onClose={onClose}>
      <p>The dates.</p>
    </ModalDialog>
  );
}
const tools: ToolEntry[] = [
  { id: 'access-expiry', label: 'Time-bound access', placement: 'more', load: async () => Access },
];
const page = 'https://wandb.ai/account-settings/acme/members';

function start() {
  const bar = document.createElement('div');
  const host = document.createElement('div');
  document.body.append(bar, host);
  started.push(startToolkit(bar, host, { pageUrl: page, signInUrl: '', tools }));
}

describe('the bar and expired access', () => {
  it('shows the count as a button that opens Time-bound access, and asks again when the tool closes', async () => {
    counts = [
      { expired: 2, nextAt: null },
      { expired: 0, nextAt: null },
    ];
    start();
    const bar = await screen.findByRole('toolbar', { name: 'W&B Admin Toolkit' });
    await userEvent.click(await within(bar).findByRole('button', { name: '2 access expired' }));
    const dialog = await screen.findByRole('dialog', { name: 'Time-bound access' });
    expect(asked).toEqual([{ pageUrl: page }]);
    await userEvent.click(within(dialog).getByRole('button', { name: /close/i }));
    await vi.waitFor(() => expect(within(bar).queryByRole('button', { name: /access expired/ })).toBeNull());
    expect(asked).toHaveLength(2);
  });

  it('asks again once the next date has passed, without a reload', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    counts = [
      { expired: 0, nextAt: Date.now() + 60_000 },
      { expired: 1, nextAt: null },
    ];
    start();
    const bar = await screen.findByRole('toolbar', { name: 'W&B Admin Toolkit' });
    await vi.waitFor(() => expect(asked).toHaveLength(1));
    expect(within(bar).queryByRole('button', { name: /access expired/ })).toBeNull();
    await vi.advanceTimersByTimeAsync(61_000);
    expect(await within(bar).findByRole('button', { name: '1 access expired' })).toBeTruthy();
  });

  it('does not ask for a viewer who is not an admin of the org', async () => {
    summary = summaryFixture({ viewer: { username: 'bob', isOrgAdmin: false, isTeamAdmin: false } });
    counts = [{ expired: 3, nextAt: null }];
    start();
    const bar = await screen.findByRole('toolbar', { name: 'W&B Admin Toolkit' });
    await within(bar).findByText(/who is not an admin of acme/);
    expect(asked).toEqual([]);
    expect(within(bar).queryByRole('button', { name: /access expired/ })).toBeNull();
  });
});
