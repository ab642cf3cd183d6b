/**
 * Bulk invite of a 10,000-row file in Chromium, for `npm run bench`: every long task (> 50 ms) on
 * the W&B page's main thread from picking the file to the dry run on screen. The simulated page
 * is idle by then, so the long tasks seen are the extension's parsing and classifying.
 */
import { launchWithExtension } from '../tests/e2e/browser';
import { startSimulator } from '../tests/simulator/server';
import { openMembersPage, RECORD_LONG_TASKS } from './toolkit-frame';

export async function inviteParseLongTasks(rows = 10_000) {
  const sim = await startSimulator({ generate: { members: 2000, teams: 20, seed: 5 } });
  const browser = await launchWithExtension({ port: sim.port, spki: sim.spki });
  try {
    const { page, ui, frame } = await openMembersPage(browser.context, sim);
    const team = sim.state.toSeed().teams[0]!.name;
    const lines = ['Email,Team,Team role,Display name'];
    for (let i = 0; i < rows; i++) lines.push(`person${i}@bench.test,${team},member,Person ${i}`);
    await ui.getByRole('button', { name: 'Bulk invite' }).click();
    const dialog = ui.getByRole('dialog', { name: 'Bulk invite' });
    await dialog.getByLabel('Choose a CSV, TSV or TXT file').waitFor({ state: 'attached' });
    await page.waitForTimeout(1000);
    // The toolkit frame's thread (where the parsing runs) and the W&B page's own.
    await frame.evaluate(RECORD_LONG_TASKS);
    await page.evaluate(RECORD_LONG_TASKS);
    const started = performance.now();
    await dialog.getByLabel('Choose a CSV, TSV or TXT file').setInputFiles({
      name: 'people.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(lines.join('\r\n')),
    });
    await dialog.getByText(`${rows.toLocaleString('en-US')} rows read`).waitFor({ timeout: 60_000 });
    const parsedLongTasks = ((await frame.evaluate('window.__longTasks')) as number[]).length;
    await dialog.getByRole('button', { name: 'Dry run' }).click();
    await dialog.getByRole('list', { name: 'Rows per status' }).waitFor({ timeout: 60_000 });
    const shownMs = performance.now() - started;
    await page.waitForTimeout(500);
    const longTasks = (await frame.evaluate('window.__longTasks')) as number[];
    const pageLongTasks = (await page.evaluate('window.__longTasks')) as number[];
    return {
      rows,
      shownMs,
      longTasks,
      /** Long tasks while reading the file, then while classifying and showing the dry run. */
      parseLongTasks: longTasks.slice(0, parsedLongTasks),
      dryRunLongTasks: longTasks.slice(parsedLongTasks),
      maxLongTaskMs: Math.max(0, ...longTasks),
      pageLongTasks,
    };
  } finally {
    await browser.close();
    await sim.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await inviteParseLongTasks(), null, 2));
}
