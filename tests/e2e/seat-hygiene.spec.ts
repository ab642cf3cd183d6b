/** Seat hygiene (under More) lists what the simulator's state says, and downloads each list. */
import { readFile } from 'node:fs/promises';
import { DEFAULT_SEED_PATH, loadSeedFile } from '../simulator/seed';
import { expect, test } from './fixtures';

// The default seed, with one viewer holding a Full seat (a seat W&B bills for someone who only views).
const seed = loadSeedFile(DEFAULT_SEED_PATH);
seed.members = seed.members.map((m) => (m.username === 'peggy' ? { ...m, modelsSeat: 'full' } : m));
test.use({ simOptions: { seed } });

test('the lists match W&B’s state: active people, invites, viewers on Full seats and service accounts', async ({
  wandb,
  sim,
}) => {
  await wandb.signIn(sim.sim.admin);
  await expect(wandb.figures).toBeVisible({ timeout: 20_000 });
  const dialog = await wandb.openFromMore('Seat hygiene');
  await expect(dialog.getByRole('heading', { name: /^No activity for 90 days: \d+$/ })).toBeVisible({
    timeout: 30_000,
  });

  // With 0 days every active person's last activity is at least that old: the list is all of them.
  await dialog.getByLabel('No activity for (days)').fill('0');
  const state = sim.state();
  const people = state.members.filter((m) => m.accountType === 'user' && (m.status ?? 'active') === 'active');
  await expect(dialog.getByRole('heading', { name: 'No activity for 0 days:', exact: false })).toHaveText(
    `No activity for 0 days: ${people.length}`,
  );
  await expect(dialog.getByRole('heading', { name: /^Invites pending over 0 days/ })).toHaveText(
    `Invites pending over 0 days: ${state.invites.length}`,
  );
  const viewers = people.filter((m) => m.orgRole === 'viewer' && m.modelsSeat === 'full');
  expect(viewers.map((m) => m.username)).toEqual(['peggy']);
  await expect(
    dialog.getByRole('table', { name: 'Full seats held by viewers' }).getByRole('row'),
  ).toHaveCount(2);
  await expect(dialog.getByRole('heading', { name: /^Full seats held by viewers/ })).toHaveText(
    `Full seats held by viewers: ${viewers.length}`,
  );
  const services = state.members.filter((m) => m.accountType === 'service');
  await expect(dialog.getByRole('heading', { name: /^Service accounts/ })).toHaveText(
    `Service accounts: ${services.length}`,
  );

  const download = wandb.page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download service accounts (CSV)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^wandb-acme-service-accounts-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = (await readFile((await file.path())!, 'utf8'))
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  expect(lines[0]).toBe('username,name,email,org_role,models_seat,teams,last_active');
  expect(
    lines
      .slice(1)
      .map((line) => line.split(',')[0])
      .sort(),
  ).toEqual(services.map((m) => m.username).sort());
});
