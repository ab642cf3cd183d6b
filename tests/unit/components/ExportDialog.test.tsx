// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ExportDialog,
  type ExportDialogProps,
  type ExportDirectoryState,
  type ExportSettings,
} from '@/components/export/ExportDialog';
import { EXPORT_COLUMNS } from '@/lib/export/columns';
import { parsePreviousExport } from '@/lib/export/previous';
import { exportRows } from '@/lib/export/rows';
import { csvExportChunks } from '@/lib/export/serialise';
import { acmeDirectory, directoryOf, member } from '../export/fixtures';

afterEach(cleanup);

const NOW = new Date('2026-11-21T00:00:00Z');
const ready: ExportDirectoryState = { status: 'ready', directory: acmeDirectory() };

function renderDialog(props: Partial<ExportDialogProps> = {}) {
  const callbacks = {
    onLoad: vi.fn(),
    onExport: vi.fn(),
    onCancel: vi.fn(),
    onClose: vi.fn(),
    onCompareFile: vi.fn(),
    onDownloadComparison: vi.fn(),
  };
  render(
    <ExportDialog
      scopeLabel="Organization acme"
      directoryState={ready}
      now={NOW}
      {...callbacks}
      {...props}
    />,
  );
  return callbacks;
}

const dialog = () => screen.getByRole('dialog', { name: 'Export members' });
const preview = () => within(dialog()).getByRole('table', { name: 'Preview' });
const previewHeader = () =>
  within(preview())
    .getAllByRole('columnheader')
    .map((cell) => cell.textContent);
const previewColumn = (index: number) =>
  within(preview())
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getAllByRole('cell')[index]?.textContent);
const group = (name: string) => within(dialog()).getByRole('group', { name });

/** Opens the dialog from a button and unmounts it on close, as the toolkit does. */
function Harness() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Export members
      </button>
      {open ? (
        <ExportDialog
          scopeLabel="Organization acme"
          directoryState={ready}
          now={NOW}
          onLoad={() => {}}
          onExport={() => {}}
          onCancel={() => {}}
          onClose={() => setOpen(false)}
          onCompareFile={() => {}}
          onDownloadComparison={() => {}}
        />
      ) : null}
    </>
  );
}

describe('ExportDialog', () => {
  it('is a modal dialog named "Export members" that takes focus, showing the scope', () => {
    renderDialog();
    expect(dialog().getAttribute('aria-modal')).toBe('true');
    expect(document.activeElement).toBe(dialog());
    expect(within(dialog()).getByText('Organization acme')).toBeTruthy();
  });

  it('counts and previews every row at first, with the fixed header', () => {
    renderDialog();
    expect(within(dialog()).getByRole('status').textContent).toBe('7 of 7 rows match');
    expect(previewHeader()).toEqual([...EXPORT_COLUMNS]);
    expect(previewColumn(0)).toEqual(['alice', 'bob', 'ci-bot', 'dana', '', '', '']);
  });

  it('changes the preview header when columns are toggled, keeping file order', async () => {
    renderDialog();
    const columns = group('Columns');
    await userEvent.click(within(columns).getByRole('button', { name: 'Clear columns' }));
    await userEvent.click(within(columns).getByRole('checkbox', { name: 'teams' }));
    await userEvent.click(within(columns).getByRole('checkbox', { name: 'username' }));
    expect(previewHeader()).toEqual(['username', 'teams']);
    await userEvent.click(within(columns).getByRole('checkbox', { name: 'username' }));
    expect(previewHeader()).toEqual(['teams']);
  });

  it('updates the live count when a filter is ticked', async () => {
    renderDialog();
    await userEvent.click(within(group('Org role')).getByRole('checkbox', { name: 'admin' }));
    expect((await within(dialog()).findByRole('status')).textContent).toBe('1 of 7 rows match');
    await userEvent.click(within(group('Org role')).getByRole('checkbox', { name: '(not set)' }));
    expect(within(dialog()).getByRole('status').textContent).toBe('4 of 7 rows match');
    await userEvent.click(within(group('Status')).getByRole('checkbox', { name: 'invite-pending' }));
    expect(within(dialog()).getByRole('status').textContent).toBe('3 of 7 rows match');
  });

  it('filters by team and by inactivity', async () => {
    renderDialog();
    await userEvent.click(within(group('Team')).getByRole('checkbox', { name: 'vision' }));
    expect(within(dialog()).getByRole('status').textContent).toBe('3 of 7 rows match');
    await userEvent.click(within(group('Team')).getByRole('checkbox', { name: 'vision' }));
    await userEvent.type(
      within(dialog()).getByRole('spinbutton', { name: 'No activity for at least N days' }),
      '30',
    );
    // bob (June) and the rows with no activity: dana and the three invites.
    expect(within(dialog()).getByRole('status').textContent).toBe('5 of 7 rows match');
  });

  it("fills the inactivity box with the options page's default, off until ticked; the filters start collapsed and count what is on", async () => {
    renderDialog({ defaultInactiveDays: 30 });
    const filters = within(dialog()).getByText('Filters', { selector: 'summary' });
    expect(filters.closest('details')?.open).toBe(false);
    const days = within(dialog()).getByRole('spinbutton', { name: 'No activity for at least N days' });
    expect((days as HTMLInputElement).value).toBe('30');
    const only = within(dialog()).getByRole('checkbox', { name: 'Only inactive members' });
    expect((only as HTMLInputElement).checked).toBe(false);
    expect(within(dialog()).getByRole('status').textContent).toBe('7 of 7 rows match');
    await userEvent.click(filters);
    expect(filters.closest('details')?.open).toBe(true);
    await userEvent.click(only);
    expect(within(dialog()).getByRole('status').textContent).toBe('5 of 7 rows match');
    expect(filters.textContent).toBe('Filters (1 on)');
    await userEvent.click(only);
    expect(within(dialog()).getByRole('status').textContent).toBe('7 of 7 rows match');
    expect(filters.textContent).toBe('Filters');
  });

  it('searches names, usernames, emails and teams, case-insensitively', async () => {
    renderDialog();
    await userEvent.type(within(dialog()).getByRole('searchbox', { name: 'Search members' }), 'EVIL');
    expect(within(dialog()).getByRole('status').textContent).toBe('2 of 7 rows match');
    expect(previewColumn(2)).toEqual(["'+dana@acme.test", "'=2+3@evil.test"]);
  });

  it('previews cells as the CSV holds them (neutralised), and as they are for JSON', async () => {
    renderDialog();
    expect(previewColumn(1)[3]).toBe('\'=HYPERLINK("http://evil.test","click")');
    await userEvent.click(within(group('Format')).getByRole('radio', { name: 'JSON' }));
    expect(previewColumn(1)[3]).toBe('=HYPERLINK("http://evil.test","click")');
    expect(within(group('Delimiter')).getByRole('radio', { name: 'Comma (,)' })).toHaveProperty(
      'disabled',
      true,
    );
    expect(within(dialog()).getByRole('checkbox', { name: 'Add BOM for Excel' })).toHaveProperty(
      'disabled',
      true,
    );
  });

  it('shows one row per member and team when that layout is chosen, and leaves invites out on request', async () => {
    renderDialog();
    await userEvent.click(
      within(group('Layout')).getByRole('radio', { name: 'One row per member and team' }),
    );
    expect(within(dialog()).getByRole('status').textContent).toBe('9 of 9 rows match');
    await userEvent.click(within(dialog()).getByRole('checkbox', { name: 'Include pending invites' }));
    expect(within(dialog()).getByRole('status').textContent).toBe('6 of 6 rows match');
  });

  it('hands the chosen settings and the matching rows to onExport', async () => {
    const { onExport } = renderDialog();
    await userEvent.click(within(group('Columns')).getByRole('checkbox', { name: 'last_active' }));
    await userEvent.click(within(group('Delimiter')).getByRole('radio', { name: 'Semicolon (;)' }));
    await userEvent.click(within(dialog()).getByRole('checkbox', { name: 'Add BOM for Excel' }));
    await userEvent.click(within(group('Account type')).getByRole('checkbox', { name: 'service' }));
    await userEvent.click(
      within(dialog()).getByRole('checkbox', { name: 'Keep a copy on this device for the next comparison' }),
    );
    expect(within(dialog()).getByText('File: wandb-acme-members-2026-11-21.csv')).toBeTruthy();
    await userEvent.click(within(dialog()).getByRole('button', { name: 'Export' }));
    expect(onExport).toHaveBeenCalledTimes(1);
    const [settings, rows] = onExport.mock.calls[0] as [ExportSettings, { username: string }[]];
    expect(settings).toEqual({
      columns: EXPORT_COLUMNS.filter((column) => column !== 'last_active'),
      filter: { accountTypes: ['service'] },
      includeInvites: true,
      layout: 'per-member',
      format: 'csv',
      delimiter: ';',
      bom: false,
      keepCopy: true,
    });
    expect(rows.map((row) => row.username)).toEqual(['ci-bot']);
  });

  it('cannot export with no column chosen', async () => {
    const { onExport } = renderDialog();
    await userEvent.click(within(group('Columns')).getByRole('button', { name: 'Clear columns' }));
    expect(within(dialog()).getByRole('button', { name: 'Export' })).toHaveProperty('disabled', true);
    expect(within(dialog()).getByText('Choose at least one column to export.')).toBeTruthy();
    expect(onExport).not.toHaveBeenCalled();
  });

  it('closes on Escape and on the Close button', async () => {
    const { onClose } = renderDialog();
    await userEvent.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalledTimes(1);
    await userEvent.click(within(dialog()).getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalledTimes(2);
  });

  it('keeps Tab inside the dialog, both ways', async () => {
    renderDialog();
    const close = within(dialog()).getByRole('button', { name: 'Close' });
    const exportButton = within(dialog()).getByRole('button', { name: 'Export' });
    await userEvent.tab();
    expect(document.activeElement).toBe(close);
    await userEvent.tab({ shift: true });
    expect(document.activeElement).toBe(exportButton);
    await userEvent.tab();
    expect(document.activeElement).toBe(close);
  });

  it('gives focus back to the button that opened it', async () => {
    render(<Harness />);
    const opener = screen.getByRole('button', { name: 'Export members' });
    await userEvent.click(opener);
    expect(document.activeElement).toBe(dialog());
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('shows loading progress by teams, cancellable', async () => {
    const { onCancel } = renderDialog({
      directoryState: { status: 'loading', progress: { done: 12, total: 200, phase: 'teams' } },
    });
    const progress = within(dialog()).getByRole('progressbar', { name: 'Loading members' });
    expect(progress.getAttribute('value')).toBe('12');
    expect(progress.getAttribute('max')).toBe('200');
    expect(within(dialog()).getByText('Loaded 12 of 200 teams')).toBeTruthy();
    expect(within(dialog()).getByRole('button', { name: 'Export' })).toHaveProperty('disabled', true);
    await userEvent.click(within(dialog()).getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalledTimes(1);
  });

  it('shows an indeterminate progress bar while the organization is read', () => {
    renderDialog({
      directoryState: { status: 'loading', progress: { done: 0, total: 1, phase: 'organization' } },
    });
    const progress = within(dialog()).getByRole('progressbar', { name: 'Loading members' });
    expect(progress.hasAttribute('value')).toBe(false);
    expect(within(dialog()).getByText('Reading the organization…')).toBeTruthy();
  });

  it('shows a load error as an alert, with Retry', async () => {
    const { onLoad } = renderDialog({
      directoryState: { status: 'error', message: 'Sign in to W&B again, then retry.' },
    });
    expect(within(dialog()).getByRole('alert').textContent).toContain('Sign in to W&B again, then retry.');
    await userEvent.click(within(dialog()).getByRole('button', { name: 'Retry' }));
    expect(onLoad).toHaveBeenCalledTimes(1);
  });

  it('shows an export error as an alert', () => {
    renderDialog({ exportError: 'The download was blocked by the browser.' });
    expect(within(dialog()).getByRole('alert').textContent).toBe('The download was blocked by the browser.');
  });

  it('says when the list is partial, and when last activity is unknown', async () => {
    renderDialog({
      directoryState: {
        status: 'ready',
        directory: directoryOf([member({ username: 'x' })], [], { complete: false, visibleTeams: 12 }),
      },
    });
    expect(within(dialog()).getByRole('note').textContent).toBe(
      '12 teams visible to you; members outside them are not listed.',
    );
    expect(
      within(dialog()).getByText(
        'This W&B server does not report last activity, so every row counts as inactive.',
      ),
    ).toBeTruthy();
  });

  it('hands a picked file to onCompareFile', async () => {
    const { onCompareFile } = renderDialog();
    const file = new File(['username,email,status\r\n'], 'wandb-acme-members-2026-08-01.csv', {
      type: 'text/csv',
    });
    await userEvent.upload(within(dialog()).getByLabelText('Compare with a previous export'), file);
    expect(onCompareFile).toHaveBeenCalledWith(file);
  });

  it('shows the counts and the changes of a comparison, and downloads it', async () => {
    const before = exportRows(acmeDirectory(), { includeInvites: true, layout: 'per-member' });
    const edited = before
      .filter((row) => row.username !== 'bob')
      .map((row) => (row.username === 'alice' ? { ...row, org_role: 'member' } : row));
    const text = [...csvExportChunks(edited, EXPORT_COLUMNS, { delimiter: ',', bom: true })].join('');
    const parsed = parsePreviousExport(text, 'wandb-acme-members-2026-08-01.csv', 'acme');
    if (!parsed.ok) throw new Error(parsed.error.message);
    const { onDownloadComparison } = renderDialog({
      previous: { status: 'ready', fileName: 'wandb-acme-members-2026-08-01.csv', previous: parsed },
    });
    const counts = within(dialog()).getByRole('list', { name: 'Comparison counts' });
    expect(
      within(counts)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['1 joiner', '0 leavers', '0 new invites', '0 invites gone', '1 change']);
    const table = within(dialog()).getByRole('table', { name: 'Comparison' });
    expect(
      within(table)
        .getAllByRole('row')
        .slice(1)
        .map((row) =>
          within(row)
            .getAllByRole('cell')
            .map((cell) => cell.textContent),
        ),
    ).toEqual([
      ['joined', 'bob', 'bob@acme.test', '', '', ''],
      ['changed', 'alice', 'alice@acme.test', 'org_role', 'member', 'admin'],
    ]);
    await userEvent.click(within(dialog()).getByRole('button', { name: 'Download comparison' }));
    expect(onDownloadComparison).toHaveBeenCalledTimes(1);
    expect(onDownloadComparison.mock.calls[0]?.[0]).toMatchObject({ joiners: [{ username: 'bob' }] });
  });

  it('compares with the rows matching the filters', async () => {
    const rows = exportRows(acmeDirectory(), { includeInvites: true, layout: 'per-member' });
    const parsed = parsePreviousExport(
      [...csvExportChunks(rows, EXPORT_COLUMNS, { delimiter: ',', bom: false })].join(''),
      'x.csv',
      'acme',
    );
    if (!parsed.ok) throw new Error(parsed.error.message);
    renderDialog({ previous: { status: 'ready', fileName: 'x.csv', previous: parsed } });
    expect(within(dialog()).getByText('No differences.')).toBeTruthy();
    await userEvent.click(within(group('Status')).getByRole('checkbox', { name: 'active' }));
    const counts = within(dialog()).getByRole('list', { name: 'Comparison counts' });
    // dana (deactivated) left the matching rows; the two pending invites are invites, not leavers.
    expect(
      within(counts)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['0 joiners', '1 leaver', '0 new invites', '2 invites gone', '0 changes']);
  });

  it('shows why a previous export was refused, naming row and column', () => {
    renderDialog({
      previous: {
        status: 'error',
        fileName: 'people.csv',
        error: { message: 'Column "email" is missing from the header (row 1).', row: 1, column: 'email' },
      },
    });
    expect(within(dialog()).getByRole('alert').textContent).toBe(
      'people.csv: Column "email" is missing from the header (row 1).',
    );
    cleanup();
    renderDialog({
      previous: {
        status: 'error',
        fileName: 'x.json',
        error: { message: 'Expected text.', row: 4, column: 'name' },
      },
    });
    expect(within(dialog()).getByRole('alert').textContent).toBe(
      'x.json: Expected text. (row 4, column name)',
    );
  });

  it('offers the export kept on this device when there is one', async () => {
    const onCompareLast = vi.fn();
    renderDialog({ lastExportLabel: 'wandb-acme-members-2026-08-01.csv', onCompareLast });
    await userEvent.click(
      within(dialog()).getByRole('button', {
        name: 'Compare with the last export (wandb-acme-members-2026-08-01.csv)',
      }),
    );
    expect(onCompareLast).toHaveBeenCalledTimes(1);
  });

  it('renders hostile names as text, never as markup', () => {
    const { container } = render(
      <ExportDialog
        scopeLabel="<img src=x onerror=alert(1)>"
        directoryState={{
          status: 'ready',
          directory: directoryOf([member({ username: 'x', name: '<img src=y onerror=alert(2)>' })]),
        }}
        now={NOW}
        onLoad={() => {}}
        onExport={() => {}}
        onCancel={() => {}}
        onClose={() => {}}
        onCompareFile={() => {}}
        onDownloadComparison={() => {}}
      />,
    );
    expect(container.querySelector('img')).toBeNull();
    expect(previewColumn(1)).toEqual(['<img src=y onerror=alert(2)>']);
  });
});
