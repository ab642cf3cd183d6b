import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { expect, test } from './fixtures';

test('a bulk invite sent through the toolkit is in the Audit log (under More) and in its downloaded CSV', async ({
  wandb,
  sim,
}) => {
  await wandb.signIn(sim.sim.admin);
  // A real write: one invite, sent by the extension to W&B.
  await wandb.bar.getByRole('button', { name: 'Bulk invite' }).click();
  const invite = wandb.ui.getByRole('dialog', { name: 'Bulk invite' });
  await invite.getByLabel('Default team').selectOption('vision');
  await invite.getByLabel('Paste addresses or CSV').fill('audited.person@acme.test');
  await invite.getByRole('button', { name: 'Dry run' }).click();
  await invite.getByRole('button', { name: 'Send 1 invite' }).click();
  await invite.getByRole('button', { name: 'Confirm' }).click();
  await expect(invite.getByText(/Invited 1 · Skipped 0 · Failed 0 · Left 0/)).toBeVisible({
    timeout: 20_000,
  });
  const sent = sim
    .graphqlRequests()
    .filter((request) => request.operationName === 'CreateInvite' && request.result === 'ok');
  expect(sent.map((request) => request.variables)).toEqual([
    expect.objectContaining({ entity: 'vision', email: 'audited.person@acme.test' }),
  ]);
  await invite.getByRole('button', { name: 'Close' }).click();

  // The Audit log is under More (the row stays one row at 1024 px); it lists the invite.
  const dialog = await wandb.openFromMore('Audit log');
  const row = dialog
    .getByRole('table', { name: 'Audit entries' })
    .getByRole('row')
    .filter({ hasText: 'audited.person@acme.test → vision' });
  await expect(row.getByRole('cell')).toHaveText([
    /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/,
    'alice',
    'Invite',
    'audited.person@acme.test → vision',
    'ok',
    'wandb.ai',
    'acme',
    /^invite \S+$/,
  ]);
  await dialog.getByRole('searchbox', { name: 'Member' }).fill('audited.person');
  await dialog.getByLabel('Action').selectOption('Invite');
  await expect(dialog.getByRole('status')).toHaveText('1 of 1 entry shown');

  const download = wandb.page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download CSV' }).click();
  expect((await download).suggestedFilename()).toMatch(/^wandb-acme-audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = await readFile((await (await download).path())!, 'utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  const csv = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: true,
  });
  expect(csv.meta.fields).toEqual(['at', 'actor', 'action', 'host', 'org', 'target', 'result', 'detail']);
  expect(csv.data).toEqual([
    {
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      actor: 'alice',
      action: 'invite',
      host: 'wandb.ai',
      org: 'acme',
      target: 'audited.person@acme.test → vision',
      result: 'ok',
      detail: expect.stringMatching(/^invite \S+$/),
    },
  ]);

  // Closing gives focus back to More, whose panel held the button.
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(wandb.bar.getByRole('button', { name: 'More' })).toBeFocused();
});
