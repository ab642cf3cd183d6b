import { expect, test } from './fixtures';

test('not signed in: the bar says so and links to sign-in', async ({ wandb }) => {
  await wandb.goto('/account-settings/acme/members');
  const alert = wandb.bar.getByRole('alert');
  await expect(alert).toContainText('not signed in');
  await expect(alert.getByRole('link', { name: 'Sign in to W&B' })).toHaveAttribute(
    'href',
    'https://wandb.ai/login',
  );
  await expect(wandb.figures).toHaveCount(0);
});

test('signed in but not an org admin: the bar says so and offers no admin tools', async ({ wandb, sim }) => {
  const heidi = sim.state().members.find((m) => m.username === 'heidi');
  expect(heidi?.orgRole).toBe('member');
  await wandb.signIn('heidi');
  await expect(wandb.bar.getByRole('note')).toHaveText(
    'You are signed in as heidi, who is not an admin of acme. Admin tools are hidden.',
  );
  await expect(wandb.bar.getByRole('button', { name: /invite|export|offboard/i })).toHaveCount(0);
});

test('session lost mid-use: "sign in to W&B again", then a retry once signed in', async ({ wandb, sim }) => {
  await wandb.signIn(sim.sim.admin);
  await expect(wandb.figures).toBeVisible();

  sim.configure({ expireSessionAfter: 0 });
  await wandb.navigateInApp('Settings');
  await expect(wandb.page).toHaveURL('https://wandb.ai/account-settings/acme/settings');
  await expect(wandb.bar.getByRole('alert')).toContainText('Sign in to W&B again');
  expect(sim.graphqlRequests().some((request) => request.fault === 'session-expired')).toBe(true);

  sim.configure({ expireSessionAfter: null });
  const other = await wandb.page.context().newPage();
  await other.goto(`https://wandb.ai/__sim/login?user=${sim.sim.admin}&next=/home`);
  await other.close();
  await wandb.bar.getByRole('button', { name: 'Retry' }).click();
  await expect(wandb.figures.getByRole('listitem').first()).toHaveText(
    `${sim.state().members.length} members`,
  );
});

test('a 429 with Retry-After is waited out and the figures still arrive', async ({ wandb, sim }) => {
  sim.configure({ rateLimitNext: 1, retryAfterSeconds: 1 });
  await wandb.signIn(sim.sim.admin);
  await expect(wandb.figures.getByRole('listitem').first()).toHaveText(
    `${sim.state().members.length} members`,
  );
  const requests = sim.graphqlRequests();
  const limited = requests.find((request) => request.status === 429);
  expect(limited?.fault).toBe('rate-limited');
  const retried = requests.find(
    (request) =>
      request.seq > limited!.seq &&
      request.operationName === limited!.operationName &&
      request.status === 200,
  );
  expect(retried, `a successful retry of ${limited?.operationName}`).toBeDefined();
  expect(Date.parse(retried!.at) - Date.parse(limited!.at)).toBeGreaterThanOrEqual(1000);
});

test.describe('a W&B server without the third-party-observed fields (--strict-verified)', () => {
  test.use({ simOptions: { strictVerified: true } });

  test('falls back to per-team reads and shows the same member and invite figures', async ({
    wandb,
    sim,
  }) => {
    await wandb.signIn(sim.sim.admin);
    const state = sim.state();
    await expect(wandb.figures.getByRole('listitem')).toHaveText([
      `${state.members.length} members`,
      `${state.invites.length} pending invites`,
      'Seats: not offered by this W&B server',
    ]);
    await expect(wandb.bar.getByRole('note')).toContainText(
      `${state.teams.length} teams visible to you; members outside them are not listed.`,
    );
    const operations = sim.graphqlRequests().map((request) => request.operationName);
    expect(operations).toContain('OrgDirectory');
    expect(operations.filter((name) => name === 'TeamMembers')).toHaveLength(state.teams.length);
    const rejected = sim.graphqlRequests().find((request) => request.operationName === 'OrgDirectory');
    expect(rejected?.status).toBe(400);
  });
});
