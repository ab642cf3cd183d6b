/**
 * Hostile names are inert in every dialog that shows names: HTML and script tags stay text, a
 * right-to-left override is made visible, a newline and a 10,000-character name neither break the
 * layout nor hide the controls. Names come from W&B (the offboarding picker, the reconciliation's
 * orphans) or from the admin's own file (the bulk-invite dry run, the identity provider's export).
 */
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures';

const LONG = `Long${'o'.repeat(9_996)}`;
const HOSTILE = [
  { userName: 'scripty', email: 'scripty@acme.test', name: '<script>window.__pwned = 1</script>Scripty' },
  { userName: 'imgtag', email: 'imgtag@acme.test', name: '<img src=x onerror="window.__pwned = 2">Imogen' },
  { userName: 'rtl', email: 'rtl@acme.test', name: 'Eve \u202Egnp.exe' },
  { userName: 'newline', email: 'newline@acme.test', name: 'Line\nBreak' },
  { userName: 'longname', email: 'longname@acme.test', name: LONG },
];

/** Whether anything ran: in the page's world and in the toolkit frame's. */
async function pwned(page: Page): Promise<unknown[]> {
  const frame = await (await page.locator('wandb-admin-toolkit iframe').elementHandle())?.contentFrame();
  return [
    await page.evaluate(() => (window as { __pwned?: unknown }).__pwned ?? null),
    await frame?.evaluate(() => (window as { __pwned?: unknown }).__pwned ?? null),
  ];
}

test('hostile names from W&B are inert text in the offboarding picker', async ({ wandb, sim }) => {
  for (const member of HOSTILE) sim.sim.state.createUser({ ...member, teams: ['vision'] });
  await wandb.signIn(sim.sim.admin);
  await wandb.bar.getByRole('button', { name: 'Offboard member' }).click();
  const dialog = wandb.ui.getByRole('dialog', { name: 'Offboard member' });
  const search = dialog.getByRole('searchbox', { name: 'Search members' });
  const matches = dialog.getByRole('list', { name: 'Matching members' });
  const close = dialog.getByRole('button', { name: 'Close' });

  await search.fill('scripty');
  await expect(matches).toContainText('<script>window.__pwned = 1</script>Scripty');
  await search.fill('imgtag');
  await expect(matches).toContainText('<img src=x onerror="window.__pwned = 2">Imogen');
  await search.fill('rtl');
  await expect(matches).toContainText('Eve [U+202E]gnp.exe');
  await search.fill('newline');
  await expect(matches.getByRole('button', { name: /\(newline\)/ })).toBeVisible();
  await search.fill('longname');
  await expect(matches.getByRole('button', { name: /\(longname\)/ })).toBeVisible();
  await expect(close).toBeInViewport();
  expect(await pwned(wandb.page)).toEqual([null, null]);
});

test('hostile names in the admin’s own file are inert text in the bulk-invite dry run', async ({
  wandb,
  sim,
}) => {
  await wandb.signIn(sim.sim.admin);
  await wandb.bar.getByRole('button', { name: 'Bulk invite' }).click();
  const dialog = wandb.ui.getByRole('dialog', { name: 'Bulk invite' });
  const quote = (text: string) => `"${text.replaceAll('"', '""')}"`;
  const input = [
    'email,team,name',
    ...HOSTILE.map((member, i) => `new${i}@acme.test,vision,${quote(member.name)}`),
  ].join('\n');
  await dialog.getByLabel('Paste addresses or CSV').fill(input);
  await dialog.getByRole('button', { name: 'Dry run' }).click();
  await expect(dialog.getByRole('list', { name: 'Rows per status' })).toContainText(`new: ${HOSTILE.length}`);
  const table = dialog.getByRole('table', { name: 'Dry run' });
  await expect(table).toContainText('new0@acme.test');
  await expect(table).toContainText(`new${HOSTILE.length - 1}@acme.test`);
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeInViewport();
  expect(await pwned(wandb.page)).toEqual([null, null]);
  expect(sim.graphqlRequests().filter((request) => request.operationName === 'CreateInvite')).toEqual([]);
});

test('hostile names from W&B are inert text in the export preview', async ({ wandb, sim }) => {
  for (const member of HOSTILE) sim.sim.state.createUser(member);
  sim.sim.state.createTeam(
    'hostile',
    HOSTILE.map((member) => member.userName),
  );
  await wandb.signIn(sim.sim.admin);
  await wandb.bar.getByRole('button', { name: 'Export members' }).click();
  const dialog = wandb.ui.getByRole('dialog', { name: 'Export members' });
  await expect(dialog.getByRole('button', { name: 'Export', exact: true })).toBeEnabled({ timeout: 30_000 });
  await dialog.getByText('Filters', { exact: true }).click();
  await dialog.getByRole('group', { name: 'Team', exact: true }).getByLabel('hostile').check();
  const rows = dialog.getByRole('region', { name: 'Rows' });
  await expect(rows).toContainText('<script>window.__pwned = 1</script>Scripty');
  await expect(rows).toContainText('<img src=x onerror="window.__pwned = 2">Imogen');
  await expect(rows).toContainText('Eve [U+202E]gnp.exe');
  await expect(rows).toContainText('longname');
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeInViewport();
  expect(await pwned(wandb.page)).toEqual([null, null]);
});

test('hostile names from W&B and from the identity provider’s export are inert text in the reconciliation', async ({
  wandb,
  sim,
}) => {
  for (const member of HOSTILE) sim.sim.state.createUser({ ...member, teams: ['vision'] });
  await wandb.signIn(sim.sim.admin);
  await expect(wandb.figures).toBeVisible({ timeout: 20_000 });
  const dialog = await wandb.openFromMore('Reconcile with IdP');
  await expect(dialog.getByText(/\d+ members read from W&B/)).toBeVisible({ timeout: 20_000 });
  const quote = (text: string) => `"${text.replaceAll('"', '""')}"`;
  // Every other member is in the export, so the members with hostile names are the orphans; the
  // export's own people with those names are not members.
  const hostile = new Set(HOSTILE.map((member) => member.email));
  const input = [
    'email,name,status',
    ...sim
      .state()
      .members.filter((member) => !hostile.has(member.email))
      .map((member) => `${member.email},,Active`),
    ...HOSTILE.map((member, i) => `idp${i}@acme.test,${quote(member.name)},Active`),
  ].join('\n');
  await dialog.getByLabel('Paste the export').fill(input);
  const orphans = dialog.getByRole('table', { name: 'Orphans' });
  await expect(dialog.getByRole('heading', { name: /^Orphans:/ })).toHaveText(`Orphans: ${HOSTILE.length}`);
  await expect(orphans).toContainText('<script>window.__pwned = 1</script>Scripty');
  await expect(orphans).toContainText('<img src=x onerror="window.__pwned = 2">Imogen');
  await expect(orphans).toContainText('Eve [U+202E]gnp.exe');
  const notMembers = dialog.getByRole('table', { name: 'Not members' });
  await expect(notMembers).toContainText('<script>window.__pwned = 1</script>Scripty');
  await dialog.getByRole('button', { name: 'Link scripty to an account in the export' }).click();
  const options = dialog.getByRole('listbox', { name: 'Accounts in the export' });
  await expect(options).toContainText('<img src=x onerror="window.__pwned = 2">Imogen');
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeInViewport();
  expect(await pwned(wandb.page)).toEqual([null, null]);
});
