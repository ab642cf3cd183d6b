// @vitest-environment happy-dom
/** Re-invite is confirmed: every team and role it sends, and what it cannot restore, before anything is sent. */
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ReinviteConfirm } from '@/components/offboard/ReinviteConfirm';

afterEach(cleanup);

const member = {
  username: 'dave',
  email: 'dave@acme.test',
  orgRole: 'ml-lead',
  modelsSeat: 'full',
  teams: [
    { team: 'robotics', role: 'admin' },
    { team: 'vision', role: 'member' },
    { team: 'audio', role: 'view-only' },
  ],
};

describe('ReinviteConfirm', () => {
  it('lists each team with the role sent, what cannot be restored, and sends only on confirmation', async () => {
    const user = userEvent.setup();
    const onConfirm = vi.fn();
    render(<ReinviteConfirm member={member} busy={false} onConfirm={onConfirm} />);
    await user.click(screen.getByRole('button', { name: 'Re-invite with the same teams' }));
    expect(onConfirm).not.toHaveBeenCalled();
    const ask = screen.getByRole('group', { name: 'Re-invite dave@acme.test?' });
    const sends = within(within(ask).getByRole('list', { name: 'Invites to send' }))
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(sends).toEqual(['robotics — as team admin', 'vision — as member', 'audio — as member']);
    const lost = within(within(ask).getByRole('list', { name: 'Not restored' }))
      .getAllByRole('listitem')
      .map((li) => li.textContent ?? '');
    expect(lost.some((t) => t.includes('audio: view-only'))).toBe(true);
    expect(lost.some((t) => t.includes('org role ml-lead'))).toBe(true);
    expect(lost.some((t) => t.includes('have to accept'))).toBe(true);
    await user.click(within(ask).getByRole('button', { name: 'Do not re-invite' }));
    expect(onConfirm).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Re-invite with the same teams' }));
    await user.click(screen.getByRole('button', { name: 'Send 3 invites' }));
    expect(onConfirm).toHaveBeenCalledTimes(1);
  });
});
