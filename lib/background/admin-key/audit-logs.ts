/** W&B's audit logs with the admin key (API.md §4): one window at a time, for the page's organization only; never throws. */
import type { AuditWindow, AuditWindowRead } from '@/lib/wandb/audit-windows';
import { WandbError } from '@/lib/wandb/errors';
import type { KeyAccess } from './access';
import type { AdminKeyResult, AdminOrgContext } from './types';

/**
 * Every entry of one window (up to 7 days) of W&B's audit logs, read with the key stored for
 * `ctx.appOrigin`. The logs are those of the key's organization, so a key whose owner's teams are
 * all in other organizations than `ctx.org` is not used: its logs would be another org's.
 */
export function readAuditWindow(
  access: KeyAccess,
  ctx: Pick<AdminOrgContext, 'appOrigin' | 'org'>,
  window: AuditWindow,
  options: { signal?: AbortSignal } = {},
): Promise<AdminKeyResult<AuditWindowRead>> {
  return access.keyedAuditRead(ctx, async (audit, owner) => {
    if (owner.orgs.length > 0 && !owner.orgs.includes(ctx.org)) {
      throw new WandbError({
        kind: 'no-key',
        message: `The admin API key belongs to ${owner.username}, whose teams are in ${owner.orgs.join(', ')}, not ${ctx.org}: W&B's audit logs for it would be another organization's, so they are not read here.`,
      });
    }
    return audit.readWindow(window, options);
  });
}
