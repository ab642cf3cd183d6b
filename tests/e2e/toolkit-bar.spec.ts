import { expectedFigures } from './expectations';
import { expect, test } from './fixtures';

test('the bar on the members page shows the org figures, fetched over the admin session', async ({
  wandb,
  sim,
}) => {
  await wandb.signIn(sim.sim.admin);
  await expect(wandb.page).toHaveURL('https://wandb.ai/account-settings/acme/members');
  await expect(wandb.bar.getByText('Organization acme')).toBeVisible();
  await expect(wandb.figures.getByRole('listitem')).toHaveText(expectedFigures(sim.state()));
  await expect(wandb.bar.getByRole('note')).toHaveCount(0);
});

for (const [path, scope] of [
  ['/account-settings/acme/settings', 'Organization acme'],
  ['/acme/settings', 'Organization acme'],
  ['/vision/settings', 'Team vision'],
] as const) {
  test(`the bar appears on ${path}`, async ({ wandb, sim }) => {
    await wandb.signIn(sim.sim.admin, path);
    await expect(wandb.page).toHaveURL(`https://wandb.ai${path}`);
    await expect(wandb.bar.getByText(scope, { exact: true })).toBeVisible();
    await expect(wandb.figures).toBeVisible();
  });
}

test('the team settings page counts that team only', async ({ wandb, sim }) => {
  await wandb.signIn(sim.sim.admin, '/vision/settings');
  const vision = sim.state().teams.find((team) => team.name === 'vision')!;
  const invites = sim.state().invites.filter((invite) => invite.team === 'vision').length;
  await expect(wandb.figures.getByRole('listitem').first()).toHaveText(`${vision.members.length} members`);
  await expect(wandb.figures.getByRole('listitem').nth(1)).toHaveText(
    `${invites} pending ${invites === 1 ? 'invite' : 'invites'}`,
  );
});

for (const path of ['/home', '/vision/detector']) {
  test(`no bar and no toolkit UI on ${path}`, async ({ wandb, sim }) => {
    await wandb.signIn(sim.sim.admin, path);
    await expect(wandb.page).toHaveURL(`https://wandb.ai${path}`);
    await wandb.page.waitForLoadState('networkidle');
    await expect(wandb.bar).toHaveCount(0);
    await expect(wandb.page.locator('wandb-admin-toolkit')).toHaveCount(0);
    expect(sim.graphqlRequests()).toEqual([]);
  });
}

test('the bar follows in-app navigation without a page load', async ({ wandb, sim }) => {
  await wandb.signIn(sim.sim.admin, '/home');
  await wandb.page.evaluate(() => {
    (window as unknown as { marker: string }).marker = 'same document';
  });
  await expect(wandb.bar).toHaveCount(0);

  await wandb.navigateInApp('Members');
  await expect(wandb.page).toHaveURL('https://wandb.ai/account-settings/acme/members');
  await expect(wandb.figures).toBeVisible();

  await wandb.navigateInApp('Home');
  await expect(wandb.page).toHaveURL('https://wandb.ai/home');
  await expect(wandb.bar).toHaveCount(0);

  await wandb.navigateInApp('Members');
  await expect(wandb.figures).toBeVisible();
  await expect(wandb.page.locator('wandb-admin-toolkit')).toHaveCount(1);
  expect(await wandb.page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe(
    'same document',
  );
});

test('the bar appears exactly once on every admin page load, however fast the admin navigates (50 loads)', async ({
  wandb,
  sim,
}) => {
  // Fifty page loads: 1.7–1.9 min on a loaded 2-core machine.
  test.setTimeout(150_000);
  const page = wandb.page;
  const hosts = () => page.evaluate(() => document.querySelectorAll('wandb-admin-toolkit').length);
  for (let load = 1; load <= 50; load++) {
    // Signing in lands on the members page; the admin opens it again at once, before the bar is up:
    // an injection the first document asked for must not land in the second.
    await page.goto(`https://wandb.ai/__sim/login?user=${sim.sim.admin}`, { waitUntil: 'commit' });
    await page.goto('https://wandb.ai/account-settings/acme/members', { waitUntil: 'commit' });
    await expect(wandb.figures, `load ${load}`).toBeVisible();
    await expect(wandb.bar, `load ${load}`).toHaveCount(1);
    expect(await hosts(), `load ${load}`).toBe(1);
  }
});

test('opening and closing a tool never moves the W&B page under it', async ({ wandb, sim }) => {
  await wandb.signIn(sim.sim.admin);
  await expect(wandb.figures).toBeVisible();
  const heading = wandb.page.getByRole('heading', { level: 1 });
  const top = async () => (await heading.boundingBox())?.y;
  const before = await top();
  expect(before).toBeGreaterThan(0);
  await wandb.bar.getByRole('button', { name: 'Bulk invite' }).click();
  const dialog = wandb.ui.getByRole('dialog', { name: 'Bulk invite' });
  await expect(dialog.getByLabel('Paste addresses or CSV')).toBeVisible();
  expect(await top()).toBe(before);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(wandb.bar.getByRole('button', { name: 'Bulk invite' })).toBeFocused();
  expect(await top()).toBe(before);
});

test('the bar is one row at 1024, 1280 and 1440 px in light and dark, a job chip appearing moves nothing, W&B’s own navigation stays below it, and More opens below it', async ({
  wandb,
  sim,
}, testInfo) => {
  await wandb.signIn(sim.sim.admin);
  await expect(wandb.figures).toBeVisible();
  const frame = wandb.page.locator('wandb-admin-toolkit iframe');
  const nav = wandb.page.getByText('Weights & Biases', { exact: true });
  const heading = wandb.page.getByRole('heading', { level: 1 });
  const headingTop = async () => (await heading.boundingBox())?.y;
  const oneRow = (await frame.boundingBox())!.height;
  // One row: the bar's padding and a button, not two rows of them.
  expect(oneRow).toBeLessThan(56);

  // A job W&B holds: its chip appears on the bar when the dialog closes.
  const gate = sim.hold({ operation: 'CreateInvite', count: 1 });
  await wandb.bar.getByRole('button', { name: 'Bulk invite' }).click();
  const dialog = wandb.ui.getByRole('dialog', { name: 'Bulk invite' });
  await dialog.getByLabel('Default team').selectOption('vision');
  await dialog.getByLabel('Paste addresses or CSV').fill('chip1@acme.test\nchip2@acme.test');
  await dialog.getByRole('button', { name: 'Dry run' }).click();
  await dialog.getByRole('button', { name: 'Send 2 invites' }).click();
  await dialog.getByRole('spinbutton', { name: 'Invites sent at once' }).fill('1');
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await gate.waitForHeld(1);
  await dialog.getByRole('button', { name: 'Close' }).click();
  const before = await headingTop();
  await expect(wandb.bar.getByRole('button', { name: /^Invite job running: 0 invited/ })).toBeVisible();
  expect(await headingTop()).toBe(before);

  for (const colorScheme of ['light', 'dark'] as const) {
    await wandb.page.emulateMedia({ colorScheme });
    for (const width of [1024, 1280, 1440]) {
      await wandb.page.setViewportSize({ width, height: 720 });
      await expect.poll(async () => (await frame.boundingBox())?.height).toBe(oneRow);
      // Every control of the row is inside the viewport, and W&B's navigation starts below the bar.
      for (const name of ['Bulk invite', 'Export members', 'Offboard member', 'More']) {
        const box = (await wandb.bar.getByRole('button', { name, exact: true }).boundingBox())!;
        expect(box.x + box.width, `${name} at ${width} px`).toBeLessThanOrEqual(width);
      }
      expect((await nav.boundingBox())!.y).toBeGreaterThanOrEqual(oneRow);
      await testInfo.attach(`bar-${colorScheme}-${width}`, {
        body: await wandb.page.screenshot({ clip: { x: 0, y: 0, width, height: 160 } }),
        contentType: 'image/png',
      });
    }
  }
  gate.open();

  // More: the options (and what a key enables) hang below the bar, drawn over the page, not clipped
  // by the bar's frame; Escape closes it, back on its button.
  await wandb.page.setViewportSize({ width: 1280, height: 720 });
  const more = wandb.bar.getByRole('button', { name: 'More' });
  await expect(more).toHaveAttribute('aria-expanded', 'false');
  await more.click();
  const panel = wandb.bar.getByRole('group', { name: 'More' });
  await expect(panel.getByRole('button', { name: 'Toolkit options' })).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Audit log' })).toBeVisible();
  const box = (await panel.boundingBox())!;
  const frameBox = (await frame.boundingBox())!;
  expect(box.y + box.height).toBeLessThanOrEqual(frameBox.y + frameBox.height);
  await wandb.page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(more).toBeFocused();
  await expect(more).toHaveAttribute('aria-expanded', 'false');
});
