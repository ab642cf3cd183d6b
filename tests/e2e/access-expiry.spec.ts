/**
 * Time-bound access (under More): a last day of access set on a seeded member is watched by an
 * alarm that survives the worker being stopped; when it passes (the worker's clock moved forward,
 * the alarm brought forward), the action badge, the bar and the popup say so, and one click opens
 * the offboarding checklist on that member — from the dialog, and from the popup in a new tab.
 */
import { expect, test, WandbPage } from './fixtures';

// Directory reads, a worker restart and a second tab: up to ~25 s on a loaded 2-core machine.
test.describe.configure({ timeout: 60_000 });
const W = { timeout: 20_000 };
const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` on the browser's calendar, `days` from now (the worker shares the browser's time zone). */
const browserDay = (page: import('@playwright/test').Page, days: number) =>
  page.evaluate((d) => {
    const at = new Date(Date.now() + d * 86_400_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
  }, days);

test('a last day of access passes (clock moved) and opens the offboarding checklist on the member', async ({
  wandb,
  sim,
  browser_,
}) => {
  const sw = browser_.serviceWorker;
  await wandb.signIn(sim.sim.admin);
  await expect(wandb.figures).toBeVisible(W);
  const dialog = await wandb.openFromMore('Time-bound access');
  await expect(dialog.getByText(/members\. Type to search/)).toBeVisible(W);
  await dialog.getByRole('searchbox', { name: 'Search members' }).fill('frank');
  await dialog
    .getByRole('list', { name: 'Matching members' })
    .getByRole('button', { name: /Frank Fischer \(frank\)/ })
    .click();
  const form = dialog.getByRole('form', { name: 'Last day of access for frank' });
  const [today, yesterday] = [await browserDay(wandb.page, 0), await browserDay(wandb.page, -1)];
  await form.getByLabel('Last day of access').fill(yesterday);
  await form.getByRole('button', { name: 'Set last day' }).click();
  await expect(form.getByRole('alert')).toHaveText(
    `Last day of access: ${yesterday} is in the past (today is ${today}); choose today or a later day.`,
  );
  await form.getByLabel('Last day of access').fill(today);
  await form.getByRole('textbox', { name: 'Note (optional)' }).fill('contract ends');
  await form.getByRole('button', { name: 'Set last day' }).click();
  await expect(dialog.getByRole('status')).toHaveText(`frank’s last day of access is ${today}.`);
  const table = dialog.getByRole('table', { name: 'Members with a last day of access' });
  await expect(table.getByRole('row').nth(1)).toContainText('Ends today');
  await expect(table.getByRole('button', { name: 'Offboard frank' })).toHaveCount(0);

  // One alarm, at midnight after the last day on the browser's clock.
  const midnight = (await sw.evaluate(
    `(() => { const d = new Date(); return new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime(); })()`,
  )) as number;
  const alarmTime = () =>
    sw.evaluate(`chrome.alarms.get('access-expiry').then((a) => (a ? a.scheduledTime : null))`);
  expect(await alarmTime()).toBe(midnight);

  // The browser drops the alarm and stops the worker (as a restart does): the new worker re-creates it.
  await sw.evaluate(`chrome.alarms.clear('access-expiry')`);
  expect(await alarmTime()).toBeNull();
  const cdp = await browser_.context.newCDPSession(wandb.page);
  await sw.evaluate('self.__wbatBeforeRestart = true');
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.send('ServiceWorker.startWorker', { scopeURL: `chrome-extension://${browser_.extensionId}/` });
  await cdp.detach();
  // An evaluate on a stopped worker neither answers nor fails: each try is bounded.
  const bounded = <T>(promise: Promise<T>) =>
    Promise.race([
      promise,
      new Promise<string>((resolve) =>
        AbortSignal.timeout(2_000).addEventListener('abort', () => resolve('no answer')),
      ),
    ]);
  await expect
    .poll(() => bounded(sw.evaluate('self.__wbatBeforeRestart === true')).catch(() => 'stopped'), W)
    .toBe(false);
  await expect.poll(alarmTime, W).toBe(midnight);
  expect(await sw.evaluate('chrome.action.getBadgeText({})')).toBe('');

  // The clock: the worker's moves two days on (the date has passed); the alarm is brought forward.
  await sw.evaluate(
    `(() => { const real = Date.now.bind(Date); self.__wbatRealNow = real; Date.now = () => real() + ${2 * DAY_MS}; })()`,
  );
  await sw.evaluate(`chrome.alarms.create('access-expiry', { when: self.__wbatRealNow() + 200 })`);
  await expect.poll(() => sw.evaluate('chrome.action.getBadgeText({})'), W).toBe('1');
  expect(await sw.evaluate('chrome.action.getTitle({})')).toBe(
    'Access expired: frank (acme on wandb.ai) — click to offboard',
  );
  expect(await alarmTime()).toBeNull();

  // The bar counts it once the dialog closes, and its button opens the tool on the list.
  await dialog.getByRole('button', { name: 'Close' }).click();
  await wandb.bar.getByRole('button', { name: '1 access expired' }).click();
  await expect(table.getByRole('row').nth(1)).toContainText('Expired (seen ');
  await table.getByRole('button', { name: 'Offboard frank' }).click();
  const offboard = wandb.ui.getByRole('dialog', { name: 'Offboard member' });
  await expect(offboard.getByRole('region', { name: 'Member' })).toContainText('Frank Fischer (frank)', W);
  await expect(offboard.getByRole('button', { name: 'Start offboarding' })).toBeEnabled();

  // The popup lists it; its button opens the org's members page with the checklist on frank.
  const popup = await browser_.context.newPage();
  await popup.goto(`chrome-extension://${browser_.extensionId}/popup.html`);
  const expired = popup.getByRole('list', { name: 'Expired access' });
  await expect(expired.getByRole('listitem')).toHaveCount(1);
  await expect(expired).toContainText(
    `Frank Fischer (frank, acme on wandb.ai): last day ${today} — contract ends.`,
  );
  const opened = browser_.context.waitForEvent('page');
  await expired.getByRole('button', { name: 'Offboard frank' }).click();
  const tab = new WandbPage(await opened);
  await expect(tab.page).toHaveURL('https://wandb.ai/account-settings/acme/members');
  await expect(
    tab.ui.getByRole('dialog', { name: 'Offboard member' }).getByRole('region', { name: 'Member' }),
  ).toContainText('Frank Fischer (frank)', W);
  // Nothing was changed on W&B: frank is still a member.
  expect(sim.state().members.some((m) => m.username === 'frank')).toBe(true);
});
