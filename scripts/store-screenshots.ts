/**
 * The store listing's screenshots (docs/store/screenshots/), 1280×800 as the Chrome Web Store and
 * addons.mozilla.org take them, written by `npm run demo -- --headless --screenshot docs/store/screenshots/`
 * against the default simulated org `acme`: the bar on the Members page, a bulk-invite dry run,
 * the export preview, and the offboarding impact of a member. Nothing is sent or changed: the dry
 * run classifies only, the export is not downloaded, and no offboarding case is opened.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';

export const STORE_VIEWPORT = { width: 1280, height: 800 };

const WAIT = { timeout: 30_000 };
const DRY_RUN_INPUT = [
  'email,team,team role',
  'new.person@acme.test,vision,member',
  'second.new@acme.test,nlp,admin',
  'carol@acme.test,vision,member',
  'new.person@acme.test,vision,member',
  'not-an-email,vision,member',
].join('\n');

/** Writes the four store screenshots into `dir`; returns their paths. */
export async function writeStoreScreenshots(page: Page, dir: string, membersUrl: string): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  const shot = async (name: string) => {
    const path = join(dir, name);
    await page.screenshot({ path });
    written.push(path);
  };
  const bar = () => page.getByRole('toolbar', { name: 'W&B Admin Toolkit' });
  const freshMembersPage = async () => {
    await page.goto(membersUrl);
    await bar().getByRole('list', { name: 'Figures' }).waitFor(WAIT);
  };

  await freshMembersPage();
  await shot('1-members-page-bar.png');

  await bar().getByRole('button', { name: 'Bulk invite' }).click();
  const invite = page.getByRole('dialog', { name: 'Bulk invite' });
  await invite.getByLabel('Paste addresses or CSV').fill(DRY_RUN_INPUT);
  await invite.getByRole('button', { name: 'Dry run' }).click();
  await invite.getByRole('list', { name: 'Rows per status' }).waitFor(WAIT);
  await shot('2-bulk-invite-dry-run.png');

  await freshMembersPage();
  await bar().getByRole('button', { name: 'Export members' }).click();
  const exporter = page.getByRole('dialog', { name: 'Export members' });
  await exporter
    .getByRole('button', { name: 'Export', exact: true })
    .and(page.locator(':enabled'))
    .waitFor(WAIT);
  const count = exporter.locator('output');
  const unfiltered = (await count.textContent()) ?? '';
  await exporter.getByRole('group', { name: 'Team', exact: true }).getByLabel('vision').check();
  await expect(count).not.toHaveText(unfiltered, WAIT);
  await exporter
    .getByRole('region', { name: 'Rows' })
    .evaluate((region) => region.scrollIntoView({ block: 'start' }));
  await shot('3-export-preview.png');

  await freshMembersPage();
  await bar().getByRole('button', { name: 'Offboard member' }).click();
  const offboard = page.getByRole('dialog', { name: 'Offboard member' });
  await offboard.getByRole('searchbox', { name: 'Search members' }).fill('dave');
  await offboard
    .getByRole('list', { name: 'Matching members' })
    .getByRole('button', { name: /\(dave\)/ })
    .click();
  await offboard.getByRole('region', { name: 'Teams' }).waitFor(WAIT);
  await offboard.getByRole('region', { name: 'API keys' }).getByText('cannot be read').waitFor(WAIT);
  await shot('4-offboarding-impact.png');
  return written;
}
