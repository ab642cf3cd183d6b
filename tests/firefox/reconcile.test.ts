/**
 * Firefox: Reconcile with IdP (More), where the reconciliation runs in a worker of the add-on's own
 * page: a pasted export of a generated org with planted orphans (../e2e/idp-export.ts) lists
 * exactly those orphans, a same-person link takes the mismatch off, the file holds the lists, and
 * one click from an orphan opens the offboarding checklist on them.
 */
import type { ElementHandle } from 'puppeteer-core';
import { describe, expect, test } from 'vitest';
import { plantIdpExport } from '../e2e/idp-export';
import { generateOrg } from '../simulator/generate';
import { expectNoExtensionErrors } from './console';
import { filesIn, parseCsv, waitForDownload } from './expectations';
import { firefoxForThisFile, signIn } from './harness';
import { clickWhenEnabled, fill, findAll, get, type Place, text, toolkitUi, waitFor } from './ui';

const seed = generateOrg({ members: 240, teams: 12, seed: 14 });
const planted = plantIdpExport(seed, { orphans: 4, suspended: 3, mismatched: 1, newHires: 2 });
const mismatch = planted.mismatched[0]!;
const context = firefoxForThisFile({ sim: { seed } });

/** The first cell of each row of a list's table, once its heading shows `count`. */
async function firstCells(ui: Place, dialog: ElementHandle, name: string, heading: RegExp, count: number) {
  const title = await get(ui, { role: 'heading', name: heading }, dialog, 30_000);
  await waitFor(
    () => text(title),
    (shown) => shown.endsWith(`: ${count}`),
    30_000,
  );
  const table = await get(ui, { role: 'table', name }, dialog);
  const cells = await table.$$('tbody tr:not(.wbat-spacer) td:first-child');
  return (await Promise.all(cells.map(text))).sort();
}

async function openReconcile() {
  await signIn(context);
  const ui = await toolkitUi(context.ff.page);
  const toolbar = await get(ui, { role: 'toolbar', name: 'W&B Admin Toolkit' }, undefined, 20_000);
  await get(ui, { role: 'list', name: 'Figures' }, toolbar, 20_000);
  await (await get(ui, { role: 'button', name: 'More' }, toolbar)).click();
  const more = await get(ui, { role: 'group', name: 'More' }, toolbar);
  await (await get(ui, { role: 'button', name: 'Reconcile with IdP' }, more)).click();
  const dialog = await get(ui, { role: 'dialog', name: 'Reconcile with IdP' });
  await waitFor(
    () => text(dialog),
    (shown) => /\d+ members read from W&B/.test(shown),
    30_000,
  );
  await fill(await get(ui, { role: 'textbox', name: 'Allowed email domains' }, dialog), planted.domain);
  await fill(await get(ui, { role: 'textbox', name: 'Paste the export' }, dialog), planted.csv);
  return { ui, dialog };
}

describe('Firefox: Reconcile with IdP', () => {
  test('the orphans of a pasted export are exactly the planted ones; a link takes the mismatch off; the file holds the lists', async () => {
    const { ui, dialog } = await openReconcile();
    const orphans = /^Orphans:/;
    expect(await firstCells(ui, dialog, 'Orphans', orphans, planted.orphans.length + 1)).toEqual(
      [...planted.orphans, mismatch.username].sort(),
    );
    expect(
      await firstCells(
        ui,
        dialog,
        'Suspended in the identity provider, holding a seat',
        /^Suspended in the identity provider/,
        planted.suspended.length,
      ),
    ).toEqual(planted.suspended);

    await (
      await get(ui, { role: 'button', name: `Link ${mismatch.username} to an account in the export` }, dialog)
    ).click();
    const picker = await get(ui, { role: 'region', name: `Same person as ${mismatch.username}` }, dialog);
    const combo = await get(ui, { role: 'combobox', name: 'Account in the export' }, picker);
    await combo.type(mismatch.idpEmail.slice(0, 8));
    await get(
      ui,
      { role: 'option', name: new RegExp(`^${mismatch.idpEmail.replaceAll('.', '\\.')}`) },
      picker,
    );
    await combo.press('ArrowDown');
    await combo.press('Enter');
    await clickWhenEnabled(
      await get(ui, { role: 'button', name: `Link ${mismatch.username} to ${mismatch.idpEmail}` }, picker),
    );
    expect(await firstCells(ui, dialog, 'Orphans', orphans, planted.orphans.length)).toEqual(planted.orphans);

    const before = filesIn(context.ff.downloadDir);
    await (await get(ui, { role: 'button', name: 'Download all three lists (CSV)' }, dialog)).click();
    const file = await waitForDownload(
      context.ff.downloadDir,
      before,
      /^wandb-acme-idp-reconciliation-\d{4}-\d{2}-\d{2}\.csv$/,
    );
    const { rows } = parseCsv(file.text);
    const of = (list: string, column: string) =>
      rows
        .filter((row) => row.list === list)
        .map((row) => row[column])
        .sort();
    expect(of('orphans', 'username')).toEqual(planted.orphans);
    expect(of('suspended-with-seat', 'username')).toEqual(planted.suspended);
    expect(of('not-members', 'email')).toEqual([...planted.newHires].sort());
  });

  test('the link is kept: the dialog opened again applies it; one click from an orphan opens the checklist on them', async () => {
    const { ui, dialog } = await openReconcile();
    const links = await get(ui, { role: 'list', name: 'Links' }, dialog);
    // Listed as soon as the links are read; "applied" once the pasted export is matched.
    const applied = `is ${mismatch.idpEmail} in the identity provider — applied`;
    expect(
      await waitFor(
        () => text(links),
        (shown) => shown.includes(applied),
        30_000,
      ),
    ).toContain(applied);
    expect(await firstCells(ui, dialog, 'Orphans', /^Orphans:/, planted.orphans.length)).toEqual(
      planted.orphans,
    );

    const orphan = planted.orphans[0]!;
    const member = seed.members.find((m) => m.username === orphan)!;
    await (await get(ui, { role: 'button', name: `Offboard ${orphan}` }, dialog)).click();
    const offboard = await get(ui, { role: 'dialog', name: 'Offboard member' }, undefined, 20_000);
    const region = await get(ui, { role: 'region', name: 'Member' }, offboard, 30_000);
    const heading = await get(ui, { role: 'heading' }, region);
    expect(await text(heading)).toBe(`${member.name} (${orphan})`);
    expect(await findAll(ui, { role: 'dialog', name: 'Reconcile with IdP' })).toEqual([]);
  });

  test('nothing went wrong on the W&B page or on the add-on’s console (the worker included)', async () => {
    expect(context.pageErrors).toEqual([]);
    await expectNoExtensionErrors(context.ff, [`${context.ff.extensionBase}_generated_background_page.html`]);
  });
});
