/**
 * Reconcile with IdP: its messages, declared once (schema, allowed senders, reply type). Handlers:
 * lib/reconcile/background.ts. Run `npm run docs` after changing this table. The reconciliation
 * itself runs in the dialog's worker; the background keeps only the same-person links, for the
 * host and organization of the page the frame is bound to.
 */
import { z } from 'zod';
import { message } from '../messaging/define';
import { pageUrl } from '../messaging/fields';
import type { SamePersonLink } from './types';

const username = z.string().min(1).max(200);

export const reconcileMessages = {
  reconcileLinks: message<SamePersonLink[]>()({
    doc: 'The Reconcile with IdP dialog reads the same-person links kept for its page’s host and organization…',
    schema: z.object({ pageUrl }).strict(),
    senders: ['toolkit-frame'],
  }),
  reconcileLink: message<SamePersonLink[]>()({
    doc: '…links a member to an identity-provider address (kept for next time; replaces that member’s link)…',
    schema: z
      .object({ pageUrl, username, idpEmail: z.string().min(3).max(320), memberEmail: z.string().max(320) })
      .strict(),
    senders: ['toolkit-frame'],
  }),
  reconcileUnlink: message<SamePersonLink[]>()({
    doc: '…and removes a member’s link.',
    schema: z.object({ pageUrl, username }).strict(),
    senders: ['toolkit-frame'],
  }),
};
