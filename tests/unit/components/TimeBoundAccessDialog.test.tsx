// @vitest-environment happy-dom
/**
 * The Time-bound access dialog: pick a member from the directory, set their last day of access
 * (a past or missing date is refused with the field named, and nothing is sent), see the org's
 * dates with the expired ones first, and hand an expired member to the offboarding checklist.
 */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AccessExpiry } from '@/lib/access-expiry/model';
import { localDay } from '@/lib/access-expiry/model';
import type { DirectoryMember } from '@/lib/wandb/directory';

const sent: { type: string; payload: Record<string, unknown> }[] = [];
let stored: AccessExpiry[] = [];
let refuse: string | null = null;

vi.mock('@/lib/messaging/protocol', () => ({
  sendMessage: vi.fn(async (type: string, payload: Record<string, unknown>) => {
    sent.push({ type, payload });
    if (refuse) return { ok: false, error: { kind: 'bad-request', message: refuse } };
    if (type === 'accessExpirySet')
      stored = [entry({ username: String(payload.username), lastDay: String(payload.lastDay) })];
    if (type === 'accessExpiryRemove') stored = [];
    return { ok: true, data: stored };
  }),
}));

const member = (username: string, name: string): DirectoryMember => ({
  id: username,
  username,
  name,
  email: `${username}@acme.test`,
  orgRole: 'member',
  modelsSeat: 'full',
  weaveAccess: null,
  status: 'active',
  accountType: 'user',
  teams: [{ team: 'vision', role: 'member' }],
  lastActiveAt: null,
});

vi.mock('@/components/shared/load-directory', () => ({
  loadDirectoryFromBackground: vi.fn(async () => ({
    members: [member('carol', 'Carol Contractor'), member('dave', 'Dave Intern')],
    invites: [],
  })),
}));

const { TimeBoundAccessDialog } = await import('@/components/access-expiry/TimeBoundAccessDialog');

function entry(overrides: Partial<AccessExpiry>): AccessExpiry {
  return {
    appOrigin: 'https://wandb.ai',
    org: 'acme',
    username: 'carol',
    name: 'Carol Contractor',
    email: 'carol@acme.test',
    lastDay: '2026-12-04',
    expiresAt: '2026-12-05T00:00:00.000Z',
    note: '',
    setBy: 'alice',
    setAt: '2026-11-01T10:00:00.000Z',
    expiredAt: null,
    ...overrides,
  };
}

const today = () => localDay(Date.now());
const yesterday = () => localDay(Date.now() - 86_400_000);

function open() {
  const onOpenTool = vi.fn();
  render(
    <TimeBoundAccessDialog
      pageUrl="https://wandb.ai/account-settings/acme/members"
      org="acme"
      onClose={() => {}}
      onOpenTool={onOpenTool}
    />,
  );
  return { dialog: screen.getByRole('dialog', { name: 'Time-bound access' }), onOpenTool };
}

async function pickCarol(dialog: HTMLElement) {
  await userEvent.type(within(dialog).getByRole('searchbox', { name: 'Search members' }), 'contractor');
  await userEvent.click(await within(dialog).findByRole('button', { name: /Carol Contractor \(carol\)/ }));
  return within(dialog).getByRole('form', { name: 'Last day of access for carol' });
}

beforeEach(() => {
  sent.length = 0;
  stored = [];
  refuse = null;
});
afterEach(cleanup);

describe('Time-bound access dialog', () => {
  it('refuses a missing and a past date, naming the field, and sends nothing', async () => {
    const { dialog } = open();
    const form = await pickCarol(dialog);
    await userEvent.click(within(form).getByRole('button', { name: 'Set last day' }));
    expect(within(form).getByRole('alert').textContent).toBe('Last day of access: enter a date.');
    fireEvent.change(within(form).getByLabelText('Last day of access'), { target: { value: yesterday() } });
    await userEvent.click(within(form).getByRole('button', { name: 'Set last day' }));
    expect(within(form).getByRole('alert').textContent).toBe(
      `Last day of access: ${yesterday()} is in the past (today is ${today()}); choose today or a later day.`,
    );
    expect(within(form).getByLabelText('Last day of access').getAttribute('aria-invalid')).toBe('true');
    expect(sent.filter((m) => m.type === 'accessExpirySet')).toEqual([]);
  });

  it('sets today as carol’s last day with a note, and lists her', async () => {
    const { dialog } = open();
    const form = await pickCarol(dialog);
    fireEvent.change(within(form).getByLabelText('Last day of access'), { target: { value: today() } });
    await userEvent.type(within(form).getByRole('textbox', { name: 'Note (optional)' }), 'contract ends');
    await userEvent.click(within(form).getByRole('button', { name: 'Set last day' }));
    expect(await within(dialog).findByRole('status')).toHaveProperty(
      'textContent',
      `carol’s last day of access is ${today()}.`,
    );
    expect(sent.find((m) => m.type === 'accessExpirySet')?.payload).toEqual({
      pageUrl: 'https://wandb.ai/account-settings/acme/members',
      username: 'carol',
      name: 'Carol Contractor',
      email: 'carol@acme.test',
      lastDay: today(),
      note: 'contract ends',
    });
    const table = within(dialog).getByRole('table', { name: 'Members with a last day of access' });
    expect(within(table).getAllByRole('row')[1]?.textContent).toContain('Ends today');
  });

  it('shows what the background refused', async () => {
    const { dialog } = open();
    const form = await pickCarol(dialog);
    fireEvent.change(within(form).getByLabelText('Last day of access'), { target: { value: today() } });
    refuse =
      'Last day of access: 2026-12-04 is in the past (today is 2026-12-05); choose today or a later day.';
    await userEvent.click(within(form).getByRole('button', { name: 'Set last day' }));
    expect((await within(form).findByRole('alert')).textContent).toBe(refuse);
  });

  it('lists expired members first, each with one button that opens the offboarding checklist on them', async () => {
    stored = [
      entry({ username: 'carol', lastDay: '2026-11-30', expiredAt: '2026-12-01T00:00:05.000Z' }),
      entry({
        username: 'dave',
        name: 'Dave Intern',
        lastDay: '2027-06-30',
        expiresAt: '2027-07-01T00:00:00.000Z',
      }),
    ];
    const { dialog, onOpenTool } = open();
    const table = await within(dialog).findByRole('table', { name: 'Members with a last day of access' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell')[2]?.textContent)).toEqual([
      'Expired (seen 2026-12-01)',
      expect.stringMatching(/^Ends in \d+ days$/),
    ]);
    expect(within(table).queryByRole('button', { name: 'Offboard dave' })).toBeNull();
    expect(
      within(dialog).getByRole('heading', { name: 'Members with a last day of access: 2 (1 expired)' }),
    ).toBeTruthy();
    await userEvent.click(within(table).getByRole('button', { name: 'Offboard carol' }));
    expect(onOpenTool).toHaveBeenCalledWith('offboard', 'member:carol');
  });

  it('removes a date after a confirmation', async () => {
    stored = [entry({ username: 'dave', name: 'Dave Intern', lastDay: '2027-06-30' })];
    const { dialog } = open();
    await userEvent.click(await within(dialog).findByRole('button', { name: 'Edit dave' }));
    const form = within(dialog).getByRole('form', { name: 'Last day of access for dave' });
    expect(within(form).getByLabelText('Last day of access')).toHaveProperty('value', '2027-06-30');
    await userEvent.click(within(form).getByRole('button', { name: 'Remove dave’s last day' }));
    expect(sent.some((m) => m.type === 'accessExpiryRemove')).toBe(false);
    await userEvent.click(within(form).getByRole('button', { name: 'Remove last day' }));
    expect(await within(dialog).findByText('dave’s last day of access was removed.')).toBeTruthy();
    expect(sent.find((m) => m.type === 'accessExpiryRemove')?.payload).toEqual({
      pageUrl: 'https://wandb.ai/account-settings/acme/members',
      username: 'dave',
    });
  });
});
