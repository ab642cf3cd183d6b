// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AdminKeySection, type AdminKeySectionProps } from '@/components/options/AdminKeySection';
import { DataSection } from '@/components/options/DataSection';
import { DefaultsSection } from '@/components/options/DefaultsSection';
import { HostsSection } from '@/components/options/HostsSection';
import type { CapabilitiesReply } from '@/lib/messaging/protocol';
import { DEFAULT_SETTINGS } from '@/lib/settings';
import type { AdminKeyInfo } from '@/lib/settings/admin-key';
import { actionsEnabledByKey, resolveCapabilities } from '@/lib/wandb/capabilities';

afterEach(cleanup);

const KEY = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345abcd';
const owner = { username: 'alice', email: 'alice@acme.test', orgs: ['acme'], organizationRole: 'admin' };
const info: AdminKeyInfo = {
  appOrigin: 'https://wandb.ai',
  last4: 'abcd',
  kind: 'user',
  owner,
  status: 'admin',
  remembered: false,
  savedAt: '2026-11-28T22:00:00Z',
};
const caps = (keyStatus: 'none' | 'admin'): CapabilitiesReply => {
  const capabilities = resolveCapabilities({ keyStatus });
  return {
    key: keyStatus === 'admin' ? info : null,
    capabilities,
    enabledByKey: actionsEnabledByKey(capabilities),
  };
};

function renderKey(overrides: Partial<AdminKeySectionProps> = {}) {
  const props: AdminKeySectionProps = {
    hosts: ['https://wandb.ai', 'https://acme.wandb.io'],
    keyInfo: null,
    capabilities: caps('none'),
    customRoles: [],
    onTest: vi.fn(async () => ({ ok: true as const, data: { owner, admin: true, saved: info } })),
    onForget: vi.fn(async () => {}),
    onHostChange: vi.fn(),
    onSetOrgRole: vi.fn(async () => ({
      ok: true as const,
      data: { id: 'u-3', username: 'carol', email: null, organizationRole: 'admin', teamRoles: [] },
    })),
    ...overrides,
  };
  render(<AdminKeySection {...props} />);
  return props;
}

describe('AdminKeySection', () => {
  it('tests a pasted key for the chosen host and kind, shows whose it is, and clears the field', async () => {
    const props = renderKey();
    const user = userEvent.setup();
    expect(screen.getByText(/No admin key\./)).toBeTruthy();
    await user.selectOptions(screen.getByRole('combobox', { name: 'W&B host' }), 'acme.wandb.io');
    await user.click(screen.getByRole('radio', { name: "An org service account's key" }));
    await user.type(screen.getByLabelText('API key'), KEY);
    await user.click(screen.getByRole('checkbox', { name: 'Remember on this device' }));
    await user.click(screen.getByRole('button', { name: 'Test key' }));
    expect(props.onTest).toHaveBeenCalledWith({
      appOrigin: 'https://acme.wandb.io',
      key: KEY,
      kind: 'service',
      remember: true,
    });
    expect(props.onHostChange).toHaveBeenCalledWith('https://acme.wandb.io');
    expect(screen.getByRole('status').textContent).toBe(
      'Belongs to alice (alice@acme.test); organization acme; org admin: yes (org role admin). Saved for this browser session as ****abcd.',
    );
    expect((screen.getByLabelText('API key') as HTMLInputElement).value).toBe('');
    expect((screen.getByLabelText('API key') as HTMLInputElement).type).toBe('password');
  });

  it('shows W&B’s refusal as an alert', async () => {
    renderKey({
      onTest: vi.fn(async () => ({
        ok: false as const,
        error: { kind: 'key-rejected' as const, message: 'W&B at api.wandb.ai did not accept this key.' },
      })),
    });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('API key'), KEY);
    await user.keyboard('{Enter}');
    expect(screen.getByRole('alert').textContent).toBe('W&B at api.wandb.ai did not accept this key.');
  });

  it('asks for a key before testing', async () => {
    const props = renderKey();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Test key' }));
    expect(screen.getByRole('alert').textContent).toBe('Paste an API key first.');
    expect(props.onTest).not.toHaveBeenCalled();
  });

  it('shows an active key by its last 4 characters only, what each action uses, and forgets it', async () => {
    const props = renderKey({ keyInfo: info, capabilities: caps('admin'), customRoles: ['auditor'] });
    const active = screen.getByRole('region', { name: 'Active admin key' });
    expect(within(active).getByText(/Admin key: \*\*\*\*abcd/)).toBeTruthy();
    expect(active.textContent).toContain('Kept for this browser session only');
    const table = screen.getByRole('table', { name: 'What each action uses now' });
    expect(within(table).getByRole('row', { name: /^Change org role/ }).textContent).toContain(
      'Admin key (SCIM)',
    );
    expect(within(table).getByRole('row', { name: /^Invite to a team/ }).textContent).toContain(
      'Browser session',
    );
    await userEvent.setup().click(screen.getByRole('button', { name: 'Forget key' }));
    expect(props.onForget).toHaveBeenCalledOnce();
  });

  it('without a key, org-level actions are manual steps and there is no role form', () => {
    renderKey();
    const table = screen.getByRole('table', { name: 'What each action uses now' });
    expect(within(table).getByRole('row', { name: /^Remove from the organization/ }).textContent).toContain(
      'Manual step on W&B',
    );
    expect(screen.queryByRole('form', { name: 'Change an org role' })).toBeNull();
  });

  it('changes an org role, custom roles included', async () => {
    const props = renderKey({ keyInfo: info, capabilities: caps('admin'), customRoles: ['auditor'] });
    const form = screen.getByRole('form', { name: 'Change an org role' });
    const user = userEvent.setup();
    await user.type(within(form).getByRole('textbox', { name: 'Username or email' }), 'carol');
    await user.selectOptions(
      within(form).getByRole('combobox', { name: 'New org role' }),
      'auditor (custom)',
    );
    await user.click(within(form).getByRole('button', { name: 'Change org role' }));
    expect(props.onSetOrgRole).toHaveBeenCalledWith({ user: 'carol', role: 'auditor' });
    expect(within(form).getByRole('status').textContent).toBe('carol now has the org role admin.');
  });
});

describe('HostsSection', () => {
  it('adds a host from the typed address and reports a refusal', async () => {
    const onAdd = vi.fn(async (input: string) =>
      input.includes('bad')
        ? { error: 'Only HTTPS hosts can be added.' }
        : { origin: 'https://new.wandb.io' },
    );
    render(<HostsSection hosts={['https://acme.wandb.io']} onAdd={onAdd} onRemove={vi.fn(async () => {})} />);
    const user = userEvent.setup();
    const input = screen.getByRole('textbox', { name: 'Host address' });
    await user.type(input, 'http://bad.example');
    await user.click(screen.getByRole('button', { name: 'Add host' }));
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', 'Only HTTPS hosts can be added.');
    await user.clear(input);
    await user.type(input, 'NEW.wandb.io.{Enter}');
    expect(onAdd).toHaveBeenLastCalledWith('NEW.wandb.io.');
    // The confirmation names the host as parsed, not as typed.
    expect((await screen.findByRole('status')).textContent).toMatch(/^Added new\.wandb\.io\./);
  });

  it('lists wandb.ai as built in and removes an added host by its named button', async () => {
    const onRemove = vi.fn(async () => {});
    render(<HostsSection hosts={['https://acme.wandb.io']} onAdd={vi.fn()} onRemove={onRemove} />);
    const list = screen.getByRole('list', { name: 'Added hosts' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['wandb.ai (built in)', 'acme.wandb.io Remove']);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Remove acme.wandb.io' }));
    expect(onRemove).toHaveBeenCalledWith('https://acme.wandb.io');
  });
});

describe('DefaultsSection', () => {
  it('refuses an out-of-range concurrency without saving', async () => {
    const onSave = vi.fn(async () => null);
    render(<DefaultsSection settings={{ ...DEFAULT_SETTINGS }} onSave={onSave} />);
    const user = userEvent.setup();
    const concurrency = screen.getByRole('spinbutton', { name: 'Invite concurrency (1–16)' });
    await user.clear(concurrency);
    await user.type(concurrency, '17');
    await user.click(screen.getByRole('button', { name: 'Save defaults' }));
    expect(screen.getByRole('alert').textContent).toBe(
      'Invite concurrency must be a whole number from 1 to 16.',
    );
    expect(onSave).not.toHaveBeenCalled();
  });

  it('saves concurrency, domains, threshold and the keep-export default', async () => {
    const onSave = vi.fn(async () => null);
    render(<DefaultsSection settings={{ ...DEFAULT_SETTINGS }} onSave={onSave} />);
    const user = userEvent.setup();
    const concurrency = screen.getByRole('spinbutton', { name: 'Invite concurrency (1–16)' });
    await user.clear(concurrency);
    await user.type(concurrency, '8');
    await user.type(
      screen.getByRole('textbox', { name: /Allowed email domains for bulk invite/ }),
      'acme.com\n@lab.acme.com',
    );
    const days = screen.getByRole('spinbutton', { name: 'Inactivity threshold (days)' });
    await user.clear(days);
    await user.type(days, '30');
    await user.click(screen.getByRole('checkbox', { name: 'Keep the last export on this device' }));
    await user.click(screen.getByRole('button', { name: 'Save defaults' }));
    expect(onSave).toHaveBeenCalledWith({
      inviteConcurrency: 8,
      allowedEmailDomains: ['acme.com', 'lab.acme.com'],
      inactivityDays: 30,
      keepLastExport: true,
    });
    expect(screen.getByRole('status').textContent).toBe('Defaults saved.');
  });
});

describe('DataSection', () => {
  const entries = [
    { key: 'local:auditLog' as const, label: 'Audit log', present: true, bytes: 2048 },
    { key: 'local:lastExport' as const, label: 'Last member export', present: false, bytes: 0 },
  ];

  it('shows what is stored and its size, and clears only after confirmation', async () => {
    const onClear = vi.fn(async () => {});
    render(<DataSection entries={entries} onExport={vi.fn(async () => {})} onClear={onClear} />);
    const table = screen.getByRole('table', { name: 'Stored locally by the toolkit' });
    expect(within(table).getByRole('row', { name: /^Audit log/ }).textContent).toContain('2 KB');
    expect(within(table).getByRole('row', { name: /^Last member export/ }).textContent).toContain(
      'nothing stored',
    );
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Clear Audit log' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Confirm clearing' });
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(onClear).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Clear all data…' }));
    await user.click(screen.getByRole('button', { name: 'Yes, clear' }));
    expect(onClear).toHaveBeenCalledWith(['local:auditLog']);
  });

  it('exports on request', async () => {
    const onExport = vi.fn(async () => {});
    render(<DataSection entries={entries} onExport={onExport} onClear={vi.fn()} />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Export data (JSON)' }));
    expect(onExport).toHaveBeenCalledOnce();
  });
});
