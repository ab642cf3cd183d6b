/**
 * Time-bound access: its messages, declared once (schema, allowed senders, reply type). Handlers:
 * lib/access-expiry/background.ts. Run `npm run docs` after changing this table.
 */
import { z } from 'zod';
import { message } from '../messaging/define';
import { appOrigin, empty, pageUrl, text } from '../messaging/fields';
import { type AccessExpiry, type ExpiredCount, NOTE_MAX } from './model';

export type { AccessExpiry, ExpiredCount };

/** A W&B username: it keys the stored date with host and org, so it holds no `|` and no space. */
const username = z
  .string()
  .min(1, 'a username is needed.')
  .max(200)
  .regex(/^[^|\s]+$/, 'a W&B username has no spaces and no "|".');

const toolkit = ['toolkit-frame'] as const;
const popupOnly = "Only the toolkit's own pages (its popup) can do this.";

export const accessExpiryMessages = {
  accessExpiryList: message<AccessExpiry[]>()({
    doc: "The Time-bound access dialog reads the page's org's last days of access (expired ones first)…",
    schema: z.object({ pageUrl }).strict(),
    senders: toolkit,
  }),
  accessExpirySet: message<AccessExpiry[]>()({
    doc: '…sets or changes a member’s last day of access, with an optional note (audited; a past or invalid date is refused)…',
    schema: z
      .object({
        pageUrl,
        username,
        name: text(400),
        email: text(320).nullable(),
        lastDay: text(40),
        note: z.string().max(NOTE_MAX, `Note: at most ${NOTE_MAX} characters.`),
      })
      .strict(),
    senders: toolkit,
  }),
  accessExpiryRemove: message<AccessExpiry[]>()({
    doc: '…and removes one (audited).',
    schema: z.object({ pageUrl, username }).strict(),
    senders: toolkit,
  }),
  accessExpiryCount: message<ExpiredCount>()({
    doc: "The toolkit bar asks how many of the page's org's members are past their last day of access.",
    schema: z.object({ pageUrl }).strict(),
    senders: toolkit,
  }),
  accessExpiryDue: message<AccessExpiry[]>()({
    doc: "The action's popup lists every member past their last day of access (each host and org)…",
    schema: empty,
    senders: ['extension-page'],
    refusal: popupOnly,
  }),
  accessExpiryOffboard: message<{ opened: true }>()({
    doc: "…and opens the offboarding checklist on one: the org's members page in a new tab, on that member's impact.",
    schema: z.object({ appOrigin, org: text(200).min(1), username }).strict(),
    senders: ['extension-page'],
    refusal: popupOnly,
  }),
};
