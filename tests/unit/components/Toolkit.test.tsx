// @vitest-environment happy-dom
/**
 * The bar's tools come from the registry, load (with React) when their button is pressed, and each runs inside
 * its own error boundary: a tool that throws while rendering shows which tool stopped, and the bar
 * and the other tools keep working.
 */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ModalDialog } from '@/components/dialog';
import type { ToolEntry, ToolProps } from '@/lib/toolkit/registry';
import { summaryFixture } from './summary-fixture';

const summary = summaryFixture();

/** What the next `getSummary` requests answer, in order (then `summary`); each request is logged. */
const summaryReplies: unknown[] = [];
const summaryRequests: unknown[] = [];

vi.mock('@/lib/messaging/protocol', () => ({
  sendMessage: vi.fn(async (type: string, payload: unknown) => {
    if (type === 'getSummary') {
      summaryRequests.push(payload);
      return summaryReplies.shift() ?? { ok: true, data: summary };
    }
    if (type === 'offboardCases') return { ok: true, data: [] };
    if (type === 'inviteActive') return { ok: true, data: null };
    return { ok: true, data: { key: null, capabilities: {}, enabledByKey: [] } };
  }),
}));

const { startToolkit } = await import('@/lib/toolkit/toolkit');

const started: (() => void)[] = [];
afterEach(() => {
  for (const stop of started.splice(0)) stop();
  document.body.replaceChildren();
  summaryReplies.length = 0;
  summaryRequests.length = 0;
});

/** Starts the toolkit as the frame does: the bar in one container, the open tool in another. */
function start(
  tools: ToolEntry[],
  pageUrl = 'https://wandb.ai/account-settings/acme/members',
  launch?: { tool: string; arg: string },
): void {
  const bar = document.createElement('div');
  const host = document.createElement('div');
  document.body.append(bar, host);
  started.push(startToolkit(bar, host, { pageUrl, signInUrl: '', tools, launch }));
}

/** What each rendering of `Launched` was opened on. */
const launchesSeen: (string | undefined)[] = [];

function Launched({ launch, onClose }: ToolProps) {
  launchesSeen.push(launch);
  return (
    <ModalDialog title="Fine tool" onClose={onClose}>
      <p>Opened on {launch}.</p>
    </ModalDialog>
  );
}

function Handing({ onOpenTool, onClose }: ToolProps) {
  return (
    <ModalDialog title="Lists" onClose={onClose}>
      <button type="button" onClick={() => onOpenTool('fine', 'member:frank')}>
        Offboard frank
      </button>
    </ModalDialog>
  );
}

function Broken(): never {
  throw new Error('the dialog could not draw its table');
}

function Fine({ onClose }: ToolProps) {
  return (
    <ModalDialog title="Fine tool" onClose={onClose}>
      <p>Everything is fine.</p>
    </ModalDialog>
  );
}

describe('The toolkit with the tool registry', () => {
  it('loads a tool only when its button is pressed', async () => {
    const load = vi.fn(async () => Fine);
    const tools: ToolEntry[] = [{ id: 'fine', label: 'Fine tool', load }];
    start(tools);
    const bar = await screen.findByRole('toolbar', { name: 'W&B Admin Toolkit' });
    await within(bar).findByText('Organization acme');
    expect(load).not.toHaveBeenCalled();
    await userEvent.click(within(bar).getByRole('button', { name: 'Fine tool' }));
    const fine = await screen.findByText('Everything is fine.');
    expect(screen.getByRole('dialog', { name: 'Fine tool' }).contains(fine)).toBe(true);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('a tool that throws on render shows which tool stopped; the bar and the other tools keep working', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const tools: ToolEntry[] = [
      { id: 'broken', label: 'Broken tool', load: async () => Broken },
      { id: 'fine', label: 'Fine tool', load: async () => Fine },
    ];
    start(tools);
    const bar = await screen.findByRole('toolbar', { name: 'W&B Admin Toolkit' });
    await within(bar).findByText('Organization acme');

    await userEvent.click(within(bar).getByRole('button', { name: 'Broken tool' }));
    // While its code loads an "Opening …" dialog says so; then the boundary says what went wrong.
    const alert = await screen.findByRole('alert');
    const stopped = screen.getByRole('dialog', { name: 'Broken tool' });
    expect(within(stopped).getByRole('alert')).toBe(alert);
    expect(alert.textContent).toContain('Broken tool stopped: the dialog could not draw its table.');
    expect(warn).toHaveBeenCalledWith('[wandb-admin-toolkit:broken]', 'the dialog could not draw its table');
    await userEvent.click(within(stopped).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();

    // The bar still shows its figures, and another tool opens.
    expect(within(bar).getByRole('list', { name: 'Figures' }).textContent).toContain('118 members');
    await userEvent.click(within(bar).getByRole('button', { name: 'Fine tool' }));
    const fine = await screen.findByText('Everything is fine.');
    expect(screen.getByRole('dialog', { name: 'Fine tool' }).contains(fine)).toBe(true);
    warn.mockRestore();
    error.mockRestore();
  });

  it('a tool whose code fails to load says so, and opening it again loads it afresh', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const load = vi
      .fn<() => Promise<typeof Fine>>()
      // Hovering and focusing fetch ahead and the click tries again: all three fail the first time.
      // (With the bar in React, happy-dom fired no pointerenter, so this was two.)
      .mockRejectedValueOnce(new Error('Failed to fetch dynamically imported module'))
      .mockRejectedValueOnce(new Error('Failed to fetch dynamically imported module'))
      .mockRejectedValueOnce(new Error('Failed to fetch dynamically imported module'))
      .mockResolvedValue(Fine);
    start([{ id: 'fine', label: 'Fine tool', load }]);
    const bar = await screen.findByRole('toolbar', { name: 'W&B Admin Toolkit' });
    await within(bar).findByText('Organization acme');
    await userEvent.click(within(bar).getByRole('button', { name: 'Fine tool' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Fine tool stopped: Failed to fetch dynamically imported module.',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Close' }));
    await userEvent.click(within(bar).getByRole('button', { name: 'Fine tool' }));
    expect(await screen.findByText('Everything is fine.')).toBeTruthy();
    // The second opening's hover fetches afresh, and the click uses that fetch.
    expect(load).toHaveBeenCalledTimes(4);
    warn.mockRestore();
    error.mockRestore();
  });

  it('lets an open tool hand over to another tool, on an argument (one click from a list to a checklist)', async () => {
    launchesSeen.length = 0;
    const tools: ToolEntry[] = [
      { id: 'lists', label: 'Lists', load: async () => Handing },
      { id: 'fine', label: 'Fine tool', load: async () => Launched },
    ];
    start(tools);
    const bar = await screen.findByRole('toolbar', { name: 'W&B Admin Toolkit' });
    await userEvent.click(within(bar).getByRole('button', { name: 'Lists' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Offboard frank' }));
    expect(await screen.findByText('Opened on member:frank.')).toBeTruthy();
    // One dialog at a time: the first tool is gone.
    expect(screen.queryByRole('dialog', { name: 'Lists' })).toBeNull();
    expect(screen.getAllByRole('dialog')).toHaveLength(1);
  });

  it('opens the tool the background asked for, on its argument, once the figures are there — and never for a non-admin', async () => {
    launchesSeen.length = 0;
    const tools: ToolEntry[] = [{ id: 'fine', label: 'Fine tool', load: async () => Launched }];
    start(tools, undefined, { tool: 'fine', arg: 'case-1' });
    expect(await screen.findByText('Opened on case-1.')).toBeTruthy();
    // Closed and opened again from the bar: the launch was for the first opening only.
    await userEvent.click(screen.getByRole('button', { name: 'Close' }));
    const bar = await screen.findByRole('toolbar', { name: 'W&B Admin Toolkit' });
    await userEvent.click(within(bar).getByRole('button', { name: 'Fine tool' }));
    expect(await screen.findByText('Opened on .')).toBeTruthy();
    expect(launchesSeen.at(-1)).toBeUndefined();

    for (const stop of started.splice(0)) stop();
    document.body.replaceChildren();
    summaryReplies.push({
      ok: true,
      data: { ...summary, viewer: { username: 'erin', isOrgAdmin: false, isTeamAdmin: false } },
    });
    start(tools, undefined, { tool: 'fine', arg: 'case-2' });
    const nonAdminBar = await screen.findByRole('toolbar', { name: 'W&B Admin Toolkit' });
    await within(nonAdminBar).findByText(/Admin tools are hidden/);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('closing a tool reads the figures again, past the cache: the bar shows what the tool changed', async () => {
    const tools: ToolEntry[] = [{ id: 'fine', label: 'Fine tool', load: async () => Fine }];
    const pageUrl = 'https://wandb.ai/account-settings/acme/members';
    start(tools, pageUrl);
    const bar = await screen.findByRole('toolbar', { name: 'W&B Admin Toolkit' });
    await within(bar).findByText('6 pending invites');
    summaryReplies.push({ ok: true, data: { ...summary, pendingInvites: 8 } });
    await userEvent.click(within(bar).getByRole('button', { name: 'Fine tool' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Close' }));
    await within(bar).findByText('8 pending invites');
    expect(summaryRequests).toEqual([
      { pageUrl, refresh: false },
      { pageUrl, refresh: true },
    ]);
  });

  it('a refresh W&B refuses keeps the figures, marked with their age and the reason', async () => {
    const tools: ToolEntry[] = [{ id: 'fine', label: 'Fine tool', load: async () => Fine }];
    start(tools);
    const bar = await screen.findByRole('toolbar', { name: 'W&B Admin Toolkit' });
    await within(bar).findByText('6 pending invites');
    summaryReplies.push({ ok: false, error: { kind: 'server', message: 'W&B answered 503.' } });
    await userEvent.click(within(bar).getByRole('button', { name: 'Fine tool' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Close' }));
    const note = await within(bar).findByText(/the refresh failed/);
    expect(note.textContent).toBe(
      'Figures from less than a minute ago: the refresh failed (W&B answered 503.). Refresh figures',
    );
    expect(within(bar).getByText('6 pending invites')).toBeTruthy();
    await userEvent.click(within(bar).getByRole('button', { name: 'Refresh figures' }));
    await waitForGone(() => within(bar).queryByText(/the refresh failed/));
  });
});

async function waitForGone(query: () => HTMLElement | null): Promise<void> {
  for (let i = 0; i < 50 && query(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(query()).toBeNull();
}
