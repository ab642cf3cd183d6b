/**
 * What passes between the toolkit's content script on a W&B page and its UI frame
 * (`toolkit-frame.html`), outside the background: the one-time token the content script hands the frame
 * (with `postMessage` aimed at the extension's origin, so the page never sees it) and the frame's
 * layout requests over the private `MessagePort` handed with it. Both are parsed where received.
 * zod/mini keeps the content script that runs on every admin page small.
 */
import * as z from 'zod/mini';

z.config({ jitless: true });

/** The `message` event data the content script posts into the frame once it has loaded. */
export const frameHandoffSchema = z.object({
  type: z.literal('wbat-toolkit-handoff'),
  token: z.string().check(z.regex(/^[0-9a-f-]{36}$/)),
});
export type FrameHandoff = z.infer<typeof frameHandoffSchema>;

/**
 * The frame's layout: `bar` is one row in the page's flow (its height in CSS pixels); `overlay`
 * covers the viewport while a dialog is open (the page keeps the bar's space, so nothing jumps).
 */
export const frameLayoutSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('bar'), height: z.number().check(z.minimum(0), z.maximum(2000)) }),
  z.object({ mode: z.literal('overlay') }),
]);
export type FrameLayout = z.infer<typeof frameLayoutSchema>;

/** The bar's height before the frame has measured itself: one row, so the page does not jump. */
export const INITIAL_BAR_HEIGHT = 45;
