// @vitest-environment happy-dom
/**
 * Sending and destroying are confirmed: the bulk-invite Confirm works once (a double click starts
 * one job), over the seat limit it repeats the shortfall and needs an acknowledgement, and
 * cancelling a running job asks first with the counts.
 */
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BulkInviteDialog, type BulkInviteDialogProps } from '@/components/invite/BulkInviteDialog';
import { createInviteJob, type InviteJob } from '@/lib/invite/job';
import { inviteRunOf } from '@/lib/invite/progress';
import { directoryOf, invite, member } from '../export/fixtures';
import { newRow } from '../invite/job/fakeServer';

afterEach(cleanup);

const seats = (left: number) => ({
  seats: { modelsFullUsed: 10, modelsFullTotal: 10 + left, modelsViewerUsed: 0, modelsViewerTotal: 0 },
});
const directoryWith = (left: number) =>
  directoryOf(
    [member({ username: 'ann', email: 'ann@acme.io', teams: [{ team: 'vision', role: 'member' }] })],
    [],
    seats(left),
  );

/** `job` is a whole job, as the background stores it; the dialog is given its counts. */
function renderDialog({
  job,
  ...props
}: Partial<Omit<BulkInviteDialogProps, 'job'>> & { job?: InviteJob | null } & { left?: number } = {}) {
  const callbacks = {
    onLoadDirectory: vi.fn(),
    onClose: vi.fn(),
    onStart: vi.fn(),
    onDownloadDryRun: vi.fn(),
    onPause: vi.fn(),
    onResume: vi.fn(),
    onCancel: vi.fn(),
    onRetryFailed: vi.fn(),
    onDownloadResults: vi.fn(),
  };
  render(
    <BulkInviteDialog
      directoryState={{ status: 'ready', directory: directoryWith(props.left ?? 5) }}
      {...callbacks}
      {...props}
      job={job ? inviteRunOf(job) : null}
    />,
  );
  return callbacks;
}

async function toConfirmStep(text: string) {
  const user = userEvent.setup();
  const view = within(screen.getByRole('dialog', { name: 'Bulk invite' }));
  await user.click(view.getByLabelText('Paste addresses or CSV'));
  await user.paste(text);
  await user.click(view.getByRole('button', { name: 'Dry run' }));
  // "Send N invites" shows while the dry run is still classifying, disabled: a click then does
  // nothing (it failed this way under load). Click it once it is enabled.
  const send = () => view.getByRole('button', { name: /^Send \d+ invites?$/ });
  await waitFor(() => expect(send()).toHaveProperty('disabled', false), { timeout: 10_000 });
  await user.click(send());
  // The confirm step is there once its Confirm button is (a busy machine can take a moment).
  await view.findByRole('button', { name: 'Confirm' }, { timeout: 10_000 });
  return { user, view };
}

describe('bulk-invite Confirm', () => {
  it('a double click starts one job, and the button stays disabled while it starts', async () => {
    let finish: () => void = () => {};
    const onStart = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    renderDialog({ onStart });
    const { user, view } = await toConfirmStep('email,team\nnew@acme.io,vision\n');
    const confirm = view.getByRole('button', { name: 'Confirm' });
    await user.dblClick(confirm);
    expect(onStart).toHaveBeenCalledTimes(1);
    expect(view.getByRole('button', { name: 'Confirm' })).toHaveProperty('disabled', true);
    finish();
  });

  it('over the seat limit repeats the shortfall and needs the acknowledgement checkbox', async () => {
    const callbacks = renderDialog({ left: 1 });
    const { user, view } = await toConfirmStep(
      'email,team\nnew1@acme.io,vision\nnew2@acme.io,vision\nnew3@acme.io,vision\n',
    );
    const group = view.getByRole('group', { name: /Send 3 invites/ });
    expect(group.textContent).toContain('only 1 Full Models seat is left');
    expect(group.textContent).toContain('2 people would have no seat');
    const confirm = within(group).getByRole('button', { name: 'Confirm' });
    expect(confirm).toHaveProperty('disabled', true);
    await user.click(confirm);
    expect(callbacks.onStart).not.toHaveBeenCalled();
    await user.click(
      within(group).getByRole('checkbox', { name: /I understand 2 people would have no seat/ }),
    );
    await user.click(within(group).getByRole('button', { name: 'Confirm' }));
    expect(callbacks.onStart).toHaveBeenCalledTimes(1);
  });

  it('counts pending invites against the free seats, says W&B does not report whether they are counted, and needs the acknowledgement', async () => {
    // One seat left by W&B's count: enough for one new person, but two outsiders hold pending invites.
    const directory = directoryOf(
      [member({ username: 'ann', email: 'ann@acme.io', teams: [{ team: 'vision', role: 'member' }] })],
      [
        invite({ email: 'pending1@elsewhere.io', team: 'vision' }),
        invite({ email: 'pending2@elsewhere.io', team: 'nlp' }),
        invite({ email: 'Ann@acme.io', team: 'nlp' }),
      ],
      seats(1),
    );
    const callbacks = renderDialog({ directoryState: { status: 'ready', directory } });
    const { user, view } = await toConfirmStep('email,team\nnew1@acme.io,vision\n');
    const group = view.getByRole('group', { name: /Send 1 invite/ });
    expect(group.textContent).toContain(
      'only 1 Full Models seat is left by W&B’s count, enough on their own.',
    );
    expect(group.textContent).toContain(
      '2 people outside the organization already have a pending invite and may take a Full Models seat when they accept. W&B does not report whether its used-seat count includes pending invites, so counting them too: 2 people would have no seat.',
    );
    const confirm = within(group).getByRole('button', { name: 'Confirm' });
    expect(confirm).toHaveProperty('disabled', true);
    await user.click(confirm);
    expect(callbacks.onStart).not.toHaveBeenCalled();
    await user.click(
      within(group).getByRole('checkbox', { name: 'I understand up to 2 people would have no seat' }),
    );
    await user.click(within(group).getByRole('button', { name: 'Confirm' }));
    expect(callbacks.onStart).toHaveBeenCalledTimes(1);
  });

  it('pending invites that still leave seats ask for no acknowledgement', async () => {
    const directory = directoryOf(
      [member({ username: 'ann', email: 'ann@acme.io', teams: [{ team: 'vision', role: 'member' }] })],
      [invite({ email: 'pending1@elsewhere.io', team: 'vision' })],
      seats(2),
    );
    renderDialog({ directoryState: { status: 'ready', directory } });
    const { view } = await toConfirmStep('email,team\nnew1@acme.io,vision\n');
    expect(view.queryByRole('checkbox', { name: /I understand/ })).toBeNull();
    expect(view.getByRole('group', { name: /Send 1 invite/ }).textContent).not.toContain('pending invite');
    expect(view.getByRole('button', { name: 'Confirm' })).toHaveProperty('disabled', false);
  });

  it('within the seat limit asks for no acknowledgement', async () => {
    renderDialog({ left: 5 });
    const { view } = await toConfirmStep('email,team\nnew1@acme.io,vision\n');
    expect(view.queryByRole('checkbox', { name: /I understand/ })).toBeNull();
    expect(view.getByRole('button', { name: 'Confirm' })).toHaveProperty('disabled', false);
  });
});

describe('cancelling a running job', () => {
  const base = createInviteJob(
    Array.from({ length: 1000 }, (_, index) => newRow(index, `u${index}@x.io`, ['v'])),
    { id: 'j', org: 'acme', scope: 'org:acme', now: 0 },
  );
  const job: InviteJob = {
    ...base,
    units: base.units.map((unit, index) => ({ ...unit, state: index < 400 ? 'invited' : 'queued' })),
  };

  it('asks first, with the counts, and cancels only after the second click', async () => {
    const user = userEvent.setup();
    const callbacks = renderDialog({ job, now: 0 });
    const view = within(screen.getByRole('dialog', { name: 'Bulk invite' }));
    await user.click(view.getByRole('button', { name: 'Cancel' }));
    expect(callbacks.onCancel).not.toHaveBeenCalled();
    const ask = view.getByRole('group', { name: 'Cancel this job?' });
    expect(ask.textContent).toContain('400 of 1,000 invites are sent');
    expect(ask.textContent).toContain('600 not sent yet will not be sent');
    await user.click(within(ask).getByRole('button', { name: 'Keep running' }));
    expect(callbacks.onCancel).not.toHaveBeenCalled();
    expect(view.queryByRole('group', { name: 'Cancel this job?' })).toBeNull();
    await user.click(view.getByRole('button', { name: 'Cancel' }));
    await user.click(view.getByRole('button', { name: 'Cancel the job' }));
    expect(callbacks.onCancel).toHaveBeenCalledTimes(1);
  });
});
