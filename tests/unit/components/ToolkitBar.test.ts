// @vitest-environment happy-dom
import { screen, within } from '@testing-library/dom';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderToolkitBar, type ToolkitBarProps } from '@/components/ToolkitBar';
import { summaryFixture } from './summary-fixture';

let container: HTMLElement | null = null;
afterEach(() => {
  container?.remove();
  container = null;
});

/** Draws the bar (again, in place, when called a second time in a test). */
function show(props: ToolkitBarProps): { container: HTMLElement } {
  if (!container) {
    container = document.createElement('div');
    document.body.append(container);
  }
  renderToolkitBar(container, props);
  return { container };
}

const summary = summaryFixture;

const bar = () => screen.getByRole('toolbar', { name: 'W&B Admin Toolkit' });

describe('ToolkitBar', () => {
  it('shows the organization, member count, pending invites and seat use', () => {
    show({
      state: { status: 'ready', summary: summary() },
      signInUrl: 'https://wandb.ai/login',
      onRetry: () => {},
    });
    expect(within(bar()).getByText('Organization acme')).toBeTruthy();
    const figures = within(bar()).getByRole('list', { name: 'Figures' });
    expect(
      within(figures)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['118 members', '6 pending invites', 'Models seats: 95/150 full · 12/40 viewer']);
  });

  it('says so when seats are not offered and the list is partial (per-team fallback)', () => {
    show({
      state: {
        status: 'ready',
        summary: summary({
          source: 'per-team',
          seats: null,
          complete: false,
          visibleTeams: 12,
          viewer: { username: 'alice', isOrgAdmin: null, isTeamAdmin: true },
          fallbackReason: 'This W&B server rejected Organization.usedSeats.',
        }),
      },
      signInUrl: 'https://wandb.ai/login',
      onRetry: () => {},
    });
    expect(within(bar()).getByText('Seats: not offered by this W&B server')).toBeTruthy();
    expect(within(bar()).getByRole('note').textContent).toBe(
      '12 teams visible to you; members outside them are not listed. This W&B server rejected Organization.usedSeats.',
    );
  });

  it('tells a signed-in non-admin that admin tools are hidden, and hides them', () => {
    show({
      state: {
        status: 'ready',
        summary: summary({ viewer: { username: 'erin', isOrgAdmin: false, isTeamAdmin: false } }),
      },
      signInUrl: 'https://wandb.ai/login',
      onRetry: () => {},
      tools: [{ id: 'export', label: 'Export members' }],
    });
    expect(within(bar()).getByRole('note').textContent).toBe(
      'You are signed in as erin, who is not an admin of acme. Admin tools are hidden.',
    );
    expect(within(bar()).queryByRole('button', { name: 'Export members' })).toBeNull();
  });

  it('offers tools to an admin', () => {
    show({
      state: { status: 'ready', summary: summary() },
      signInUrl: 'https://wandb.ai/login',
      onRetry: () => {},
      tools: [{ id: 'export', label: 'Export members' }],
    });
    expect(within(bar()).getByRole('button', { name: 'Export members' })).toBeTruthy();
  });

  it('offers a tool placed under More in the More panel, not on the row, and only to an admin', async () => {
    const onOpenTool = vi.fn();
    const props: ToolkitBarProps = {
      state: { status: 'ready', summary: summary() },
      signInUrl: 'https://wandb.ai/login',
      onRetry: () => {},
      tools: [
        { id: 'export', label: 'Export members' },
        { id: 'audit', label: 'Audit log', placement: 'more' },
      ],
      onOpenTool,
      moreOpen: true,
    };
    show(props);
    const panel = within(bar()).getByRole('group', { name: 'More' });
    const audit = within(panel).getByRole('button', { name: 'Audit log' });
    expect(audit.getAttribute('aria-haspopup')).toBe('dialog');
    expect(within(bar()).getAllByRole('button', { name: 'Audit log' })).toHaveLength(1);
    expect(panel.contains(within(bar()).getByRole('button', { name: 'Export members' }))).toBe(false);
    await userEvent.setup().click(audit);
    expect(onOpenTool).toHaveBeenCalledWith('audit');
    show({
      ...props,
      state: {
        status: 'ready',
        summary: summary({ viewer: { username: 'erin', isOrgAdmin: false, isTeamAdmin: false } }),
      },
    });
    expect(within(bar()).queryByRole('button', { name: 'Audit log' })).toBeNull();
  });

  it('shows a loading state', () => {
    show({ state: { status: 'loading' }, signInUrl: 'https://wandb.ai/login', onRetry: () => {} });
    expect(within(bar()).getByRole('status').textContent).toBe('Loading organization figures…');
  });

  it('asks to sign in again when the session is gone, and retries on request', async () => {
    const onRetry = vi.fn();
    show({
      state: {
        status: 'error',
        error: { kind: 'not-signed-in', message: 'Sign in to W&B again, then retry.' },
      },
      signInUrl: 'https://wandb.ai/login',
      onRetry: onRetry,
    });
    expect(within(bar()).getByRole('alert').textContent).toContain('Sign in to W&B again, then retry.');
    expect(within(bar()).getByRole('link', { name: 'Sign in to W&B' }).getAttribute('href')).toBe(
      'https://wandb.ai/login',
    );
    await userEvent.click(within(bar()).getByRole('button', { name: 'Retry' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('names the field a W&B server rejected or sent malformed', () => {
    show({
      state: {
        status: 'error',
        error: {
          kind: 'bad-response',
          message: 'W&B answered in an unexpected shape.',
          field: 'organization.members[3].username',
        },
      },
      signInUrl: 'https://wandb.ai/login',
      onRetry: () => {},
    });
    expect(within(bar()).getByRole('alert').textContent).toContain('Field: organization.members[3].username');
  });

  it('renders host-provided names as text, never as markup', () => {
    const { container } = show({
      state: {
        status: 'ready',
        summary: summary({
          viewer: { username: '<img src=x onerror=alert(1)>', isOrgAdmin: false, isTeamAdmin: false },
        }),
      },
      signInUrl: 'https://wandb.ai/login',
      onRetry: () => {},
    });
    expect(container.querySelector('img')).toBeNull();
    expect(within(bar()).getByRole('note').textContent).toContain('<img src=x onerror=alert(1)>');
  });

  it('shows an active admin key by its last 4 characters, what it enables under More, and opens the options', async () => {
    const onOpenOptions = vi.fn();
    const onToggleMore = vi.fn();
    const props: ToolkitBarProps = {
      state: { status: 'ready', summary: summary() },
      signInUrl: 'https://wandb.ai/login',
      onRetry: () => {},
      adminKey: { last4: 'abcd', enables: ['change org role', 'remove from the organization'] },
      onOpenOptions,
      onToggleMore,
    };
    show(props);
    // Short on the bar (issue 13): the last 4 characters; what the key enables is in its tooltip and under More.
    const badge = within(bar()).getByText(/Admin key: \*\*\*\*abcd/);
    expect(badge.textContent).toBe('Admin key: ****abcd');
    expect(badge.getAttribute('title')).toBe('With the key: change org role, remove from the organization');
    const more = within(bar()).getByRole('button', { name: 'More' });
    expect(more.getAttribute('aria-expanded')).toBe('false');
    expect(within(bar()).queryByRole('button', { name: 'Toolkit options' })).toBeNull();
    await userEvent.click(more);
    expect(onToggleMore).toHaveBeenCalledOnce();
    show({ ...props, moreOpen: true });
    expect(more.getAttribute('aria-expanded')).toBe('true');
    const panel = within(bar()).getByRole('group', { name: 'More' });
    expect(panel.id).toBe(more.getAttribute('aria-controls'));
    expect(within(panel).getByText(/^With the admin key/).textContent).toBe(
      'With the admin key ****abcd: change org role, remove from the organization.',
    );
    await userEvent.setup().click(within(panel).getByRole('button', { name: 'Toolkit options' }));
    expect(onOpenOptions).toHaveBeenCalledOnce();
  });

  it('shows no key badge without a key', () => {
    show({
      state: { status: 'ready', summary: summary() },
      signInUrl: 'https://wandb.ai/login',
      onRetry: () => {},
    });
    expect(within(bar()).queryByText(/Admin key/)).toBeNull();
  });

  it('marks figures older than ten minutes with their age, and offers a refresh', async () => {
    const onRetry = vi.fn();
    show({
      state: { status: 'ready', summary: summary(), readAt: Date.now() - 9 * 60_000 },
      signInUrl: 'https://wandb.ai/login',
      onRetry: onRetry,
    });
    expect(within(bar()).queryByRole('note')).toBeNull();
    show({
      state: { status: 'ready', summary: summary(), readAt: Date.now() - 72 * 60_000 },
      signInUrl: 'https://wandb.ai/login',
      onRetry: onRetry,
    });
    expect(within(bar()).getByRole('note').textContent).toBe('Figures from 1 h 12 min ago. Refresh figures');
    await userEvent.click(within(bar()).getByRole('button', { name: 'Refresh figures' }));
    expect(onRetry).toHaveBeenCalledWith();
  });
  it('updates in place: a button the admin is pressing survives new job counts', async () => {
    const onOpenTool = vi.fn();
    const props = (invited: number): ToolkitBarProps => ({
      state: { status: 'ready', summary: summary() },
      signInUrl: 'https://wandb.ai/login',
      onRetry: () => {},
      tools: [{ id: 'export', label: 'Export members' }],
      onOpenTool,
      jobLabel: `Invite job running: ${invited} invited · 0 skipped · 0 failed · ${10 - invited} left`,
    });
    show(props(1));
    const button = within(bar()).getByRole('button', { name: 'Export members' });
    show(props(2));
    expect(within(bar()).getByRole('button', { name: 'Export members' })).toBe(button);
    const chip = within(bar()).getByRole('button', { name: /^Invite job running/ });
    expect(chip.textContent).toBe('Invite job running: 2 invited · 0 skipped · 0 failed · 8 left');
    await userEvent.click(button);
    await userEvent.click(chip);
    expect(onOpenTool.mock.calls).toEqual([['export'], ['invite']]);
  });

  it('counts open offboarding cases and says why a tool could not open', () => {
    show({
      state: { status: 'ready', summary: summary() },
      signInUrl: 'https://wandb.ai/login',
      onRetry: () => {},
      tools: [{ id: 'export', label: 'Export members' }],
      openCases: 2,
      toolError:
        'Export members could not open: Failed to fetch dynamically imported module. Reload the page.',
    });
    expect(within(bar()).getByRole('status', { name: 'Open offboarding cases' }).textContent).toBe(
      '2 open offboarding cases',
    );
    expect(within(bar()).getByRole('alert').textContent).toBe(
      'Export members could not open: Failed to fetch dynamically imported module. Reload the page.',
    );
  });
});
