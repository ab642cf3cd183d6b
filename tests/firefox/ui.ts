/**
 * Finding the toolkit's controls as the admin does: by role and accessible name. Puppeteer's
 * `::-p-aria(...)` does not see into shadow roots over Firefox's BiDi, so the lookup runs in the
 * page: it walks the document and every open shadow root, computes each element's role (explicit
 * or implicit) and a simple accessible name (aria-label, aria-labelledby, a <label>, else its text),
 * and keeps visible elements only.
 *
 * Every UI step goes through `toolkitUi(page)`: the toolkit is moving from the page's shadow root
 * into an extension-page iframe (`toolkit.html`), and that helper returns the place to query.
 */
import type { ElementHandle, Frame, Page } from 'puppeteer-core';

export type Place = Page | Frame;

export interface RoleQuery {
  role: string;
  name?: string | RegExp;
  /** Match the name exactly (default) or as a substring. */
  exact?: boolean;
}

/**
 * Where the toolkit bar is, once it is there: an extension frame (`moz-extension://…`) holding the
 * toolbar named "W&B Admin Toolkit", else the page itself (the bar in the page's open shadow root).
 * BiDi lists such a frame with a stale URL ('about:blank'), so each frame is asked for its own.
 * Waits for the bar to appear in one of them.
 */
export async function toolkitUi(page: Page, timeoutMs = 20_000): Promise<Place> {
  const bar: RoleQuery = { role: 'toolbar', name: 'W&B Admin Toolkit' };
  const holds = async (place: Place) => {
    const found = await findAll(place, bar).catch(() => []);
    for (const handle of found) await handle.dispose();
    return found.length > 0;
  };
  const place = await waitFor(
    async () => {
      for (const frame of page.frames()) {
        if (frame === page.mainFrame()) continue;
        const href = await frame.evaluate(() => location.href).catch(() => '');
        if (href.startsWith('moz-extension://') && (await holds(frame))) return frame;
      }
      return (await holds(page)) ? page : undefined;
    },
    (found) => found !== undefined,
    timeoutMs,
  );
  return place!;
}

/** All elements with this role and name under `within` (default: the whole document, shadow roots included). */
export async function findAll(
  place: Place,
  query: RoleQuery,
  within?: ElementHandle,
): Promise<ElementHandle[]> {
  const name =
    query.name instanceof RegExp ? { re: query.name.source, flags: query.name.flags } : (query.name ?? null);
  // The finder is evaluated from source text (not serialised from this module), so neither the page's
  // CSP nor the test transpiler's helpers get in the way.
  const finder = await place.evaluateHandle(FINDER_SOURCE);
  const list = await place.evaluateHandle(
    (find, role, name, exact, root) =>
      (find as unknown as (r: string, n: unknown, e: boolean, root?: Node) => Element[])(
        role,
        name,
        exact,
        root ?? undefined,
      ),
    finder,
    query.role,
    name,
    query.exact ?? true,
    within ?? null,
  );
  await finder.dispose();
  const properties = await list.getProperties();
  await list.dispose();
  const handles: ElementHandle[] = [];
  for (const property of properties.values()) {
    const element = property.asElement();
    if (element) handles.push(element as ElementHandle);
    else await property.dispose();
  }
  return handles;
}

/** Waits until exactly one element matches, and returns it. */
export async function get(
  place: Place,
  query: RoleQuery,
  within?: ElementHandle,
  timeoutMs = 15_000,
): Promise<ElementHandle> {
  const deadline = Date.now() + timeoutMs;
  let last = 0;
  for (;;) {
    const found = await findAll(place, query, within);
    if (found.length === 1) return found[0]!;
    last = found.length;
    for (const handle of found) await handle.dispose();
    if (Date.now() > deadline)
      throw new Error(
        `expected one ${query.role} named ${String(query.name)}, found ${last} within ${timeoutMs} ms`,
      );
    // Polling the page for a state (an element appearing), not waiting for time.
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Polls `read` until it returns a value `accept` takes, and returns it (or throws with the last value). */
export async function waitFor<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`state not reached within ${timeoutMs} ms; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The text the admin sees (rendered text: hidden parts left out, line breaks between blocks). */
export const text = (element: ElementHandle) =>
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what the admin reads.
  element.evaluate((e) => (e as HTMLElement).innerText ?? e.textContent ?? '');

/** Types into a text field as the admin would (replacing what is there). */
export async function fill(element: ElementHandle, value: string): Promise<void> {
  await element.click({ count: 3 });
  await element.evaluate((e) => {
    (e as HTMLInputElement).select?.();
  });
  await element.press('Backspace');
  if (value.length > 200) {
    // Long pastes: type a short prefix for real, then the rest as one input event (typing
    // thousands of characters key by key takes minutes).
    await element.type(value.slice(0, 1));
    await element.evaluate((e, rest) => {
      const input = e as HTMLTextAreaElement;
      const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(input), 'value')!.set!;
      setter.call(input, input.value + rest);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }, value.slice(1));
  } else {
    await element.type(value);
  }
}

/**
 * The finder, as source text evaluated in the page (or the extension frame). Kept to the roles
 * the toolkit uses.
 */
const FINDER_SOURCE = `(function (role, name, exact, root) {
  var implicit = function (el) {
    var tag = el.tagName.toLowerCase();
    var type = (el.getAttribute('type') || '').toLowerCase();
    if (tag === 'button') return 'button';
    if (tag === 'input') {
      if (type === 'button' || type === 'submit' || type === 'reset') return 'button';
      if (type === 'checkbox') return 'checkbox';
      if (type === 'radio') return 'radio';
      if (type === 'file' || type === 'hidden') return null;
      return 'textbox';
    }
    if (tag === 'textarea') return 'textbox';
    if (tag === 'select') return el.multiple ? 'listbox' : 'combobox';
    if (tag === 'a' && el.hasAttribute('href')) return 'link';
    if (tag === 'ul' || tag === 'ol') return 'list';
    if (tag === 'li') return 'listitem';
    if (tag === 'dialog') return 'dialog';
    if (tag === 'form') return 'form';
    if (tag === 'section' && (el.hasAttribute('aria-label') || el.hasAttribute('aria-labelledby'))) return 'region';
    if (/^h[1-6]$/.test(tag)) return 'heading';
    if (tag === 'output') return 'status';
    if (tag === 'progress') return 'progressbar';
    if (tag === 'table') return 'table';
    return null;
  };
  var roleOf = function (el) { var r = el.getAttribute('role'); return r ? r.split(' ')[0] : implicit(el); };
  var textOf = function (el) { return (el.innerText !== undefined ? el.innerText : el.textContent || '').replace(/\\s+/g, ' ').trim(); };
  var nameOf = function (el) {
    var label = el.getAttribute('aria-label');
    if (label) return label.trim();
    var by = el.getAttribute('aria-labelledby');
    if (by) {
      var rootNode = el.getRootNode();
      return by.split(/\\s+/).map(function (id) { var t = rootNode.getElementById ? rootNode.getElementById(id) : null; return t ? textOf(t) : ''; }).join(' ').trim();
    }
    var tag = el.tagName.toLowerCase();
    if (tag === 'input' || tag === 'textarea' || tag === 'select') {
      if (el.labels && el.labels.length) return textOf(el.labels[0]);
      return (el.getAttribute('placeholder') || el.getAttribute('title') || '').trim();
    }
    if (el.getAttribute('title') && !textOf(el)) return el.getAttribute('title').trim();
    return textOf(el);
  };
  var matches = function (value) {
    if (name === null || name === undefined) return true;
    if (typeof name === 'object') return new RegExp(name.re, name.flags).test(value);
    return exact ? value === name : value.indexOf(name) !== -1;
  };
  var visible = function (el) { return el.checkVisibility ? el.checkVisibility() : true; };
  var out = [];
  var walk = function (node) {
    var children = node.children || [];
    for (var i = 0; i < children.length; i++) {
      var el = children[i];
      if (roleOf(el) === role && visible(el) && matches(nameOf(el))) out.push(el);
      if (el.shadowRoot) walk(el.shadowRoot);
      walk(el);
    }
  };
  walk(root || document);
  return out;
})`;

/**
 * Clicks a button once it is enabled. Unlike Playwright, puppeteer clicks a disabled button at once,
 * and the click is lost (the bulk-invite dialog shows "Dry run" disabled while it reads the teams).
 */
export async function clickWhenEnabled(button: ElementHandle, timeoutMs = 20_000): Promise<void> {
  await waitFor(
    () => button.evaluate((element) => (element as HTMLButtonElement).disabled),
    (disabled) => !disabled,
    timeoutMs,
  );
  await button.click();
}
