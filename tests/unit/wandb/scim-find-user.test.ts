/**
 * SCIM writes must hit exactly the intended person: `findUser` accepts one answer only, and only
 * when that user's userName (or primary email, case-insensitively) is what was asked.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { createAdminKeyService } from '@/lib/background/admin-key';
import { storeAdminKey } from '@/lib/settings/admin-key';
import { isWandbError } from '@/lib/wandb/errors';
import type { FetchLike } from '@/lib/wandb/graphql';
import { createScimClient, SCIM_TEAMS_EXTENSION } from '@/lib/wandb/scim';

const KEY = 'k3y0123456789abcdef0123456789abcdef0123';

function user(id: string, userName: string, email = `${userName}@acme.test`) {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', SCIM_TEAMS_EXTENSION],
    id,
    userName,
    emails: [{ primary: true, value: email }],
    organizationRole: 'member',
    teamRoles: [],
  };
}

const bob = user('u-bob', 'bob');
const carol = user('u-carol', 'carol');

/** A SCIM server that answers every `GET /Users` with `resources`, whatever the filter says. */
function serverAnswering(resources: unknown[]) {
  const fetch = async () =>
    new Response(JSON.stringify({ totalResults: resources.length, Resources: resources }), {
      status: 200,
      headers: { 'content-type': 'application/scim+json' },
    });
  return createScimClient({
    apiOrigin: 'https://api.wandb.ai',
    credentials: { scheme: 'basic', kind: 'user', username: 'alice', key: KEY },
    fetch,
    retry: { sleep: async () => {}, random: () => 0 },
  });
}

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('findUser: exactly one exact match', () => {
  it('returns the one user whose userName is what was asked', async () => {
    expect((await serverAnswering([carol]).findUser('carol'))?.id).toBe('u-carol');
  });

  it('matches a primary email case-insensitively', async () => {
    expect((await serverAnswering([carol]).findUser('Carol@ACME.test'))?.id).toBe('u-carol');
  });

  it('returns null when W&B lists nobody', async () => {
    expect(await serverAnswering([]).findUser('carol')).toBeNull();
  });

  it('refuses a server that ignores the filter (bob listed first for carol)', async () => {
    const error = await failure(serverAnswering([bob, carol]).findUser('carol'));
    expect(isWandbError(error, 'ambiguous')).toBe(true);
    expect((error as Error).message).toContain('carol');
    expect((error as Error).message).toContain('2 users');
  });

  it('refuses two users that both claim the name', async () => {
    const error = await failure(serverAnswering([carol, user('u-carol2', 'carol')]).findUser('carol'));
    expect(isWandbError(error, 'ambiguous')).toBe(true);
  });

  it('refuses a near-match (another user only, or a different case of the userName)', async () => {
    for (const answer of [[bob], [user('u-c', 'Carol')], [user('u-c', 'carol2')]]) {
      const error = await failure(serverAnswering(answer).findUser('carol'));
      expect(isWandbError(error, 'ambiguous')).toBe(true);
      expect((error as Error).message).toMatch(/does not match "carol"/);
    }
  });

  it('refuses an email lookup answered by a user whose primary email differs', async () => {
    const other = user('u-c', 'carol', 'carol@other.test');
    const error = await failure(serverAnswering([other]).findUser('carol@acme.test'));
    expect(isWandbError(error, 'ambiguous')).toBe(true);
  });
});

describe('keyed writes against a server that ignores the SCIM filter', () => {
  beforeEach(() => fakeBrowser.reset());

  it('removeFromOrg and setOrgRole for carol send no write when W&B lists bob and carol', async () => {
    const methods: string[] = [];
    const fetch: FetchLike = async (_url, init) => {
      methods.push(init.method ?? 'GET');
      return new Response(JSON.stringify({ totalResults: 2, Resources: [bob, carol] }), {
        status: 200,
        headers: { 'content-type': 'application/scim+json' },
      });
    };
    await storeAdminKey({
      appOrigin: 'https://wandb.ai',
      key: KEY,
      kind: 'user',
      owner: { username: 'alice', email: null, orgs: ['acme'], organizationRole: 'admin' },
      status: 'admin',
      remembered: false,
      savedAt: '2026-01-01T00:00:00.000Z',
    });
    const service = createAdminKeyService({ fetch, retry: { sleep: async () => {}, random: () => 0 } });
    const ctx = { appOrigin: 'https://wandb.ai', org: 'acme' };
    const removed = await service.removeFromOrg(ctx, { user: 'carol' });
    const changed = await service.setOrgRole(ctx, { user: 'carol', role: 'admin' });
    expect(removed).toMatchObject({ ok: false, error: { kind: 'ambiguous' } });
    expect(changed).toMatchObject({ ok: false, error: { kind: 'ambiguous' } });
    expect(methods).toEqual(['GET', 'GET']);
  });
});
