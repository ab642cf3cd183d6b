/**
 * Payload schemas of the messaging protocol (lib/messaging/protocol.ts), keyed by message type.
 * Kept apart from the protocol so the route watcher, which sends messages but never parses them,
 * does not carry zod onto every W&B page.
 */
import { z } from 'zod';

/** A W&B page URL as a content script reports it (the background also checks it against the sender). */
const pageUrl = z.url({ protocol: /^https$/ });
const jobId = z.string().regex(/^job-[a-z0-9]+-\d+$/);

export const payloadSchemas = {
  /** A route watcher on a W&B page asks for the toolkit UI in its frame. */
  injectToolkit: z.object({ pageUrl }).strict(),
  /** The toolkit bar asks for its figures for the admin page it sits on. */
  getSummary: z.object({ pageUrl, refresh: z.boolean().default(false) }).strict(),
  /** The export dialog starts loading the full member directory of its page's scope. */
  directoryLoad: z.object({ pageUrl }).strict(),
  /** …polls that load's progress… */
  directoryStatus: z.object({ jobId }).strict(),
  /** …fetches the loaded lists page by page… */
  directoryPage: z
    .object({
      jobId,
      list: z.enum(['members', 'invites']),
      offset: z.int().min(0),
      limit: z.int().min(1).max(2000),
    })
    .strict(),
  /** …and cancels it (or lets it go when the dialog closes). */
  directoryCancel: z.object({ jobId }).strict(),
} as const;

export type MessageType = keyof typeof payloadSchemas;

/** True for the message types this protocol defines. */
export function isKnownMessageType(type: unknown): type is MessageType {
  return typeof type === 'string' && Object.hasOwn(payloadSchemas, type);
}
