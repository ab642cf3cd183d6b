// @vitest-environment happy-dom
/**
 * The one ask-then-confirm control (Cancel, Send the rest, team removal, deactivation, case
 * deletion): a second, informed click; focus never left on the page body; a pending confirmation
 * cannot be clicked twice, and a failed one leaves the question open.
 */
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfirmStep } from '@/components/shared/ConfirmStep';

afterEach(cleanup);

function renderStep(onConfirm: () => unknown) {
  render(
    <ConfirmStep
      ask="Delete case of dave"
      question="Delete the case of dave?"
      keep="Keep case"
      confirm="Delete case"
      onConfirm={onConfirm}
    >
      Its steps and record are removed from this device.
    </ConfirmStep>,
  );
}

describe('ConfirmStep', () => {
  it('asks with what will happen, focuses the safe answer, and gives focus back when declined', async () => {
    const user = userEvent.setup();
    const onConfirm = vi.fn();
    renderStep(onConfirm);
    await user.click(screen.getByRole('button', { name: 'Delete case of dave' }));
    const question = screen.getByRole('group', { name: 'Delete the case of dave?' });
    expect(question.textContent).toContain('Its steps and record are removed from this device.');
    expect(screen.getByRole('button', { name: 'Keep case' }).matches(':focus')).toBe(true);
    await user.keyboard('{Enter}');
    expect(onConfirm).not.toHaveBeenCalled();
    expect(screen.queryByRole('group')).toBeNull();
    expect(screen.getByRole('button', { name: 'Delete case of dave' }).matches(':focus')).toBe(true);
  });

  it('confirms once; focus returns to the first button when the question closes', async () => {
    const user = userEvent.setup();
    const onConfirm = vi.fn();
    renderStep(onConfirm);
    await user.click(screen.getByRole('button', { name: 'Delete case of dave' }));
    await user.click(screen.getByRole('button', { name: 'Delete case' }));
    expect(onConfirm).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('group')).toBeNull();
    expect(screen.getByRole('button', { name: 'Delete case of dave' }).matches(':focus')).toBe(true);
  });

  it('a pending confirmation cannot be sent twice; a failed one leaves the question open to try again', async () => {
    const user = userEvent.setup();
    let fail: (error: Error) => void = () => {};
    const onConfirm = vi.fn(
      () =>
        new Promise((_resolve, reject) => {
          fail = reject;
        }),
    );
    renderStep(onConfirm);
    await user.click(screen.getByRole('button', { name: 'Delete case of dave' }));
    const confirm = screen.getByRole('button', { name: 'Delete case' });
    await user.click(confirm);
    expect(confirm).toHaveProperty('disabled', true);
    await user.click(confirm);
    expect(onConfirm).toHaveBeenCalledTimes(1);
    fail(new Error('storage is full'));
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Delete case' })).toHaveProperty('disabled', false),
    );
    expect(screen.getByRole('group', { name: 'Delete the case of dave?' })).toBeTruthy();
  });
});
