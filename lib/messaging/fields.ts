/**
 * Payload fields shared by the message tables (`lib/<tool>/messages.ts`). Kept apart from the
 * protocol types so the route watcher, which sends messages but never parses them, does not carry
 * zod onto every W&B page.
 */
import { z } from 'zod';

/** A W&B page URL as a content script reports it (the background also checks it against the sender). */
export const pageUrl = z.url({ protocol: /^https$/ });
export const text = (max: number) => z.string().max(max);
export const teamName = text(128);

/** An HTTPS origin with no path, e.g. `https://wandb.ai` or `https://acme.wandb.io`. */
export const appOrigin = z
  .url({ protocol: /^https$/ })
  .max(300)
  .refine((value) => new URL(value).origin === value.replace(/\/$/, ''), 'an origin without a path')
  .transform((value) => new URL(value).origin);

/** The payload of a message that carries nothing. */
export const empty = z.object({}).strict();
