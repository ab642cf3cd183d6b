/** "Test" on the options page: who owns a key, whether SCIM accepts it as an admin's, and keeping it. */
import { adminKeyInfo, type KeyOwner, type StoredAdminKey, storeAdminKey } from '@/lib/settings/admin-key';
import { apiOriginFor } from '@/lib/wandb/client';
import { toWandbErrorData, WandbError } from '@/lib/wandb/errors';
import { createGraphqlTransport } from '@/lib/wandb/graphql';
import { KEY_OWNER_QUERY } from '@/lib/wandb/operations';
import { keyOwnerDataSchema } from '@/lib/wandb/schemas';
import type { KeyAccess } from './access';
import type { AdminKeyDeps, AdminKeyResult, KeyTestInput, KeyTestOutcome } from './types';

/** A plausible API key: printable ASCII without spaces, 20–256 characters. Never echoed back. */
export function isPlausibleKey(key: string): boolean {
  return /^[\x21-\x7e]{20,256}$/.test(key);
}

/** Who owns the key (the documented identity query), whether SCIM takes it as an admin's; stored only then. */
export async function testKey(
  deps: AdminKeyDeps,
  access: Pick<KeyAccess, 'now' | 'scimFor'>,
  input: KeyTestInput,
): Promise<AdminKeyResult<KeyTestOutcome>> {
  const { now, scimFor } = access;
  const appOrigin = new URL(input.appOrigin).origin;
  if (!isPlausibleKey(input.key)) {
    return {
      ok: false,
      error: {
        kind: 'invalid-request',
        message:
          'That does not look like a W&B API key (it should be one word of 20 or more characters). Copy it again from W&B.',
      },
    };
  }
  const apiOrigin = apiOriginFor(appOrigin);
  // Who owns the key: the identity check W&B documents for an unknown key (API.md §5),
  // Basic "api:<key>", no session cookie.
  const transport = createGraphqlTransport({
    apiOrigin,
    appOrigin,
    fetch: deps.fetch,
    credentials: 'omit',
    redirect: 'error',
    headers: { Authorization: `Basic ${btoa(`api:${input.key}`)}` },
    ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}),
  });
  let owner: KeyOwner;
  try {
    const data = await transport.request(KEY_OWNER_QUERY, {}, keyOwnerDataSchema);
    const viewer = data.viewer;
    if (!viewer?.username) {
      throw new WandbError({
        kind: 'key-rejected',
        message: 'W&B did not say whom this key belongs to. Check that it is an API key for this host.',
      });
    }
    const orgs = new Set<string>();
    for (const edge of viewer.teams?.edges ?? []) {
      const org = edge?.node?.organization?.name;
      if (org) orgs.add(org);
    }
    owner = {
      username: viewer.username,
      email: viewer.email ?? null,
      orgs: [...orgs].sort(),
      organizationRole: null,
    };
  } catch (error) {
    if (error instanceof WandbError && (error.kind === 'not-signed-in' || error.status === 401)) {
      return {
        ok: false,
        error: {
          kind: 'key-rejected',
          status: 401,
          message: `W&B at ${new URL(apiOrigin).host} did not accept this key: it is wrong, expired or revoked. Copy a current key from W&B (User settings → API keys, or the service account's page). Your browser session is not affected.`,
        },
      };
    }
    return { ok: false, error: toWandbErrorData(error) };
  }

  const candidate: StoredAdminKey = {
    appOrigin,
    key: input.key,
    kind: input.kind,
    owner,
    status: 'admin',
    remembered: input.remember,
    savedAt: now().toISOString(),
  };
  const scim = scimFor(candidate);
  try {
    if (input.kind === 'user') {
      const me = await scim.findUser(owner.username);
      owner.organizationRole = me?.organizationRole ?? null;
    } else {
      await scim.listUsers({ count: 1 });
    }
  } catch (error) {
    if (error instanceof WandbError && error.kind === 'not-admin') {
      return { ok: true, data: { owner, admin: false, saved: null } };
    }
    if (error instanceof WandbError && error.kind === 'key-rejected') {
      return {
        ok: false,
        error: {
          kind: 'key-rejected',
          status: 401,
          message:
            input.kind === 'service'
              ? `The key belongs to ${owner.username}, but W&B's SCIM API refused it as a service-account key. If it is a person's key, choose "A person's key" and test again.`
              : `The key belongs to ${owner.username}, but W&B's SCIM API refused it as that person's key. If it is an org service account's key, choose "Service account key" and test again.`,
        },
      };
    }
    return { ok: false, error: toWandbErrorData(error) };
  }
  await storeAdminKey(candidate);
  return { ok: true, data: { owner, admin: true, saved: adminKeyInfo(candidate) } };
}
