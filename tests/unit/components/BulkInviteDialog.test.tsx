// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BulkInviteDialog, type BulkInviteDialogProps } from '@/components/invite/BulkInviteDialog';
import { createInviteJob, type InviteJob } from '@/lib/invite/job';
import { inviteRunOf } from '@/lib/invite/progress';
import { directoryOf, invite, member } from '../export/fixtures';
import { newRow } from '../invite/job/fakeServer';

afterEach(cleanup);

const directory = directoryOf(
  [member({ username: 'ann', email: 'ann@acme.io', teams: [{ team: 'vision', role: 'member' }] })],
  [invite({ email: 'pat@acme.io', team: 'nlp' })],
  { seats: { modelsFullUsed: 10, modelsFullTotal: 11, modelsViewerUsed: 0, modelsViewerTotal: 0 } },
);

/** `job` is a whole job, as the background stores it; the dialog is given its counts. */
function renderDialog({
  job,
  ...props
}: Partial<Omit<BulkInviteDialogProps, 'job'>> & { job?: InviteJob | null } = {}) {
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
      directoryState={{ status: 'ready', directory }}
      {...callbacks}
      {...props}
      job={job ? inviteRunOf(job) : null}
    />,
  );
  return callbacks;
}

const dialog = () => screen.getByRole('dialog', { name: 'Bulk invite' });

describe('BulkInviteDialog', () => {
  it('goes from input to dry run to confirm and starts with the classified rows', async () => {
    const user = userEvent.setup();
    const callbacks = renderDialog();
    const view = within(dialog());
    expect(view.getByRole('button', { name: 'Dry run' })).toHaveProperty('disabled', true);
    await user.click(view.getByLabelText('Paste addresses or CSV'));
    await user.paste(
      'email;team;team role\nnew@acme.io;vision;admin\nann@acme.io;vision;\nx@acme.io;nlp;\nbad;nlp;\nzed@acme.io;visoin;\n',
    );
    expect(view.getByRole('combobox', { name: 'Delimiter' })).toHaveProperty('value', ';');
    expect(view.getByRole('checkbox', { name: 'First row is a header' })).toHaveProperty('checked', true);
    expect(view.getByText('5 rows read')).toBeTruthy();

    await user.click(view.getByRole('button', { name: 'Dry run' }));
    const counts = await view.findByRole('list', { name: 'Rows per status' });
    expect(
      within(counts)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([
      'new: 2',
      'in-org: 0',
      'member: 1',
      'invited: 0',
      'duplicate: 0',
      'invalid: 2',
      'outside-domain: 0',
      'idp-inactive: 0',
    ]);
    expect(view.getByRole('alert').textContent).toBe(
      'Uses 2 Full Models seats, but only 1 are left: 1 people would have no seat when they accept.',
    );
    const table = view.getByRole('table', { name: 'Dry run' });
    const cells = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) =>
        within(row)
          .queryAllByRole('cell')
          .map((cell) => cell.textContent),
      )
      .filter((row) => row.length > 1);
    expect(cells[0]).toEqual([
      '2',
      'new@acme.io',
      'vision',
      'admin',
      'member',
      'Team invite',
      'new',
      'Invite to vision as team admin.',
    ]);
    expect(cells[4]).toEqual([
      '6',
      'zed@acme.io',
      'visoin',
      'member',
      'member',
      '—',
      'invalid',
      'Unknown team "visoin": did you mean "vision"?',
    ]);

    await user.selectOptions(view.getByRole('combobox', { name: 'Show' }), 'invalid');
    expect(within(table).getAllByRole('row')).toHaveLength(3);

    await user.click(view.getByRole('button', { name: 'Download dry run' }));
    expect(callbacks.onDownloadDryRun).toHaveBeenCalledWith(
      expect.arrayContaining([expect.objectContaining({ row: 2 })]),
    );
    expect(callbacks.onDownloadDryRun.mock.calls[0]?.[0]).toHaveLength(5);

    await user.click(view.getByRole('button', { name: 'Send 2 invites' }));
    expect(view.getByRole('group', { name: 'Send 2 invites to 2 teams?' })).toBeTruthy();
    await user.click(view.getByRole('button', { name: 'Back' }));
    await user.click(view.getByRole('button', { name: 'Send 2 invites' }));
    const atOnce = view.getByRole('spinbutton', { name: 'Invites sent at once' });
    expect(atOnce).toHaveProperty('value', '4');
    // The field says what it does where an admin would hesitate (issue 13).
    const hint = document.getElementById(atOnce.getAttribute('aria-describedby') ?? '');
    expect(hint?.textContent).toMatch(
      /^How many invites are in flight together \(1–16\)\. .*nothing is lost or sent twice\.$/s,
    );
    await user.clear(atOnce);
    await user.type(atOnce, '2');
    // Over the seat limit: Confirm waits for the acknowledgement. One seat is left for two new
    // people, and pat@acme.io's pending invite may take a seat too: up to 2 without one.
    expect(view.getByRole('button', { name: 'Confirm' })).toHaveProperty('disabled', true);
    await user.click(view.getByRole('checkbox', { name: 'I understand up to 2 people would have no seat' }));
    await user.click(view.getByRole('button', { name: 'Confirm' }));
    expect(callbacks.onStart).toHaveBeenCalledTimes(1);
    expect(callbacks.onStart.mock.calls[0]?.[1]).toEqual({ concurrency: 2 });
    const started = callbacks.onStart.mock.calls[0]?.[0] as { email: string; status: string }[];
    expect(started.filter((row) => row.status === 'new').map((row) => row.email)).toEqual([
      'new@acme.io',
      'x@acme.io',
    ]);
  });

  it('disables sending when nothing is new, and asks for a mapping when unsure', async () => {
    const user = userEvent.setup();
    renderDialog();
    const view = within(dialog());
    await user.click(view.getByLabelText('Paste addresses or CSV'));
    await user.paste('name,team\nAnn,vision\n');
    expect(view.getByRole('group', { name: 'Columns' })).toBeTruthy();
    expect(view.getByRole('button', { name: 'Dry run' })).toHaveProperty('disabled', true);
    await user.clear(view.getByLabelText('Paste addresses or CSV'));
    await user.paste('ann@acme.io');
    await user.selectOptions(view.getByRole('combobox', { name: 'Default team' }), 'vision');
    await user.click(view.getByRole('button', { name: 'Dry run' }));
    expect(view.getByRole('button', { name: 'Send 0 invites' })).toHaveProperty('disabled', true);
  });

  it('shows a parse error as an alert', async () => {
    const user = userEvent.setup();
    renderDialog();
    await user.click(screen.getByLabelText('Paste addresses or CSV'));
    await user.paste('email,team\n');
    expect(screen.getByRole('alert').textContent).toContain('header row but no rows');
  });

  it('shows the run with progress text and the buttons for its state', async () => {
    const user = userEvent.setup();
    const base = createInviteJob(
      Array.from({ length: 12 }, (_, index) => newRow(index, `u${index}@x.io`, ['v'])),
      { id: 'j', org: 'acme', scope: 'org:acme', now: 0 },
    );
    const job: InviteJob = {
      ...base,
      run: { startedAt: 0, finishedAtStart: 0 },
      units: base.units.map((unit, index) => ({
        ...unit,
        state: index < 5 ? 'invited' : index === 5 ? 'skipped' : 'queued',
      })),
    };
    const callbacks = renderDialog({ job, now: 20_000 });
    const view = within(dialog());
    const progress = view.getByRole('progressbar', { name: 'Invite progress' });
    expect(progress.getAttribute('value')).toBe('6');
    expect(progress.getAttribute('max')).toBe('12');
    expect(view.getByText('Invited 5 · Skipped 1 · Failed 0 · Left 6 · about 20 s left')).toBeTruthy();
    await user.click(view.getByRole('button', { name: 'Pause' }));
    await user.click(view.getByRole('button', { name: 'Cancel' }));
    await user.click(view.getByRole('button', { name: 'Cancel the job' }));
    await user.click(view.getByRole('button', { name: 'Download results' }));
    expect(callbacks.onPause).toHaveBeenCalledTimes(1);
    expect(callbacks.onCancel).toHaveBeenCalledTimes(1);
    expect(callbacks.onDownloadResults).toHaveBeenCalledWith(inviteRunOf(job));
    expect(view.queryByRole('button', { name: 'Retry failed' })).toBeNull();

    // A pause the background has taken while sends are in flight: said, and not asked twice.
    cleanup();
    renderDialog({ job, now: 20_000, stopping: 'pause' });
    expect(screen.getByText('Pausing: the invites already sent finish first.')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Pause' }) as HTMLButtonElement).disabled).toBe(true);
    cleanup();
    renderDialog({ job, now: 20_000, stopping: 'cancel' });
    expect(screen.getByText('Cancelling: the invites already sent finish first.')).toBeTruthy();

    cleanup();
    const done: InviteJob = {
      ...job,
      status: 'done',
      units: job.units.map((unit) => ({ ...unit, state: 'failed' })),
    };
    const again = renderDialog({ job: done });
    await user.click(screen.getByRole('button', { name: 'Retry failed' }));
    expect(again.onRetryFailed).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('button', { name: 'Pause' })).toBeNull();
    cleanup();
    renderDialog({
      job: { ...job, status: 'paused-signed-out', message: 'Sign in to W&B again, then resume the job.' },
    });
    expect(screen.getByRole('alert').textContent).toBe('Sign in to W&B again, then resume the job.');
    expect(screen.getByRole('button', { name: 'Resume' })).toBeTruthy();
  });

  it('closes on Escape', async () => {
    const user = userEvent.setup();
    const callbacks = renderDialog();
    dialog().focus();
    await user.keyboard('{Escape}');
    expect(callbacks.onClose).toHaveBeenCalledTimes(1);
  });
});
