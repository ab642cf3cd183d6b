/**
 * Firefox smoke journeys on the org members page: the add-on installs, the bar shows the figures,
 * Export members downloads the organization as the simulator has it, and a bulk-invite dry run
 * classifies pasted rows without inviting anyone.
 */
import { describe, expect, test } from 'vitest';
import { expectNoExtensionErrors } from './console';
import {
  EXPORT_HEADER,
  expectedExportRows,
  expectedFigures,
  exportKey,
  filesIn,
  parseCsv,
  waitForDownload,
} from './expectations';
import { ADDON_ID } from './firefox';
import { firefoxForThisFile, signIn } from './harness';
import { clickWhenEnabled, fill, findAll, get, text, toolkitUi, waitFor } from './ui';

const context = firefoxForThisFile();

async function bar() {
  const ui = await toolkitUi(context.ff.page);
  return { ui, bar: await get(ui, { role: 'toolbar', name: 'W&B Admin Toolkit' }, undefined, 20_000) };
}

async function figures(): Promise<string[]> {
  const { ui, bar: toolbar } = await bar();
  const list = await get(ui, { role: 'list', name: 'Figures' }, toolbar);
  return Promise.all((await findAll(ui, { role: 'listitem' }, list)).map(text));
}

async function openDialog(name: string) {
  const { ui, bar: toolbar } = await bar();
  await (await get(ui, { role: 'button', name }, toolbar)).click();
  return { ui, dialog: await get(ui, { role: 'dialog', name }) };
}

describe('Firefox: the org members page', () => {
  test('the add-on installs as a temporary add-on, without warnings, and its background page runs', async () => {
    const { addons } = (await context.ff.rdp.request('root', 'listAddons')) as unknown as {
      addons: { id: string; temporarilyInstalled: boolean; warnings: string[]; name: string }[];
    };
    expect(addons.find((addon) => addon.id === ADDON_ID)).toMatchObject({
      name: 'Admin Toolkit for W&B',
      temporarilyInstalled: true,
      warnings: [],
    });
    expect(context.ff.extensionConsole.pages()).toContain(
      `${context.ff.extensionBase}_generated_background_page.html`,
    );
  });

  test('the bar shows the organization, members, invites and seats as the simulator has them', async () => {
    await signIn(context);
    expect(context.ff.page.url()).toBe('https://wandb.ai/account-settings/acme/members');
    const { bar: toolbar } = await bar();
    expect(
      await waitFor(
        () => text(toolbar),
        (shown) => shown.includes(`Organization ${context.sim.org}`),
      ),
    ).toContain(`Organization ${context.sim.org}`);
    const expected = expectedFigures(context.sim.state.toSeed());
    expect(await waitFor(figures, (shown) => JSON.stringify(shown) === JSON.stringify(expected))).toEqual(
      expected,
    );
  });

  test('Export members downloads a CSV whose rows are the members and invites the simulator has', async () => {
    await signIn(context);
    const { ui, dialog } = await openDialog('Export members');
    const exportButton = await get(ui, { role: 'button', name: 'Export' }, dialog);
    const before = filesIn(context.ff.downloadDir);
    // The directory loads first; the button is enabled when it is ready.
    await clickWhenEnabled(exportButton, 30_000);
    const file = await waitForDownload(
      context.ff.downloadDir,
      before,
      new RegExp(`^wandb-${context.sim.org}-members-\\d{4}-\\d{2}-\\d{2}\\.csv$`),
    );
    expect(file.text.startsWith('\uFEFF')).toBe(true);
    const { header, rows } = parseCsv(file.text);
    expect(header).toEqual(EXPORT_HEADER);
    const expected = expectedExportRows(context.sim.state.toSeed());
    expect(new Map(rows.map((row) => [exportKey(row), row]))).toEqual(expected);
    expect(rows).toHaveLength(expected.size);
  });

  test('a bulk-invite dry run classifies the pasted rows and invites no one', async () => {
    const state = context.sim.state.toSeed();
    const team = state.teams.find((t) => t.members.length > 0)!;
    const member = state.members.find((m) => m.username === team.members[0]!.username)!;
    const invite = state.invites[0]!;
    const unknownTeam = `${team.name}-no-such-team`;
    expect(state.teams.map((t) => t.name)).not.toContain(unknownTeam);
    const known = new Set([...state.members.map((m) => m.email), ...state.invites.map((i) => i.email)]);
    const fresh = ['ff.new.one@acme.test', 'ff.new.two@acme.test'];
    for (const email of fresh) expect(known.has(email)).toBe(false);
    const input = [
      'email,team,team role',
      `${fresh[0]},${team.name},member`,
      `${fresh[1]},${team.name},admin`,
      `${member.email},${team.name},member`, // already in that team
      `${invite.email},${invite.team},member`, // already invited there
      `${fresh[0]},${team.name},member`, // duplicate of row 2
      'not-an-email,vision,member',
      `ff.new.three@acme.test,${unknownTeam},member`,
    ].join('\n');

    await signIn(context);
    context.sim.clearRequests();
    const { ui, dialog } = await openDialog('Bulk invite');
    await fill(await get(ui, { role: 'textbox', name: 'Paste addresses or CSV' }, dialog), input);
    await clickWhenEnabled(await get(ui, { role: 'button', name: 'Dry run' }, dialog));
    const perStatus = await get(ui, { role: 'list', name: 'Rows per status' }, dialog, 20_000);
    expect(
      await waitFor(
        () => text(perStatus),
        (shown) => shown.includes('new: 2'),
      ),
    ).toContain('new: 2');

    const before = filesIn(context.ff.downloadDir);
    await clickWhenEnabled(await get(ui, { role: 'button', name: 'Download dry run' }, dialog));
    const file = await waitForDownload(context.ff.downloadDir, before, /dry-run.*\.csv$/);
    const { header, rows } = parseCsv(file.text);
    expect(header).toEqual(['row', 'email', 'teams', 'team_role', 'org_role', 'status', 'reason']);
    expect(rows.map((row) => [row.row, row.email, row.status])).toEqual([
      ['2', fresh[0], 'new'],
      ['3', fresh[1], 'new'],
      ['4', member.email, 'member'],
      ['5', invite.email, 'invited'],
      ['6', fresh[0], 'duplicate'],
      ['7', 'not-an-email', 'invalid'],
      ['8', 'ff.new.three@acme.test', 'invalid'],
    ]);
    expect(rows[6]?.reason).toContain(unknownTeam);
    // A dry run reads; it never invites.
    const creates = context.sim.requests().filter((request) => request.operationName === 'CreateInvite');
    expect(creates).toEqual([]);
    expect(context.sim.state.toSeed().invites).toEqual(state.invites);
  });

  test('a bulk invite sends each new row once, and the dialog follows the job to its end (Firefox frames ask the background for the counts)', async () => {
    const before = context.sim.state.toSeed();
    const team = before.teams.find((t) => t.members.length > 0)!;
    const fresh = ['ff.job.one@acme.test', 'ff.job.two@acme.test'];
    const known = new Set([...before.members.map((m) => m.email), ...before.invites.map((i) => i.email)]);
    for (const email of fresh) expect(known.has(email)).toBe(false);

    // The dry run's dialog is still open: close it, and open the tool afresh.
    {
      const { ui } = await bar();
      const open = await get(ui, { role: 'dialog', name: 'Bulk invite' });
      await (await get(ui, { role: 'button', name: 'Close' }, open)).click();
    }
    context.sim.clearRequests();
    const { ui, dialog } = await openDialog('Bulk invite');
    await fill(
      await get(ui, { role: 'textbox', name: 'Paste addresses or CSV' }, dialog),
      ['email,team,team role', `${fresh[0]},${team.name},member`, `${fresh[1]},${team.name},member`].join(
        '\n',
      ),
    );
    await clickWhenEnabled(await get(ui, { role: 'button', name: 'Dry run' }, dialog));
    await clickWhenEnabled(await get(ui, { role: 'button', name: 'Send 2 invites' }, dialog, 20_000));
    await clickWhenEnabled(await get(ui, { role: 'button', name: 'Confirm' }, dialog));
    expect(
      await waitFor(
        () => text(dialog),
        (shown) => shown.includes('Invited 2 · Skipped 0 · Failed 0 · Left 0'),
        20_000,
      ),
    ).toContain('Invited 2 · Skipped 0 · Failed 0 · Left 0');

    const sent = context.sim
      .requests()
      .filter((request) => request.operationName === 'CreateInvite' && request.result === 'ok');
    expect(sent).toHaveLength(2);
    const invites = context.sim.state.toSeed().invites;
    for (const email of fresh) {
      expect(invites.filter((invite) => invite.email === email)).toEqual([
        expect.objectContaining({ team: team.name, role: 'member' }),
      ]);
    }
  });

  test('nothing went wrong on the W&B page, on the extension console of the background page, or from the add-on in the W&B tab', async () => {
    expect(context.pageErrors).toEqual([]);
    await expectNoExtensionErrors(context.ff, [`${context.ff.extensionBase}_generated_background_page.html`]);
  });
});
