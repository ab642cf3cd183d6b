/**
 * The page cannot act: a script in the W&B page's own world (an XSS on wandb.ai, a compromised
 * self-managed host) tries to drive, type into and read every tool. The toolkit renders in an
 * extension page inside an iframe, so the page holds the iframe element and nothing inside it.
 * These tests run the shipped build; they assert what the simulator received and what the admin sees.
 */
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures';

const TOOLS = ['Bulk invite', 'Export members', 'Offboard member'] as const;

/** What W&B received that changes something: any GraphQL mutation or SCIM write. */
function writes(requests: ReturnType<import('../fixtures').SimHandle['requests']>) {
  return requests.filter(
    (request) =>
      (request.kind === 'graphql' &&
        /^(Create|Delete|Update|Remove|Revoke)/.test(request.operationName ?? '')) ||
      (request.path.startsWith('/scim') && request.method !== 'GET'),
  );
}

/** Everything a page script can reach: its DOM, open shadow roots, and whatever it gets from our iframe. */
function attackFromPage(page: Page, tool: string) {
  return page.evaluate(async (label) => {
    const seen: string[] = [];
    const host = document.querySelector('wandb-admin-toolkit');
    const root = host?.shadowRoot ?? null;
    const frame = root?.querySelector('iframe') ?? null;
    seen.push(`frame:${frame ? 'found' : 'none'}`);
    seen.push(`contentDocument:${String(frame?.contentDocument ?? null)}`);
    try {
      seen.push(`document:${String(frame?.contentWindow?.document)}`);
    } catch (error) {
      seen.push(`document:${(error as Error).name}`);
    }
    // Buttons by their label anywhere the page can look.
    const candidates = [...document.querySelectorAll('button'), ...(root?.querySelectorAll('button') ?? [])];
    const button = candidates.find((element) => element.textContent?.trim() === label);
    seen.push(`button:${button ? 'found' : 'none'}`);
    button?.click();
    // Synthetic clicks and keys on what it does hold, and text typed through the editing commands
    // (which produce trusted input events in whatever the page's selection is in).
    for (const target of [host, frame]) {
      target?.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      target?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    }
    frame?.focus();
    document.execCommand('insertText', false, 'mallory@evil.test,vision,admin');
    // Look-alikes of the content script's handoff and layout messages, straight into the frame.
    frame?.contentWindow?.postMessage(
      { type: 'wbat-toolkit-handoff', token: '00000000-0000-4000-8000-000000000000' },
      '*',
    );
    frame?.contentWindow?.postMessage({ mode: 'overlay' }, '*');
    // A window, to show that something does not happen: nothing the page did opens a tool or sends a request.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const text = [document.documentElement.textContent, root?.innerHTML ?? ''].join('\n');
    seen.push(`text-has-tool:${text.includes(label)}`);
    return seen;
  }, tool);
}

for (const tool of TOOLS) {
  test(`a page script can neither open, press nor read ${tool}`, async ({ wandb, sim }) => {
    await wandb.signIn(sim.sim.admin);
    await expect(wandb.figures).toBeVisible();
    await expect(wandb.bar.getByRole('button', { name: tool })).toBeVisible();
    const before = sim.requests().length;

    expect(await attackFromPage(wandb.page, tool)).toEqual([
      'frame:found',
      'contentDocument:null',
      'document:SecurityError',
      'button:none',
      'text-has-tool:false',
    ]);
    await expect(wandb.ui.getByRole('dialog')).toHaveCount(0);
    expect(writes(sim.requests().slice(before))).toEqual([]);

    // The admin's own click still works, and once the tool is open the page can read none of it.
    await wandb.bar.getByRole('button', { name: tool }).click();
    const dialog = wandb.ui.getByRole('dialog', { name: tool });
    await expect(dialog).toBeVisible();
    const reach = await wandb.page.evaluate((label) => {
      const root = document.querySelector('wandb-admin-toolkit')?.shadowRoot;
      return [document.documentElement.textContent, root?.innerHTML ?? ''].join('\n').includes(label);
    }, tool);
    expect(reach).toBe(false);
    expect(writes(sim.requests().slice(before))).toEqual([]);
  });
}

test('text the page types while the admin is in a field stays out of the toolkit', async ({ wandb, sim }) => {
  await wandb.signIn(sim.sim.admin);
  await wandb.bar.getByRole('button', { name: 'Bulk invite' }).click();
  const dialog = wandb.ui.getByRole('dialog', { name: 'Bulk invite' });
  const input = dialog.getByLabel('Paste addresses or CSV');
  await input.click();
  await input.pressSequentially('ann@acme.test');
  await wandb.page.evaluate(() => {
    document.execCommand('insertText', false, '\nmallory@evil.test,vision,admin');
    document.dispatchEvent(new ClipboardEvent('paste', { bubbles: true }));
  });
  await expect(input).toHaveValue('ann@acme.test');
  await input.pressSequentially(',vision');
  await expect(input).toHaveValue('ann@acme.test,vision');
});

test('a copy of the toolkit page embedded by the page itself gets nothing and shows nothing', async ({
  wandb,
  sim,
}) => {
  await wandb.signIn(sim.sim.admin);
  await expect(wandb.figures).toBeVisible();
  const before = sim.requests().length;
  await wandb.page.evaluate(() => {
    const ours = document.querySelector('wandb-admin-toolkit')?.shadowRoot?.querySelector('iframe');
    const rogue = document.createElement('iframe');
    rogue.id = 'rogue';
    rogue.src = ours?.src ?? '';
    rogue.addEventListener('load', () => {
      const channel = new MessageChannel();
      rogue.contentWindow?.postMessage(
        { type: 'wbat-toolkit-handoff', token: '00000000-0000-4000-8000-000000000000' },
        '*',
        [channel.port2],
      );
    });
    document.body.append(rogue);
  });
  const rogue = wandb.page.frameLocator('#rogue');
  await expect(rogue.locator('#root')).toBeAttached();
  // A window, to show that something does not happen: the rogue frame is refused and renders no bar.
  await wandb.page.waitForTimeout(1000);
  await expect(rogue.getByRole('toolbar')).toHaveCount(0);
  await expect(rogue.getByRole('button')).toHaveCount(0);
  expect(writes(sim.requests().slice(before))).toEqual([]);
  // The real bar is untouched.
  await expect(wandb.figures).toBeVisible();
});
