// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  OffboardDialog,
  type OffboardDialogProps,
  type OffboardScreen,
} from '@/components/offboard/OffboardDialog';
import { analyseImpact } from '@/lib/offboarding/impact';
import {
  type OffboardingCapabilities,
  type OffboardingCase,
  SESSION_CAPABILITIES,
} from '@/lib/offboarding/model';
import { planSteps } from '@/lib/offboarding/steps';
import { directoryOf, member } from '../export/fixtures';

afterEach(cleanup);

const T0 = '2026-11-28T10:00:00.000Z';
const hostile = '<img src=x onerror=alert(1)>';
const directory = directoryOf([
  member({
    username: 'alice',
    name: 'Alice A',
    orgRole: 'admin',
    teams: [{ team: 'robotics', role: 'member' }],
  }),
  member({
    username: 'dave',
    name: 'Dave Dimitrov',
    teams: [
      { team: 'robotics', role: 'admin' },
      { team: 'vision', role: 'member' },
    ],
  }),
  member({ username: 'zoe', name: hostile, teams: [{ team: 'robotics', role: 'member' }] }),
  member({
    username: 'ci-bot',
    name: 'CI',
    accountType: 'service',
    teams: [{ team: 'vision', role: 'member' }],
  }),
]);
const reads = {
  apiKeys: { status: 'unreadable' as const, reason: 'Their API keys cannot be read with your session.' },
  runs: {
    status: 'read' as const,
    items: [{ team: 'vision', project: 'resnet', name: 'v1d5', createdAt: T0, heartbeatAt: T0 }],
  },
};
const links = {
  members: 'https://wandb.ai/account-settings/acme/members',
  orgDashboard: 'https://wandb.ai/org/dashboard',
  apiKeys: 'https://wandb.ai/account-settings/acme/api-keys',
  team: (t: string) => `https://wandb.ai/${t}/settings`,
  serviceAccounts: (t: string) => `https://wandb.ai/${t}/service-accounts`,
  run: (t: string, p: string, r: string) => `https://wandb.ai/${t}/${p}/runs/${r}`,
};

function caseFor(username: string, caps: OffboardingCapabilities = SESSION_CAPABILITIES): OffboardingCase {
  const impact = analyseImpact(directory, username, reads, T0);
  return {
    id: 'case-abc-def',
    appOrigin: 'https://wandb.ai',
    org: 'acme',
    actor: 'alice',
    createdAt: T0,
    updatedAt: T0,
    status: 'open',
    impact,
    steps: planSteps(impact, caps, T0),
    reassign: impact.soleAdminTeams.map((t) => ({ team: t.team, to: null })),
    reviewed: [],
    after: null,
    recheck: null,
    reinvite: null,
    events: [],
  };
}

function renderDialog(view: OffboardScreen, extra: Partial<OffboardDialogProps> = {}) {
  const callbacks = {
    onClose: vi.fn(),
    onPick: vi.fn(),
    onResume: vi.fn(),
    onBack: vi.fn(),
    onStart: vi.fn(),
    onStep: vi.fn(),
    onRecord: vi.fn(),
    onReinvite: vi.fn(),
    onCloseCase: vi.fn(),
    onDeleteCase: vi.fn(async () => {}),
  } satisfies Partial<OffboardDialogProps>;
  render(<OffboardDialog view={view} links={links} busy={false} error={null} {...callbacks} {...extra} />);
  return { callbacks, view: within(screen.getByRole('dialog', { name: 'Offboard member' })) };
}

describe('OffboardDialog', () => {
  it('pick: search by name, username or email, move into the results with ↓ and pick with Enter; open cases can be resumed', async () => {
    const user = userEvent.setup();
    const { callbacks, view } = renderDialog({
      screen: 'pick',
      members: directory.members,
      loadError: null,
      cases: [caseFor('dave')],
    });
    await user.click(view.getByRole('button', { name: /Resume dave/ }));
    expect(callbacks.onResume).toHaveBeenCalledWith('case-abc-def');

    const search = view.getByRole('searchbox', { name: 'Search members' });
    await user.type(search, 'DIMIT');
    const results = view.getByRole('list', { name: 'Matching members' });
    expect(
      within(results)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual([
      'Dave Dimitrov (dave) dave@acme.test org member · robotics (admin), vision (member) · last activity not shown',
    ]);
    await user.keyboard('{ArrowDown}');
    expect(within(results).getByRole('button').matches(':focus')).toBe(true);
    await user.keyboard('{Enter}');
    expect(callbacks.onPick).toHaveBeenCalledWith('dave');

    await user.clear(search);
    await user.type(search, 'zoe@acme');
    // A hostile display name is shown as text, never as markup.
    expect(within(results).getByRole('button').textContent).toBe(
      `${hostile} (zoe) zoe@acme.test org member · robotics (member) · last activity not shown`,
    );
    expect(view.queryByRole('img')).toBeNull();
    await user.keyboard('{Enter}');
    expect(callbacks.onPick).toHaveBeenLastCalledWith('zoe');
  });

  it('impact: shows the sole-admin blocker, keys that cannot be read, runs and service accounts with links, then starts', async () => {
    const user = userEvent.setup();
    const impact = analyseImpact(directory, 'dave', reads, T0);
    const { callbacks, view } = renderDialog({ screen: 'impact', username: 'dave', impact });
    expect(
      within(view.getByRole('region', { name: 'Teams' })).getByText(/only admin \(blocker\)/).textContent,
    ).toContain('only admin');
    expect(view.getByRole('region', { name: 'API keys' }).textContent).toContain(
      'cannot be read with your session',
    );
    expect(view.getByRole('link', { name: 'vision/resnet/v1d5' }).getAttribute('href')).toBe(
      'https://wandb.ai/vision/resnet/runs/v1d5',
    );
    expect(view.getByRole('region', { name: 'Service accounts' }).textContent).toContain(
      'CI (ci-bot) in vision',
    );
    expect(view.getByRole('region', { name: 'Invites they sent' }).textContent).toContain(
      'cannot be listed here',
    );
    await user.click(view.getByRole('button', { name: 'Start offboarding' }));
    expect(callbacks.onStart).toHaveBeenCalledWith('dave');
  });

  it('impact: says when access ends — on a dedicated host, deactivation comes first', () => {
    const impact = analyseImpact(directory, 'dave', reads, T0);
    const { view } = renderDialog({ screen: 'impact', username: 'dave', impact }, { hostKind: 'dedicated' });
    expect(view.getByRole('note').textContent).toBe(
      "Their access can end before they are removed: the step “Deactivate their account” comes first on this host. With an admin key the toolkit deactivates them through SCIM; with your session you deactivate them on W&B's organization dashboard (Users) and the toolkit checks it. Otherwise access ends at “Remove from the organization”.",
    );
  });

  it('impact: the last org admin is refused with the reason and no way to start', () => {
    const impact = { ...analyseImpact(directory, 'alice', reads, T0), lastOrgAdmin: true };
    const { view } = renderDialog({ screen: 'impact', username: 'alice', impact });
    expect(view.getByRole('alert').textContent).toContain('alice is the last org admin');
    expect(view.getByRole('button', { name: 'Start offboarding' })).toHaveProperty('disabled', true);
  });

  it('case: steps in order with their states; the blocked team removal offers nothing; reassign picks and verifies', async () => {
    const user = userEvent.setup();
    const { callbacks, view } = renderDialog({ screen: 'case', case: caseFor('dave'), reinviteJobId: null });
    const steps = view.getByRole('list', { name: 'Offboarding steps' });
    expect(
      within(steps)
        .getAllByRole('heading')
        .map((h) => h.textContent),
    ).toEqual([
      'Record a snapshot',
      'Reassign team admin',
      'Deactivate their account',
      'Identify and rotate automation using their key',
      'Remove from each team',
      'Remove from the organization',
      'Revoke their API keys',
      'Reclaim the seat',
      'Schedule a re-check',
    ]);
    // On wandb.ai the step is settled at once, with the one-line reason why access ends later.
    const deactivate = within(steps).getByRole('listitem', { name: 'Deactivate their account' });
    expect(deactivate.textContent).toContain('Skipped');
    expect(deactivate.textContent).toContain('wandb.ai has no deactivation that keeps the member');
    expect(within(deactivate).queryByRole('button')).toBeNull();
    const teamStep = within(steps).getByRole('listitem', { name: 'Remove from each team' });
    expect(teamStep.textContent).toContain('Blocked');
    expect(within(teamStep).queryByRole('button')).toBeNull();

    const reassign = within(steps).getByRole('listitem', { name: 'Reassign team admin' });
    await user.selectOptions(
      within(reassign).getByRole('combobox', { name: 'New admin of robotics' }),
      'zoe',
    );
    expect(callbacks.onStep).toHaveBeenCalledWith({
      step: 'reassign',
      action: 'choose',
      team: 'robotics',
      to: 'zoe',
    });
    expect(within(reassign).getByRole('link', { name: 'robotics team settings' }).getAttribute('href')).toBe(
      'https://wandb.ai/robotics/settings',
    );
    await user.click(within(reassign).getByRole('button', { name: 'Verify reassignment' }));
    expect(callbacks.onStep).toHaveBeenLastCalledWith({ step: 'reassign', action: 'verify' });

    // The automation review can be confirmed only once every item is ticked.
    const automation = within(steps).getByRole('listitem', {
      name: 'Identify and rotate automation using their key',
    });
    expect(within(automation).getByRole('button', { name: 'Confirm automation reviewed' })).toHaveProperty(
      'disabled',
      true,
    );
    await user.click(within(automation).getByRole('checkbox', { name: /Run vision\/resnet\/v1d5/ }));
    expect(callbacks.onStep).toHaveBeenLastCalledWith({
      step: 'automation',
      action: 'review',
      reviewed: ['run:vision/resnet/v1d5'],
    });
  });

  it('case on a dedicated host: deactivation asks for confirmation with the key, or is guided and verified without it', async () => {
    const user = userEvent.setup();
    const keyed = caseFor('zoe', {
      deactivate: 'key',
      removeFromTeam: 'key',
      removeFromOrg: 'key',
      promoteTeamAdmin: 'key',
    });
    const first = renderDialog({ screen: 'case', case: keyed, reinviteJobId: null });
    const step = first.view.getByRole('listitem', { name: 'Deactivate their account' });
    expect(step.textContent).toContain('zoe can no longer sign in or use their API keys; they stay in acme');
    await user.click(within(step).getByRole('button', { name: 'Deactivate zoe…' }));
    expect(first.callbacks.onStep).not.toHaveBeenCalled();
    await user.click(within(step).getByRole('button', { name: 'Confirm: deactivate zoe' }));
    expect(first.callbacks.onStep.mock.calls).toEqual([[{ step: 'deactivate', action: 'run' }]]);
    cleanup();

    const guided = caseFor('zoe', { ...SESSION_CAPABILITIES, deactivate: 'manual' });
    const second = renderDialog({ screen: 'case', case: guided, reinviteJobId: null });
    const manual = second.view.getByRole('listitem', { name: 'Deactivate their account' });
    expect(within(manual).getByRole('link', { name: 'organization dashboard' }).getAttribute('href')).toBe(
      'https://wandb.ai/org/dashboard',
    );
    await user.click(within(manual).getByRole('button', { name: 'Verify deactivation' }));
    expect(second.callbacks.onStep.mock.calls).toEqual([[{ step: 'deactivate', action: 'verify' }]]);
    cleanup();

    // The session sees only its teams: the step says it cannot check, before any click, and offers Skip.
    const blind = { ...guided, impact: { ...guided.impact, complete: false } };
    const third = renderDialog({ screen: 'case', case: blind, reinviteJobId: null });
    const unverifiable = third.view.getByRole('listitem', { name: 'Deactivate their account' });
    expect(within(unverifiable).queryByRole('button', { name: 'Verify deactivation' })).toBeNull();
    expect(unverifiable.textContent).toContain('so the toolkit cannot check it');
    await user.type(
      within(unverifiable).getByRole('textbox', { name: 'Reason to skip Deactivate their account' }),
      'Deactivated on the dashboard',
    );
    await user.click(within(unverifiable).getByRole('button', { name: 'Skip' }));
    expect(third.callbacks.onStep.mock.calls).toEqual([
      [{ step: 'deactivate', action: 'skip', reason: 'Deactivated on the dashboard' }],
    ]);
  });

  it('case with the admin key: org removal needs the username typed, and says exactly what changes', async () => {
    const user = userEvent.setup();
    const c = caseFor('zoe', {
      deactivate: 'unavailable',
      removeFromTeam: 'key',
      removeFromOrg: 'key',
      promoteTeamAdmin: 'key',
    });
    c.steps = c.steps.map((s) =>
      s.id === 'automation' || s.id === 'remove-teams' ? { ...s, state: 'done' } : s,
    );
    c.steps = c.steps.map((s) => (s.id === 'remove-org' ? { ...s, state: 'todo' } : s));
    const { callbacks, view } = renderDialog({ screen: 'case', case: c, reinviteJobId: null });
    const org = view.getByRole('listitem', { name: 'Remove from the organization' });
    expect(org.textContent).toContain('zoe loses access to acme at once');
    const remove = within(org).getByRole('button', { name: 'Remove from organization' });
    expect(remove).toHaveProperty('disabled', true);
    await user.type(within(org).getByRole('textbox', { name: 'Type zoe to confirm' }), 'zoe');
    await user.click(remove);
    expect(callbacks.onStep).toHaveBeenCalledWith({ step: 'remove-org', action: 'run', confirm: 'zoe' });

    await user.click(view.getByRole('button', { name: 'Download record (Markdown)' }));
    expect(callbacks.onRecord.mock.calls).toEqual([['md']]);
    expect(callbacks.onReinvite).not.toHaveBeenCalled();
    await user.click(view.getByRole('button', { name: 'Re-invite with the same teams' }));
    expect(callbacks.onReinvite).not.toHaveBeenCalled();
    await user.click(view.getByRole('button', { name: /^Send \d+ invites?$/ }));
    expect(callbacks.onReinvite.mock.calls).toEqual([[]]); // once, and nothing but the go-ahead: the teams come from the case
    expect(callbacks.onRecord.mock.calls).toEqual([['md']]);
  });

  it('revoke keys: when the session cannot list their keys, the step says so before any click and offers only the confirmation', async () => {
    const user = userEvent.setup();
    const { callbacks, view } = renderDialog({ screen: 'case', case: caseFor('dave'), reinviteJobId: null });
    const step = within(view.getByRole('listitem', { name: 'Revoke their API keys' }));
    expect(step.getByText(/cannot check this step with your session/).textContent).toBe(
      'The toolkit cannot check this step with your session: W&B lets only instance admins list another user’s keys. Your confirmation is recorded as reviewed by you.',
    );
    expect(step.queryByRole('button', { name: 'Verify keys revoked' })).toBeNull();
    await user.click(step.getByRole('button', { name: 'I revoked them on W&B’s page' }));
    expect(callbacks.onStep).toHaveBeenCalledWith({ step: 'revoke-keys', action: 'confirm' });
  });

  it('revoke keys: when their keys were readable, W&B is read back to verify', async () => {
    const user = userEvent.setup();
    const c = caseFor('dave');
    const readable = {
      ...c,
      impact: {
        ...c.impact,
        apiKeys: { status: 'read' as const, items: [{ name: 'laptop', lastUsedAt: null }] },
      },
    };
    const { callbacks, view } = renderDialog({ screen: 'case', case: readable, reinviteJobId: null });
    const step = within(view.getByRole('listitem', { name: 'Revoke their API keys' }));
    expect(step.queryByText(/cannot check this step/)).toBeNull();
    await user.click(step.getByRole('button', { name: 'Verify keys revoked' }));
    expect(callbacks.onStep).toHaveBeenCalledWith({ step: 'revoke-keys', action: 'verify' });
  });

  it('re-invite: once the job is started, the case says which job re-invites them to which teams', () => {
    const c = caseFor('dave');
    const { view } = renderDialog({ screen: 'case', case: c, reinviteJobId: 'job-42' });
    expect(view.getByRole('status').textContent).toBe(
      'Re-invite sent as bulk-invite job job-42: robotics (admin), vision (member). Follow it in Bulk invite.',
    );
  });
});

describe('OffboardDialog focus', () => {
  it('moves focus to the top of each new screen, so the keyboard user is not left on a removed button', async () => {
    const user = userEvent.setup();
    const props = {
      links,
      busy: false,
      error: null,
      onClose: vi.fn(),
      onPick: vi.fn(),
      onResume: vi.fn(),
      onBack: vi.fn(),
      onStart: vi.fn(),
      onStep: vi.fn(),
      onRecord: vi.fn(),
      onReinvite: vi.fn(),
      onCloseCase: vi.fn(),
      onDeleteCase: vi.fn(async () => {}),
    };
    const { rerender } = render(
      <OffboardDialog
        {...props}
        view={{ screen: 'pick', members: directory.members, loadError: null, cases: [] }}
      />,
    );
    await user.type(screen.getByRole('searchbox', { name: 'Search members' }), 'dave');
    await user.keyboard('{ArrowDown}{Enter}');
    expect(props.onPick).toHaveBeenCalledWith('dave');
    rerender(
      <OffboardDialog
        {...props}
        view={{ screen: 'impact', username: 'dave', impact: analyseImpact(directory, 'dave', reads, T0) }}
      />,
    );
    const body = document.activeElement as HTMLElement;
    expect(body.className).toBe('wbat-dialog-body');
    expect(within(body).getByRole('button', { name: 'Start offboarding' })).toBeTruthy();
    await user.tab();
    expect(document.activeElement?.textContent).toBe('Members page');
  });
});
