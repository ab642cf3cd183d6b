// @vitest-environment happy-dom
/** The Audit log's second source: W&B's own audit log, read with the admin key, filtered and saved. */
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuditLogDialog } from '@/components/audit/AuditLogDialog';
import type { ReadWandbAudit } from '@/components/audit/WandbAuditSection';
import type { SavedFile } from '@/components/shared/download';
import type { WandbAuditRead } from '@/components/shared/wandb-audit';
import type { WandbAuditEntry } from '@/lib/wandb/audit-windows';

afterEach(cleanup);

const NOW = new Date('2026-12-04T12:00:00Z');
const wandbEntry = (timestamp: string, action: string, email: string, other = ''): WandbAuditEntry => ({
  timestamp,
  action,
  actorEmail: email,
  actorUserId: `id-${email.split('@')[0]}`,
  other,
});
const READ: WandbAuditRead = {
  read: 'W&B audit logs, 2026-11-04 – 2026-12-04, 5 windows',
  covered: true,
  entries: [
    wandbEntry('2026-11-20T12:00:00Z', 'user:login', 'carol@acme.test'),
    wandbEntry('2026-12-03T12:00:00Z', 'team:invite_user', 'alice@acme.test', 'entity_name=vision'),
    wandbEntry('2026-12-01T12:00:00Z', 'team:uninvite', '=cmd@evil.test', 'note=+1'),
  ],
};

function renderDialog(readWandb: ReadWandbAudit) {
  const onSave = vi.fn<(file: SavedFile) => void>();
  render(
    <AuditLogDialog
      state={{
        status: 'ready',
        log: { entries: [], dropped: null, max: 5000, page: { org: 'acme', host: 'wandb.ai' } },
      }}
      now={() => NOW}
      readWandb={readWandb}
      onSave={onSave}
      onClose={vi.fn()}
    />,
  );
  return { dialog: screen.getByRole('dialog', { name: 'Audit log' }), onSave, user: userEvent.setup() };
}

const fileText = (file: SavedFile) => [...file.chunks].join('');

/** The action cell of each body row shown, top to bottom. */
function actions(dialog: HTMLElement): string[] {
  const table = within(dialog).getByRole('table', { name: 'W&B audit entries' });
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .filter((row) => row.getAttribute('aria-rowindex'))
    .map((row) => within(row).getAllByRole('cell')[1]?.textContent ?? '');
}

describe("the Audit log's W&B source", () => {
  it('reads the days chosen with progress, then shows W&B’s entries newest first and what was read', async () => {
    let progress: (done: number, total: number) => void = () => {};
    let finish: (read: WandbAuditRead) => void = () => {};
    const readWandb = vi.fn<ReadWandbAudit>(
      (_days, onProgress) =>
        new Promise((resolve) => {
          progress = onProgress;
          finish = resolve;
        }),
    );
    const { dialog, user } = renderDialog(readWandb);
    await user.click(within(dialog).getByRole('radio', { name: 'W&B’s audit log (admin key)' }));
    await user.selectOptions(within(dialog).getByLabelText('Days to read'), 'Today and the 7 days before');
    await user.click(within(dialog).getByRole('button', { name: 'Read W&B’s audit log' }));
    expect(readWandb).toHaveBeenCalledWith(7, expect.any(Function), expect.any(AbortSignal));
    act(() => progress(1, 2));
    expect(within(dialog).getByRole('progressbar', { name: 'Reading W&B’s audit log' })).toHaveProperty(
      'value',
      1,
    );
    expect(within(dialog).getByRole('status').textContent).toContain('1 of 2 windows');
    await act(async () => finish(READ));
    expect(within(dialog).getByRole('note').textContent).toBe(
      'W&B audit logs, 2026-11-04 – 2026-12-04, 5 windows.',
    );
    expect(actions(dialog)).toEqual(['team:invite_user', 'team:uninvite', 'user:login']);
    expect(within(dialog).getByText('3 of 3 W&B entries shown')).toBeTruthy();
  });

  it('filters by W&B action (invites and removals first), by who, and by date', async () => {
    const { dialog, user } = renderDialog(async () => READ);
    await user.click(within(dialog).getByRole('radio', { name: 'W&B’s audit log (admin key)' }));
    await user.click(within(dialog).getByRole('button', { name: 'Read W&B’s audit log' }));
    const select = await within(dialog).findByLabelText('W&B action');
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['All actions', 'team:invite_user', 'team:uninvite', 'user:login']);
    await user.selectOptions(select, 'team:invite_user');
    expect(actions(dialog)).toEqual(['team:invite_user']);
    await user.selectOptions(select, '');
    await user.type(within(dialog).getByRole('searchbox', { name: 'Who' }), 'CAROL');
    expect(actions(dialog)).toEqual(['user:login']);
    await user.clear(within(dialog).getByRole('searchbox', { name: 'Who' }));
    await user.type(within(dialog).getByLabelText('From'), '2026-12-02');
    expect(actions(dialog)).toEqual(['team:invite_user']);
  });

  it('saves the entries shown as CSV with every cell neutralised, and as JSON with what was read', async () => {
    const { dialog, onSave, user } = renderDialog(async () => READ);
    await user.click(within(dialog).getByRole('radio', { name: 'W&B’s audit log (admin key)' }));
    await user.click(within(dialog).getByRole('button', { name: 'Read W&B’s audit log' }));
    await user.selectOptions(await within(dialog).findByLabelText('W&B action'), 'team:uninvite');
    await user.click(within(dialog).getByRole('button', { name: 'Download W&B entries (CSV)' }));
    const csv = onSave.mock.calls[0]![0];
    expect(csv.fileName).toBe('wandb-acme-wandb-audit-log-2026-12-04.csv');
    expect(fileText(csv)).toBe(
      '\uFEFFtimestamp,action,actor_email,actor_user_id,other\r\n' +
        `2026-12-01T12:00:00Z,team:uninvite,'=cmd@evil.test,id-=cmd,note=+1\r\n`,
    );
    await user.click(within(dialog).getByRole('button', { name: 'Download W&B entries (JSON)' }));
    const json = onSave.mock.calls[1]![0];
    expect(json.fileName).toBe('wandb-acme-wandb-audit-log-2026-12-04.json');
    expect(JSON.parse(fileText(json))).toEqual({
      format: 'wandb-admin-toolkit/wandb-audit-log',
      version: 1,
      exportedAt: '2026-12-04T12:00:00Z',
      org: 'acme',
      host: 'wandb.ai',
      read: READ.read,
      filters: { action: 'team:uninvite', member: '', from: '', to: '' },
      entries: [
        {
          timestamp: '2026-12-01T12:00:00Z',
          action: 'team:uninvite',
          actor_email: '=cmd@evil.test',
          actor_user_id: 'id-=cmd',
          other: 'note=+1',
        },
      ],
    });
  });

  it('shows W&B’s refusal in its own words', async () => {
    const { dialog, user } = renderDialog(async () => {
      throw new Error(
        'W&B refused its audit logs to the admin API key (HTTP 403). W&B said: "only organization admins can read audit logs".',
      );
    });
    await user.click(within(dialog).getByRole('radio', { name: 'W&B’s audit log (admin key)' }));
    await user.click(within(dialog).getByRole('button', { name: 'Read W&B’s audit log' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'W&B’s audit log could not be read: W&B refused its audit logs to the admin API key (HTTP 403). W&B said: "only organization admins can read audit logs".',
    );
  });

  it('is not offered without a way to read it', () => {
    render(
      <AuditLogDialog
        state={{
          status: 'ready',
          log: { entries: [], dropped: null, max: 5000, page: { org: 'acme', host: 'wandb.ai' } },
        }}
        onSave={vi.fn()}
        onClose={vi.fn()}
      />,
    );
    expect(screen.queryByRole('radio', { name: 'W&B’s audit log (admin key)' })).toBeNull();
  });
});
