/**
 * Firefox: W&B's audit logs with the admin key (issue 14, API.md §4). A key tested on the options
 * page (opened from the bar) makes Seat hygiene's "no activity" list the one the simulator's audit
 * trail implies, read from the add-on's background page as cookie-less GETs of at most 7 days.
 */
import type { Page } from 'puppeteer-core';
import { describe, expect, test } from 'vitest';
import { auditSpan, inactiveByAuditTrail } from '../e2e/expectations';
import { deriveApiKeySecret } from '../simulator/state';
import { expectNoExtensionErrors } from './console';
import { firefoxForThisFile, signIn } from './harness';
import { fill, get, text, toolkitUi, waitFor } from './ui';

const context = firefoxForThisFile();
const ALICE_KEY = deriveApiKeySecret('org-1', 'alice', 'alice-admin-key');
const DAY = 86_400_000;

async function openFromMore(name: string) {
  const ui = await toolkitUi(context.ff.page);
  const toolbar = await get(ui, { role: 'toolbar', name: 'W&B Admin Toolkit' }, undefined, 20_000);
  await get(ui, { role: 'list', name: 'Figures' }, toolbar, 20_000);
  await (await get(ui, { role: 'button', name: 'More' }, toolbar)).click();
  const more = await get(ui, { role: 'group', name: 'More' }, toolbar);
  await (await get(ui, { role: 'button', name }, more)).click();
  return ui;
}

/** The options page, opened from the bar (BiDi lists its tab with a stale URL; it asks the tab itself). */
async function optionsTab(): Promise<Page> {
  const before = new Set(await context.ff.browser.pages());
  await openFromMore('Toolkit options');
  const tab = await waitFor(
    async () => {
      for (const page of await context.ff.browser.pages()) {
        if (before.has(page)) continue;
        const href = await page.evaluate(() => location.href).catch(() => '');
        if (href === `${context.ff.extensionBase}options.html`) return page;
      }
      return undefined;
    },
    (found) => found !== undefined,
  );
  return tab!;
}

describe('Firefox: W&B’s audit logs with the admin key', () => {
  test('Seat hygiene’s “no activity” list is what W&B’s audit log implies, read in windows of at most 7 days', async () => {
    await signIn(context);
    const options = await optionsTab();
    const form = await get(options, { role: 'form', name: 'Test an admin key' });
    await (await get(options, { role: 'radio', name: "An org admin's own key" }, form)).click();
    await fill(await get(options, { role: 'textbox', name: 'API key' }, form), ALICE_KEY);
    await (await get(options, { role: 'button', name: 'Test key' }, form)).click();
    await get(options, { role: 'region', name: 'Active admin key' }, undefined, 20_000);
    await options.close();

    // bob last signed in more than 30 days ago; today he invites someone, which W&B logs.
    const bob = context.sim.state.member('bob')!;
    expect(Date.now() - Date.parse(bob.lastLoginAt!)).toBeGreaterThan(30 * DAY);
    context.sim.state.createInvite(bob, { entityName: 'nlp', email: 'ff.audit@acme.test', role: 'member' });
    await context.ff.page.bringToFront();
    await signIn(context);
    context.sim.clearRequests();
    const ui = await openFromMore('Seat hygiene');
    const dialog = await get(ui, { role: 'dialog', name: 'Seat hygiene' });
    const { from, to } = auditSpan(90);
    const note = await get(ui, { role: 'note', name: 'Source of last activity' }, dialog, 30_000);
    expect(await text(note)).toBe(
      `Last activity from W&B audit logs, ${from} – ${to}, 13 windows: each member’s latest auditable action.`,
    );
    const expected = inactiveByAuditTrail(context.sim, 90, from);
    const heading = await get(ui, { role: 'heading', name: /^No activity for 90 days/ }, dialog);
    expect(await text(heading)).toBe(`No activity for 90 days: ${expected.length}`);
    expect(inactiveByAuditTrail(context.sim, 30, from)).not.toContain('bob');

    const audit = context.sim.requests().filter((r) => r.kind === 'audit-logs');
    expect(audit).toHaveLength(13);
    for (const request of audit) {
      expect([request.method, request.host, request.path, request.status, request.hadCookie]).toEqual([
        'GET',
        'api.wandb.ai',
        '/audit_logs',
        200,
        false,
      ]);
      expect(Number(new URLSearchParams(request.search).get('numDays'))).toBeLessThanOrEqual(7);
    }
  });

  test('no error on the extension console of the background page', async () => {
    await expectNoExtensionErrors(context.ff, [`${context.ff.extensionBase}_generated_background_page.html`]);
  });
});
