import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import {
  notSignedInError,
  rateLimitedError,
  schemaMismatchError,
  serverError,
  WandbError,
} from '@/lib/wandb/errors';
import {
  createGraphqlTransport,
  operationNameOf,
  type RetryInfo,
  retryDelayMs,
  withRetry,
} from '@/lib/wandb/graphql';
import { ORG_DIRECTORY_QUERY, TEAM_MEMBERS_QUERY, VIEWER_QUERY } from '@/lib/wandb/operations';
import { teamMembersDataSchema } from '@/lib/wandb/schemas';
import { createFakeFetch } from './fakeWandb';

describe('createGraphqlTransport', () => {
  it('sends what the W&B web app sends: POST /graphql, cookies, X-Origin, JSON body with operationName', async () => {
    const fake = createFakeFetch(() => ({
      json: { data: { entity: { id: 't1', name: 'vision', isTeam: true, organization: null, members: [] } } },
    }));
    const transport = createGraphqlTransport({
      apiOrigin: 'https://api.wandb.ai/',
      appOrigin: 'https://wandb.ai',
      fetch: fake.fetch,
    });

    const data = await transport.request(TEAM_MEMBERS_QUERY, { name: 'vision' }, teamMembersDataSchema);

    expect(data.entity?.name).toBe('vision');
    expect(fake.requests).toHaveLength(1);
    const [sent] = fake.requests;
    expect(sent).toMatchObject({
      method: 'POST',
      url: 'https://api.wandb.ai/graphql',
      credentials: 'include',
      operationName: 'TeamMembers',
      variables: { name: 'vision' },
      query: TEAM_MEMBERS_QUERY,
    });
    expect(sent?.headers['content-type']).toBe('application/json');
    expect(sent?.headers['x-origin']).toBe('https://wandb.ai');
    expect(transport.endpoint).toBe('https://api.wandb.ai/graphql');
  });

  it('keeps its own Content-Type and X-Origin over extra headers, and honours another credentials mode', async () => {
    const fake = createFakeFetch(() => ({ json: { data: { ok: true } } }));
    const transport = createGraphqlTransport({
      apiOrigin: 'https://wandb.example.io',
      appOrigin: 'https://wandb.example.io',
      fetch: fake.fetch,
      credentials: 'omit',
      headers: { 'X-Origin': 'https://evil.test', 'use-admin-privileges': 'true' },
    });
    await transport.request('query Ping { ok }', {}, z.object({ ok: z.boolean() }));
    expect(fake.requests[0]).toMatchObject({ url: 'https://wandb.example.io/graphql', credentials: 'omit' });
    expect(fake.requests[0]?.headers).toMatchObject({
      'x-origin': 'https://wandb.example.io',
      'use-admin-privileges': 'true',
    });
  });

  it('calls the injected fetch without binding it to the options object (browsers reject a foreign `this`)', async () => {
    let receivedThis: unknown = 'unset';
    const fetch = function (this: unknown) {
      receivedThis = this;
      return Promise.resolve(new Response(JSON.stringify({ data: { ok: true } })));
    };
    const transport = createGraphqlTransport({
      apiOrigin: 'https://api.wandb.ai',
      appOrigin: 'https://wandb.ai',
      fetch,
    });
    await transport.request('query Ping { ok }', {}, z.object({ ok: z.boolean() }));
    expect(receivedThis).toBeUndefined();
  });

  it('rejects with cancelled when the caller aborts, before or during the request', async () => {
    const fake = createFakeFetch(() => ({ hang: true }));
    const transport = createGraphqlTransport({
      apiOrigin: 'https://api.wandb.ai',
      appOrigin: 'https://wandb.ai',
      fetch: fake.fetch,
    });
    const before = new AbortController();
    before.abort();
    await expect(
      transport.request(VIEWER_QUERY, {}, z.unknown(), { signal: before.signal }),
    ).rejects.toMatchObject({
      kind: 'cancelled',
    });
    expect(fake.requests).toHaveLength(0);

    const during = new AbortController();
    const pending = transport.request(VIEWER_QUERY, {}, z.unknown(), { signal: during.signal });
    setTimeout(() => during.abort(), 5);
    await expect(pending).rejects.toMatchObject({ kind: 'cancelled' });
    expect(fake.requests).toHaveLength(1);
  });
});

describe('operationNameOf', () => {
  it.each([
    [VIEWER_QUERY, 'Viewer'],
    [ORG_DIRECTORY_QUERY, 'OrgDirectory'],
    ['mutation CreateInvite($entity: String!) { x }', 'CreateInvite'],
    ['{ viewer { id } }', undefined],
  ])('%#', (document, expected) => {
    expect(operationNameOf(document)).toBe(expected);
  });
});

describe('withRetry', () => {
  function scripted(failures: WandbError[], value = 'ok') {
    let calls = 0;
    const fn = vi.fn(async () => {
      const failure = failures[calls++];
      if (failure) throw failure;
      return value;
    });
    return fn;
  }

  function recorder() {
    const waits: number[] = [];
    const retries: RetryInfo[] = [];
    return {
      waits,
      retries,
      options: {
        sleep: async (ms: number) => {
          waits.push(ms);
        },
        random: () => 1 - Number.EPSILON,
        onRetry: (info: RetryInfo) => retries.push(info),
      },
    };
  }

  it('retries transient failures with growing, capped backoff and then succeeds', async () => {
    const fn = scripted([
      serverError(503),
      networkLikeError(),
      serverError(500),
      serverError(502),
      serverError(500),
    ]);
    const { waits, retries, options } = recorder();
    await expect(withRetry(fn, { ...options, baseMs: 100, maxMs: 1000 })).resolves.toBe('ok');
    expect(fn).toHaveBeenCalledTimes(6);
    // random ≈ 1, so each wait is just under its ceiling: 100, 200, 400, 800, then capped at 1000.
    expect(waits).toEqual([99, 199, 399, 799, 999]);
    expect(retries.map((info) => [info.retry, info.error.kind])).toEqual([
      [1, 'server'],
      [2, 'network'],
      [3, 'server'],
      [4, 'server'],
      [5, 'server'],
    ]);
  });

  it('waits at least Retry-After on a 429, even above the backoff ceiling', async () => {
    const fn = scripted([rateLimitedError(30_000), rateLimitedError(undefined)]);
    const { waits, options } = recorder();
    await withRetry(fn, { ...options, random: () => 0, baseMs: 250, maxMs: 8000 });
    expect(waits).toEqual([30_000, 0]);
  });

  it('uses the jittered backoff when it is longer than Retry-After', () => {
    const delay = retryDelayMs(rateLimitedError(100), 4, { baseMs: 250, maxMs: 8000, random: () => 0.5 });
    expect(delay).toBe(1000);
  });

  it('gives up after `retries` retries and rejects with the last failure', async () => {
    const last = serverError(504);
    const fn = scripted([serverError(500), serverError(502), last, serverError(500)]);
    const { waits, options } = recorder();
    await expect(withRetry(fn, { ...options, retries: 2 })).rejects.toBe(last);
    expect(fn).toHaveBeenCalledTimes(3);
    expect(waits).toHaveLength(2);
  });

  it.each([
    ['not-signed-in', notSignedInError(401)],
    ['schema-mismatch', schemaMismatchError('Organization.usedSeats')],
    ['not-admin', new WandbError({ kind: 'not-admin', message: 'x' })],
    ['bad-response', new WandbError({ kind: 'bad-response', message: 'x' })],
    ['graphql', new WandbError({ kind: 'graphql', message: 'x' })],
  ])('never retries %s', async (_kind, failure) => {
    const fn = scripted([failure]);
    const { waits, options } = recorder();
    await expect(withRetry(fn, options)).rejects.toBe(failure);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(waits).toEqual([]);
  });

  it('does not retry errors that are not WandbErrors', async () => {
    const fn = vi.fn(async () => {
      throw new RangeError('bug');
    });
    await expect(withRetry(fn, recorder().options)).rejects.toThrow('bug');
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('stops waiting and rejects with cancelled when aborted during a backoff', async () => {
    const controller = new AbortController();
    const fn = scripted([serverError(500), serverError(500)]);
    const pending = withRetry(fn, {
      signal: controller.signal,
      baseMs: 10_000,
      maxMs: 10_000,
      random: () => 1,
    });
    setTimeout(() => controller.abort(), 5);
    await expect(pending).rejects.toMatchObject({ kind: 'cancelled' });
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('retries a real 503 from the transport, then parses the answer', async () => {
    let calls = 0;
    const fake = createFakeFetch(() =>
      ++calls < 3
        ? { status: 503, headers: { 'Retry-After': '1' }, text: 'busy' }
        : { json: { data: { viewer: null } } },
    );
    const transport = createGraphqlTransport({
      apiOrigin: 'https://api.wandb.ai',
      appOrigin: 'https://wandb.ai',
      fetch: fake.fetch,
    });
    const { waits, options } = recorder();
    const data = await withRetry(
      () => transport.request(VIEWER_QUERY, {}, z.object({ viewer: z.null() })),
      options,
    );
    expect(data).toEqual({ viewer: null });
    expect(fake.operations()).toEqual(['Viewer', 'Viewer', 'Viewer']);
    expect(waits).toHaveLength(2);
  });
});

function networkLikeError(): WandbError {
  return new WandbError({ kind: 'network', message: 'Could not reach W&B.' });
}
