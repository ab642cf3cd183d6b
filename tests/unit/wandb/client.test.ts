import { describe, expect, it } from 'vitest';
import { apiOriginFor, createInviteVariables, createWandbClient } from '@/lib/wandb/client';
import { CREATE_INVITE_MUTATION, DELETE_INVITE_MUTATION } from '@/lib/wandb/operations';
import { acmeWorld, createFakeFetch, fakeWandbServer, instantRetry, type ScriptedReply } from './fakeWandb';

const INVITE_REPLY: ScriptedReply = {
  json: {
    data: {
      result: {
        invite: {
          id: 'inv-9',
          name: 'new',
          email: 'new@acme.test',
          createdAt: '2026-11-20T00:00:00Z',
          toUser: null,
        },
      },
    },
  },
};

describe('apiOriginFor', () => {
  it.each([
    ['https://wandb.ai', 'https://api.wandb.ai'],
    ['https://wandb.ai/', 'https://api.wandb.ai'],
    ['https://acme.wandb.io', 'https://acme.wandb.io'],
    ['https://wandb.internal.example.com:8443', 'https://wandb.internal.example.com:8443'],
    ['http://localhost:8080', 'http://localhost:8080'],
  ])('%s → %s', (appOrigin, expected) => {
    expect(apiOriginFor(appOrigin)).toBe(expected);
  });
});

describe('createInvite', () => {
  it.each([
    ['new@acme.test', { email: 'new@acme.test' }],
    ['  new@acme.test ', { email: 'new@acme.test' }],
    ['newbie', { username: 'newbie' }],
  ])('puts %j in the right variable (SDK rule: email when it contains @)', async (value, expected) => {
    const fake = createFakeFetch(() => INVITE_REPLY);
    const client = createWandbClient({ appOrigin: 'https://wandb.ai', fetch: fake.fetch });
    const invite = await client.createInvite({ team: 'vision', emailOrUsername: value, admin: true });

    expect(invite).toEqual({ id: 'inv-9', email: 'new@acme.test', createdAt: '2026-11-20T00:00:00Z' });
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({
      url: 'https://api.wandb.ai/graphql',
      credentials: 'include',
      operationName: 'CreateInvite',
      query: CREATE_INVITE_MUTATION,
    });
    expect(fake.requests[0]?.headers['x-origin']).toBe('https://wandb.ai');
    expect(fake.requests[0]?.variables).toEqual({ entity: 'vision', admin: true, ...expected });
  });

  it('never sends both email and username', () => {
    expect(createInviteVariables({ team: 't', emailOrUsername: 'a@b', admin: false })).not.toHaveProperty(
      'username',
    );
    expect(createInviteVariables({ team: 't', emailOrUsername: 'ab', admin: false })).not.toHaveProperty(
      'email',
    );
  });

  it('is sent once even when W&B answers 503 (writes are not retried by the client)', async () => {
    const fake = createFakeFetch(() => ({ status: 503, text: 'busy' }));
    const client = createWandbClient({ appOrigin: 'https://wandb.ai', fetch: fake.fetch });
    await expect(
      client.createInvite({ team: 'vision', emailOrUsername: 'new@acme.test', admin: false }),
    ).rejects.toMatchObject({ kind: 'server', status: 503 });
    expect(fake.requests).toHaveLength(1);
  });

  it('reports "permission denied" as not-admin', async () => {
    const fake = createFakeFetch(() => ({
      json: { data: { result: null }, errors: [{ message: 'permission denied' }] },
    }));
    const client = createWandbClient({ appOrigin: 'https://wandb.ai', fetch: fake.fetch });
    await expect(
      client.createInvite({ team: 'vision', emailOrUsername: 'new@acme.test', admin: false }),
    ).rejects.toMatchObject({ kind: 'not-admin' });
  });

  it('fails with bad-response when W&B reports no invite', async () => {
    const fake = createFakeFetch(() => ({ json: { data: { result: { invite: null } } } }));
    const client = createWandbClient({ appOrigin: 'https://wandb.ai', fetch: fake.fetch });
    await expect(
      client.createInvite({ team: 'vision', emailOrUsername: 'new@acme.test', admin: false }),
    ).rejects.toMatchObject({ kind: 'bad-response' });
  });
});

describe('deleteInvite', () => {
  it('sends the member id and team, and reports whether W&B confirmed', async () => {
    const replies: ScriptedReply[] = [
      { json: { data: { result: { success: true } } } },
      { json: { data: { result: { success: false } } } },
      { json: { data: { result: null } } },
    ];
    const fake = createFakeFetch(() => replies.shift() ?? { status: 500, text: '' });
    const client = createWandbClient({ appOrigin: 'https://acme.wandb.io', fetch: fake.fetch });
    await expect(client.deleteInvite({ id: 'inv-carol', team: 'vision' })).resolves.toEqual({
      success: true,
    });
    await expect(client.deleteInvite({ id: 'inv-carol', team: 'vision' })).resolves.toEqual({
      success: false,
    });
    await expect(client.deleteInvite({ id: 'inv-carol', team: 'vision' })).resolves.toEqual({
      success: false,
    });
    expect(fake.requests[0]).toMatchObject({
      url: 'https://acme.wandb.io/graphql',
      operationName: 'DeleteInvite',
      query: DELETE_INVITE_MUTATION,
      variables: { id: 'inv-carol', entity: 'vision' },
    });
    expect(fake.requests[0]?.headers['x-origin']).toBe('https://acme.wandb.io');
  });
});

describe('createWandbClient', () => {
  it('wires the directory loader to the same transport, with the given concurrency', async () => {
    const fake = createFakeFetch(fakeWandbServer(acmeWorld()));
    const client = createWandbClient({
      appOrigin: 'https://wandb.ai',
      fetch: fake.fetch,
      concurrency: 1,
      retry: instantRetry().retry,
    });
    expect(client.transport.endpoint).toBe('https://api.wandb.ai/graphql');
    const directory = await client.directory.loadDirectory({ kind: 'org', org: 'acme' });
    expect(directory.members).toHaveLength(5);
    expect(fake.maxInFlight()).toBe(2); // Viewer and the org query go together; teams one at a time.
    expect(fake.requests.every((request) => request.headers['x-origin'] === 'https://wandb.ai')).toBe(true);
  });

  it('honours an explicit apiOrigin', async () => {
    const fake = createFakeFetch(() => INVITE_REPLY);
    const client = createWandbClient({
      appOrigin: 'https://wandb.ai',
      apiOrigin: 'https://127.0.0.1:9443',
      fetch: fake.fetch,
    });
    await client.createInvite({ team: 'vision', emailOrUsername: 'x@y.z', admin: false });
    expect(fake.requests[0]?.url).toBe('https://127.0.0.1:9443/graphql');
  });
});
