/**
 * Same-person links (Reconcile with IdP): a W&B member and an identity-provider address the admin
 * says are one person, kept on this device per W&B host and organization so the next
 * reconciliation applies them. One zod-checked `storage.local` item, `local:idpLinks`, version 1,
 * keyed `<app origin> <org>`; an entry that fails its schema is set aside (options page → Data)
 * and the others are kept. Only the background reads and writes it (lib/reconcile/background.ts),
 * so the frame of one org's page can never touch another's links.
 */
import { storage } from 'wxt/utils/storage';
import { z } from 'zod';
import { parseStoredRecord } from '../corrupt-storage';
import { settled } from '../report';
import type { SamePersonLink } from './types';

/** At most this many links per organization (a link is a hand-made exception, not a directory). */
export const MAX_LINKS_PER_ORG = 5_000;

export const samePersonLinkSchema = z
  .object({
    username: z.string().min(1).max(200),
    idpEmail: z.string().min(3).max(320),
    memberEmail: z.string().max(320),
    linkedAt: z.iso.datetime(),
  })
  .strict() satisfies z.ZodType<SamePersonLink>;

const orgLinksSchema = z
  .object({
    appOrigin: z.string(),
    org: z.string(),
    links: z.array(samePersonLinkSchema).max(MAX_LINKS_PER_ORG),
  })
  .strict();
export type OrgLinks = z.infer<typeof orgLinksSchema>;

export const idpLinksItem = storage.defineItem<Record<string, unknown>>('local:idpLinks', {
  fallback: {},
  version: 1,
});

const keyOf = (appOrigin: string, org: string) => `${appOrigin} ${org}`;

/** The links of one host and organization, oldest first (none when nothing valid is stored). */
export async function readLinks(appOrigin: string, org: string): Promise<SamePersonLink[]> {
  const { entries } = await parseStoredRecord(
    'local:idpLinks',
    await idpLinksItem.getValue(),
    orgLinksSchema,
  );
  const found = entries[keyOf(appOrigin, org)];
  return found && found.appOrigin === appOrigin && found.org === org ? found.links : [];
}

let writes: Promise<unknown> = Promise.resolve();

/** Replaces one org's links through `change` (writes queued, so two quick changes both land). */
export function changeLinks(
  appOrigin: string,
  org: string,
  change: (links: SamePersonLink[]) => SamePersonLink[],
): Promise<SamePersonLink[]> {
  const next = writes.then(async () => {
    const links = orgLinksSchema.shape.links.parse(change(await readLinks(appOrigin, org)));
    const raw = { ...(await idpLinksItem.getValue()) };
    if (links.length === 0) delete raw[keyOf(appOrigin, org)];
    else raw[keyOf(appOrigin, org)] = { appOrigin, org, links };
    await idpLinksItem.setValue(raw);
    return links;
  });
  writes = settled(next);
  return next;
}
