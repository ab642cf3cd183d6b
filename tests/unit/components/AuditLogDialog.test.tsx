// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuditLogDialog, type AuditLogState } from '@/components/audit/AuditLogDialog';
import type { SavedFile } from '@/components/shared/download';
import type { AuditEntry } from '@/lib/audit/log';
import type { AuditLogReply } from '@/lib/audit/messages';

afterEach(cleanup);

const NOW = new Date('2026-12-04T12:00:00Z');
// Noon UTC, so each entry's local calendar day is its UTC day in any time zone within ±11 h.
const entry = (id: string, day: string, overrides: Partial<AuditEntry> = {}): AuditEntry => ({
  id,
  at: `2026-${day}T12:00:00.000Z`,
  actor: 'alice',
  action: 'invite',
  target: `${id}@acme.test → vision`,
  host: 'wandb.ai',
  org: 'acme',
  result: 'ok',
  detail: 'invite inv-1',
  ...overrides,
});

/** Oldest first, as stored. */
const ENTRIES: AuditEntry[] = [
  entry('old', '11-01', { host: null }),
  entry('ann', '11-10'),
  entry('bob', '11-15', { result: 'error', detail: 'W&B refused: seat limit' }),
  entry('carol', '11-20', {
    action: 'change-role',
    target: 'carol → org role admin',
    actor: 'alice (admin key)',
  }),
  entry('beta', '11-21', { org: 'beta', target: 'x@beta.test → ml' }),
  entry('self', '11-22', { host: 'acme.wandb.io', target: 'y@acme.test → ml' }),
  entry('formula', '12-01', { action: 'offboarding-step', target: '=HYPERLINK("http://x")', detail: '+1' }),
];

function renderDialog(log: Partial<AuditLogReply> = {}, state?: AuditLogState) {
  const onSave = vi.fn<(file: SavedFile) => void>();
  const onClose = vi.fn();
  const reply: AuditLogReply = {
    entries: ENTRIES,
    dropped: null,
    max: 5000,
    page: { org: 'acme', host: 'wandb.ai' },
    ...log,
  };
  render(
    <AuditLogDialog
      state={state ?? { status: 'ready', log: reply }}
      now={() => NOW}
      onSave={onSave}
      onClose={onClose}
    />,
  );
  const dialog = screen.getByRole('dialog', { name: 'Audit log' });
  return { dialog, onSave, onClose, user: userEvent.setup() };
}

/** The "What" cell of each body row shown, top to bottom. */
function targets(dialog: HTMLElement): string[] {
  const table = within(dialog).getByRole('table', { name: 'Audit entries' });
  const headers = within(table)
    .getAllByRole('columnheader')
    .map((th) => th.textContent);
  const what = headers.indexOf('What');
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .filter((row) => row.getAttribute('aria-rowindex'))
    .map((row) => within(row).getAllByRole('cell')[what]?.textContent ?? '');
}

const fileText = (file: SavedFile) => [...file.chunks].join('');

describe('AuditLogDialog', () => {
  it("shows the page's organization on its host, newest first, with who, what, when, host, org and result", () => {
    const { dialog } = renderDialog();
    expect(targets(dialog)).toEqual([
      '=HYPERLINK("http://x")',
      'carol → org role admin',
      'bob@acme.test → vision',
      'ann@acme.test → vision',
      'old@acme.test → vision',
    ]);
    expect(within(dialog).getByRole('status').textContent).toContain('5 of 7 entries shown');
    const bob = within(dialog).getByRole('cell', { name: 'bob@acme.test → vision' }).closest('tr')!;
    expect(
      within(bob)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual([
      expect.stringMatching(/^2026-11-15 \d\d:00:00$/),
      'alice',
      'Invite',
      'bob@acme.test → vision',
      'failed',
      'wandb.ai',
      'acme',
      'W&B refused: seat limit',
    ]);
    // An entry from before hosts were recorded says so.
    const old = within(dialog).getByRole('cell', { name: 'old@acme.test → vision' }).closest('tr')!;
    expect(within(old).getByRole('cell', { name: 'not recorded' })).toBeTruthy();
  });

  it('filters by organization, action, result, member and date range, and clears them', async () => {
    const { dialog, user } = renderDialog();
    await user.selectOptions(within(dialog).getByLabelText('Organization'), 'All organizations and hosts');
    expect(targets(dialog)).toHaveLength(7);
    expect(targets(dialog)).toContain('x@beta.test → ml');

    await user.selectOptions(within(dialog).getByLabelText('Action'), 'Change role');
    expect(targets(dialog)).toEqual(['carol → org role admin']);
    await user.selectOptions(within(dialog).getByLabelText('Action'), 'All actions');

    await user.selectOptions(within(dialog).getByLabelText('Result'), 'Failed');
    expect(targets(dialog)).toEqual(['bob@acme.test → vision']);
    await user.selectOptions(within(dialog).getByLabelText('Result'), 'Succeeded and failed');

    // Member: whom it was about or who made it, case- and accent-blind.
    await user.type(within(dialog).getByRole('searchbox', { name: 'Member' }), 'ÀNN');
    expect(targets(dialog)).toEqual(['ann@acme.test → vision']);
    await user.clear(within(dialog).getByRole('searchbox', { name: 'Member' }));
    await user.type(within(dialog).getByRole('searchbox', { name: 'Member' }), 'admin key');
    expect(targets(dialog)).toEqual(['carol → org role admin']);
    await user.clear(within(dialog).getByRole('searchbox', { name: 'Member' }));

    // Dates: both days included.
    await user.type(within(dialog).getByLabelText('From'), '2026-11-15');
    await user.type(within(dialog).getByLabelText('To'), '2026-11-21');
    expect(targets(dialog)).toEqual(['x@beta.test → ml', 'carol → org role admin', 'bob@acme.test → vision']);
    expect(within(dialog).getByRole('status').textContent).toContain('3 of 7 entries shown');

    await user.type(within(dialog).getByRole('searchbox', { name: 'Member' }), 'nobody');
    expect(within(dialog).getByText('No entry matches these filters.')).toBeTruthy();
    expect(within(dialog).queryByRole('table')).toBeNull();
    expect((within(dialog).getByRole('button', { name: 'Download CSV' }) as HTMLButtonElement).disabled).toBe(
      true,
    );

    await user.click(within(dialog).getByRole('button', { name: 'Clear filters' }));
    expect(targets(dialog)).toHaveLength(5);
    expect((within(dialog).getByRole('button', { name: 'Download CSV' }) as HTMLButtonElement).disabled).toBe(
      false,
    );
  });

  it('says how many older entries the cap dropped and where the log starts', () => {
    const { dialog } = renderDialog({ dropped: { count: 1204, oldestKeptAt: '2026-11-01T12:00:00.000Z' } });
    expect(within(dialog).getByRole('note').textContent).toContain(
      '1,204 older entries were dropped (the log keeps the newest 5,000); it starts on 2026-11-01.',
    );
    cleanup();
    const one = renderDialog({ dropped: { count: 1, oldestKeptAt: '2026-11-01T12:00:00.000Z' } });
    expect(within(one.dialog).getByRole('note').textContent).toContain(
      '1 older entry was dropped (the log keeps the newest 5,000); it starts on 2026-11-01.',
    );
    cleanup();
    expect(within(renderDialog().dialog).queryByRole('note')).toBeNull();
  });

  it('downloads the entries shown as CSV, every cell neutralised, named with the org and the date', async () => {
    const { dialog, onSave, user } = renderDialog();
    await user.selectOptions(within(dialog).getByLabelText('Action'), 'Offboarding step');
    await user.click(within(dialog).getByRole('button', { name: 'Download CSV' }));
    const file = onSave.mock.calls[0]![0];
    expect(file.fileName).toBe('wandb-acme-audit-log-2026-12-04.csv');
    expect(file.mimeType).toBe('text/csv;charset=utf-8');
    expect(fileText(file)).toBe(
      '\uFEFFat,actor,action,host,org,target,result,detail\r\n' +
        `2026-12-01T12:00:00.000Z,alice,offboarding-step,wandb.ai,acme,"'=HYPERLINK(""http://x"")",ok,'+1\r\n`,
    );
  });

  it('downloads JSON with what it covers and what was dropped; values kept as they are, as in the member export', async () => {
    const dropped = { count: 3, oldestKeptAt: '2026-11-01T12:00:00.000Z' };
    const { dialog, onSave, user } = renderDialog({ dropped });
    await user.selectOptions(within(dialog).getByLabelText('Organization'), 'All organizations and hosts');
    await user.type(within(dialog).getByRole('searchbox', { name: 'Member' }), 'hyperlink');
    await user.click(within(dialog).getByRole('button', { name: 'Download JSON' }));
    const file = onSave.mock.calls[0]![0];
    expect(file.fileName).toBe('wandb-all-orgs-audit-log-2026-12-04.json');
    expect(JSON.parse(fileText(file))).toEqual({
      format: 'wandb-admin-toolkit/audit-log',
      version: 1,
      exportedAt: '2026-12-04T12:00:00Z',
      scope: 'all',
      filters: { action: '', result: '', member: 'hyperlink', from: '', to: '' },
      dropped,
      entries: [
        {
          at: '2026-12-01T12:00:00.000Z',
          actor: 'alice',
          action: 'offboarding-step',
          host: 'wandb.ai',
          org: 'acme',
          target: '=HYPERLINK("http://x")',
          result: 'ok',
          detail: '+1',
          id: 'formula',
        },
      ],
    });
  });

  it('stays virtualised with the full 5,000 entries: a screenful of rows in the page, all counted', async () => {
    const many = Array.from({ length: 5000 }, (_, i) =>
      entry(`m${i}`, `11-${String(1 + (i % 28)).padStart(2, '0')}`, { id: `m${i}` }),
    );
    const { dialog, user } = renderDialog({ entries: many });
    const table = within(dialog).getByRole('table', { name: 'Audit entries' });
    expect(table.getAttribute('aria-rowcount')).toBe('5001');
    expect(within(table).getAllByRole('row').length).toBeLessThan(60);
    await user.type(within(dialog).getByRole('searchbox', { name: 'Member' }), 'm4999@');
    expect(targets(dialog)).toEqual(['m4999@acme.test → vision']);
    expect(within(dialog).getByRole('status').textContent).toContain('1 of 5,000 entries shown');
  });

  it('says when the log is empty, while it is read, and when it could not be read; Close closes', async () => {
    const { dialog, onClose, user } = renderDialog({ entries: [] });
    expect(within(dialog).getByText('No changes recorded yet.')).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalledTimes(1);
    cleanup();
    renderDialog({}, { status: 'loading' });
    expect(screen.getByText('Reading the audit log…')).toBeTruthy();
    cleanup();
    renderDialog({}, { status: 'error', message: 'This sender may not use the toolkit.' });
    expect(screen.getByRole('alert').textContent).toContain(
      'The audit log could not be read: This sender may not use the toolkit.',
    );
  });
});
