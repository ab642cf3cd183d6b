/**
 * The core's messages: the route watcher's injection, the toolkit frame's handshake, the bar's
 * figures and capabilities, and opening the options page. Handlers: lib/background/core-handlers.ts.
 */
import { z } from 'zod';
import type { AdminKeyInfo } from '../settings/admin-key';
import type { AdminAction, Capabilities } from '../wandb/capabilities';
import type { DirectorySummary } from '../wandb/directory';
import { message } from './define';
import { appOrigin, empty, pageUrl } from './fields';

/** What the bar and the options page learn about a host: the key there (if any) and each action's transport. */
export interface CapabilitiesReply {
  key: AdminKeyInfo | null;
  capabilities: Capabilities;
  /** Actions the key adds over the session alone (empty without a working key). */
  enabledByKey: AdminAction[];
}

/** The toolkit frame's page, and the tool the background asked it to open (the action popup's "Open the case"). */
export interface FrameHello {
  pageUrl: string;
  launch?: { tool: string; arg: string };
}

export const coreMessages = {
  injectToolkit: message<{ injected: boolean }>()({
    doc: 'A route watcher on a W&B page asks for the toolkit UI in its frame.',
    schema: z.object({ pageUrl }).strict(),
    senders: ['content-script'],
  }),
  toolkitFrameToken: message<{ token: string }>()({
    doc: "The toolkit's content script on an admin page asks for a one-time token for the UI frame it adds.",
    schema: z.object({ pageUrl }).strict(),
    senders: ['content-script'],
  }),
  toolkitFrameHello: message<FrameHello>()({
    doc: 'The toolkit UI frame presents the token its content script handed it, to learn its page (and a tool to open there, if any).',
    schema: z.object({ token: z.string().regex(/^[0-9a-f-]{36}$/) }).strict(),
    senders: ['toolkit-frame'],
    refusal: 'Only the toolkit frame can say this.',
  }),
  getSummary: message<DirectorySummary>()({
    doc: 'The toolkit bar asks for its figures for the admin page it sits on.',
    schema: z.object({ pageUrl, refresh: z.boolean().default(false) }).strict(),
    senders: ['toolkit-frame'],
  }),
  capabilities: message<CapabilitiesReply>()({
    doc: 'The toolkit bar or the options page asks what each action can use on a host, and the key’s status there.',
    schema: z.object({ appOrigin }).strict(),
    senders: ['toolkit-frame', 'extension-page'],
  }),
  openOptions: message<{ opened: true }>()({
    doc: 'The toolkit bar asks the background to open the options page (content scripts cannot).',
    schema: empty,
    senders: ['toolkit-frame', 'extension-page'],
  }),
};
